package dev.stratum.stratification;

import java.util.List;

/**
 * Patients in clustering space: per-layer blocks (PCA scores, weighted, with missing layers
 * imputed), the concatenated matrix, and the standardized features kept for profiles. Built by
 * {@link Preparation#fit}; arrays are owned by this object and handed out as copies.
 */
public final class PreparedData {
  final List<String> sampleIds;
  final List<LayerTransform> transforms;
  final double[][][] blocks; // [layer][sample][dim]
  final boolean[][] present; // [layer][sample]
  final double[][][] zscores; // [layer][sample][feature], NaN where missing
  final double[][] missingFraction; // [layer][sample]
  final double[][] data; // [sample][dim], concatenated blocks (+ missingness columns)

  PreparedData(
      List<String> sampleIds,
      List<LayerTransform> transforms,
      double[][][] blocks,
      boolean[][] present,
      double[][][] zscores,
      double[][] missingFraction,
      double[][] data) {
    this.sampleIds = List.copyOf(sampleIds);
    this.transforms = List.copyOf(transforms);
    this.blocks = blocks;
    this.present = present;
    this.zscores = zscores;
    this.missingFraction = missingFraction;
    this.data = data;
  }

  public List<String> sampleIds() {
    return sampleIds;
  }

  public List<LayerTransform> transforms() {
    return transforms;
  }

  public int size() {
    return sampleIds.size();
  }

  /** Number of columns of the clustering space. */
  public int dimension() {
    return data[0].length;
  }

  /** The clustering space, {@code [sample][dim]} (a copy). */
  public double[][] data() {
    return LayerTransform.deepCopy(data);
  }

  /** Whether sample {@code s} was measured on layer {@code l}. */
  public boolean present(int layer, int s) {
    return present[layer][s];
  }

  /** Number of samples missing at least one whole layer. */
  public int samplesMissingALayer() {
    int c = 0;
    for (int s = 0; s < size(); s++) {
      for (boolean[] p : present) {
        if (!p[s]) {
          c++;
          break;
        }
      }
    }
    return c;
  }

  /** Share of missing values of each sample in each layer, {@code [layer][sample]} (a copy). */
  public double[][] missingFraction() {
    return LayerTransform.deepCopy(missingFraction);
  }
}
