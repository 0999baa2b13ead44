package dev.stratum.stratification;

/**
 * How reproducible the clusters are.
 *
 * @param jaccard per cluster, the mean over bootstrap resamples of the best Jaccard similarity
 *     between the cluster (restricted to the resampled patients) and a cluster of the resample
 *     (Hennig 2007, Comput. Stat. Data Anal. 52:258; below 0.6 a cluster "dissolves", above 0.85 it
 *     is highly stable); NaN when bootstraps = 0
 * @param bootstraps number of bootstrap resamples
 * @param meanAri mean adjusted Rand index between runs with different seeds (and with the final
 *     partition); NaN when runs = 0
 * @param minAri smallest such ARI
 * @param runs number of runs
 */
public record Stability(double[] jaccard, int bootstraps, double meanAri, double minAri, int runs) {
  public Stability {
    jaccard = jaccard.clone();
  }
}
