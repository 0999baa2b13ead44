package dev.stratum.stratification;

import java.util.List;

/**
 * What characterizes one cluster.
 *
 * @param cluster cluster index
 * @param size patients in it
 * @param share share of all patients
 * @param missingLayer per layer (in model order), patients of the cluster without that layer
 * @param topFeatures the features that differ most from the other clusters, by |effect size|
 */
public record ClusterProfile(
    int cluster, int size, double share, int[] missingLayer, List<FeatureEffect> topFeatures) {
  public ClusterProfile {
    missingLayer = missingLayer.clone();
    topFeatures = List.copyOf(topFeatures);
  }

  /**
   * One feature in one cluster versus the rest.
   *
   * @param layer layer name
   * @param feature feature id
   * @param meanIn mean z-score in the cluster
   * @param meanOut mean z-score in the other clusters
   * @param effectSize Cohen's d with pooled standard deviation (Cohen 1988, eq. 2.5.2)
   * @param p Welch two-sample t-test p-value (two-sided)
   * @param q Benjamini-Hochberg adjusted p over all features of all layers for this cluster
   */
  public record FeatureEffect(
      String layer,
      String feature,
      double meanIn,
      double meanOut,
      double effectSize,
      double p,
      double q) {}
}
