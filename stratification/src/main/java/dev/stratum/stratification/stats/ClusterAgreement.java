package dev.stratum.stratification.stats;

/** Agreement between two partitions of the same items. */
public final class ClusterAgreement {
  private ClusterAgreement() {}

  /**
   * Adjusted Rand index, Hubert and Arabie (1985), J. Classification 2:193-218, eq. 5: (sum_ij
   * C(n_ij,2) - [sum_i C(a_i,2) sum_j C(b_j,2)] / C(n,2)) / (1/2 [sum_i C(a_i,2) + sum_j C(b_j,2)]
   * - [sum_i C(a_i,2) sum_j C(b_j,2)] / C(n,2)). 1 for identical partitions, about 0 for random
   * ones.
   */
  public static double adjustedRand(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("partitions differ in length");
    }
    int ka = max(a) + 1;
    int kb = max(b) + 1;
    long[][] t = new long[ka][kb];
    long[] ra = new long[ka];
    long[] rb = new long[kb];
    for (int i = 0; i < a.length; i++) {
      t[a[i]][b[i]]++;
      ra[a[i]]++;
      rb[b[i]]++;
    }
    double sumIj = 0;
    for (long[] row : t) {
      for (long v : row) {
        sumIj += choose2(v);
      }
    }
    double sa = 0;
    for (long v : ra) {
      sa += choose2(v);
    }
    double sb = 0;
    for (long v : rb) {
      sb += choose2(v);
    }
    double expected = sa * sb / choose2(a.length);
    double maxIdx = (sa + sb) / 2;
    if (maxIdx == expected) {
      return 1.0; // both partitions trivial (all in one cluster or all singletons)
    }
    return (sumIj - expected) / (maxIdx - expected);
  }

  /** Jaccard similarity of two sets given as membership flags. */
  public static double jaccard(boolean[] x, boolean[] y) {
    int inter = 0;
    int union = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] || y[i]) {
        union++;
        if (x[i] && y[i]) {
          inter++;
        }
      }
    }
    return union == 0 ? 0 : (double) inter / union;
  }

  static double choose2(long v) {
    return v * (v - 1) / 2.0;
  }

  static int max(int[] y) {
    int m = 0;
    for (int v : y) {
      if (v < 0) {
        throw new IllegalArgumentException("labels must be >= 0, got " + v);
      }
      m = Math.max(m, v);
    }
    return m;
  }
}
