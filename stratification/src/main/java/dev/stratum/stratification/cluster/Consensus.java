package dev.stratum.stratification.cluster;

import java.util.SplittableRandom;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.UPGMALinkage;

/**
 * Consensus clustering, Monti, Tamayo, Mesirov and Golub (2003), Machine Learning 52:91-118: run a
 * base method on H random subsamples (a share of the patients, without replacement); the consensus
 * M(i,j) is the share of the subsamples holding both i and j in which they fell in the same cluster
 * (eq. 1-2). The final partition cuts an average-linkage tree on 1 - M. The proportion of ambiguous
 * clustering, PAC = CDF(0.9) - CDF(0.1) over the pairs i &lt; j (Senbabaoglu, Michailidis and Li
 * 2014, Sci. Rep. 4:6207), is low when the consensus is crisp.
 *
 * <p>The n x n matrix is held and handed out without copying (it can be hundreds of MB); treat it
 * as read-only.
 *
 * @param matrix the consensus matrix {@code [i][j]} in [0, 1]
 * @param labels the consensus partition
 * @param pac proportion of ambiguous clustering for the (0.1, 0.9) window
 */
public record Consensus(double[][] matrix, int[] labels, double pac) {

  /**
   * Runs consensus clustering. Subsample h uses its own split of the seed, so the result does not
   * depend on scheduling.
   */
  public static Consensus run(
      Method base, ClusterInput in, int k, int resamples, double fraction, long seed) {
    if (resamples < 2) {
      throw new IllegalArgumentException("resamples must be >= 2, got " + resamples);
    }
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }
    int n = in.size();
    int m = Math.max(k + 1, (int) Math.round(fraction * n));
    int[][] together = new int[n][n];
    int[][] sampled = new int[n][n];
    SplittableRandom root = new SplittableRandom(seed);
    int[] idx = new int[n];
    for (int h = 0; h < resamples; h++) {
      SplittableRandom r = root.split();
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      for (int i = 0; i < m; i++) { // partial Fisher-Yates
        int j = i + r.nextInt(n - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      int[] rows = java.util.Arrays.copyOf(idx, m);
      java.util.Arrays.sort(rows);
      int[] y = base.cluster(in.subset(rows), k, r.nextLong());
      for (int a = 0; a < m; a++) {
        int[] ta = together[rows[a]];
        int[] sa = sampled[rows[a]];
        for (int b = a + 1; b < m; b++) {
          sa[rows[b]]++;
          if (y[a] == y[b]) {
            ta[rows[b]]++;
          }
        }
      }
    }
    double[][] mat = new double[n][n];
    int pairs = 0;
    int ambiguous = 0;
    for (int i = 0; i < n; i++) {
      mat[i][i] = 1;
      for (int j = i + 1; j < n; j++) {
        double v = sampled[i][j] == 0 ? 0 : (double) together[i][j] / sampled[i][j];
        mat[i][j] = v;
        mat[j][i] = v;
        pairs++;
        if (v > 0.1 && v < 0.9) {
          ambiguous++;
        }
      }
    }
    double[][] dissimilarity = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        dissimilarity[i][j] = 1 - mat[i][j];
      }
    }
    int[] labels =
        Method.relabel(HierarchicalClustering.fit(new UPGMALinkage(dissimilarity)).partition(k));
    return new Consensus(mat, labels, pairs == 0 ? 0 : (double) ambiguous / pairs);
  }

  /** Empirical CDF of the consensus values over pairs i &lt; j at the given points. */
  public double[] cdf(double[] at) {
    int n = matrix.length;
    double[] out = new double[at.length];
    long pairs = (long) n * (n - 1) / 2;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double v = matrix[i][j];
        for (int a = 0; a < at.length; a++) {
          if (v <= at[a]) {
            out[a]++;
          }
        }
      }
    }
    for (int a = 0; a < at.length; a++) {
      out[a] /= pairs;
    }
    return out;
  }
}
