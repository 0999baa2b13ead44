package dev.stratum.stratification.cluster;

/**
 * What a clustering method sees: the concatenated clustering space and the per-layer blocks (for
 * fusion methods such as SNF). Internal hand-over object: arrays are shared, not copied, because
 * consensus clustering builds hundreds of subsets.
 *
 * @param data {@code [sample][dim]}
 * @param blocks {@code [layer][sample][dim]}
 */
public record ClusterInput(double[][] data, double[][][] blocks) {
  public ClusterInput {
    if (data.length == 0) {
      throw new IllegalArgumentException("no samples to cluster");
    }
  }

  public int size() {
    return data.length;
  }

  /** The rows {@code rows} (shared row arrays). */
  public ClusterInput subset(int[] rows) {
    double[][] d = new double[rows.length][];
    double[][][] b = new double[blocks.length][rows.length][];
    for (int i = 0; i < rows.length; i++) {
      d[i] = data[rows[i]];
      for (int l = 0; l < blocks.length; l++) {
        b[l][i] = blocks[l][rows[i]];
      }
    }
    return new ClusterInput(d, b);
  }
}
