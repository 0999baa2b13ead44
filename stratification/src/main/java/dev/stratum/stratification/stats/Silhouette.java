package dev.stratum.stratification.stats;

/**
 * Silhouette widths, Rousseeuw (1987), J. Comput. Appl. Math. 20:53-65: s(i) = (b(i) - a(i)) /
 * max(a(i), b(i)) with a(i) the mean Euclidean distance of i to the other members of its cluster
 * and b(i) the smallest mean distance to another cluster; s(i) = 0 for a singleton cluster.
 */
public final class Silhouette {
  private Silhouette() {}

  /** Per-item silhouette widths. */
  public static double[] widths(double[][] x, int[] labels) {
    int n = x.length;
    int k = ClusterAgreement.max(labels) + 1;
    int[] size = new int[k];
    for (int y : labels) {
      size[y]++;
    }
    double[] s = new double[n];
    double[][] sum = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double d = 0;
        for (int c = 0; c < x[i].length; c++) {
          double t = x[i][c] - x[j][c];
          d += t * t;
        }
        d = Math.sqrt(d);
        sum[i][labels[j]] += d;
        sum[j][labels[i]] += d;
      }
    }
    for (int i = 0; i < n; i++) {
      int own = labels[i];
      if (size[own] <= 1) {
        s[i] = 0;
        continue;
      }
      double a = sum[i][own] / (size[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && size[c] > 0) {
          b = Math.min(b, sum[i][c] / size[c]);
        }
      }
      s[i] = Double.isInfinite(b) ? 0 : (b - a) / Math.max(a, b);
    }
    return s;
  }

  /** Mean silhouette width. */
  public static double mean(double[][] x, int[] labels) {
    double s = 0;
    for (double v : widths(x, labels)) {
      s += v;
    }
    return s / x.length;
  }
}
