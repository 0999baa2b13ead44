package dev.stratum.stratification.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Multiple-testing adjustment. */
public final class MultipleTesting {
  private MultipleTesting() {}

  /**
   * Benjamini and Hochberg (1995), JRSS B 57:289-300, step-up adjusted p-values: q_(i) = min_{j
   * &gt;= i} min(1, m p_(j) / j), as R's {@code p.adjust(p, "BH")}. NaN p-values stay NaN and do
   * not count in m.
   */
  public static double[] benjaminiHochberg(double[] p) {
    Integer[] idx =
        java.util.stream.IntStream.range(0, p.length)
            .filter(i -> !Double.isNaN(p[i]))
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> p[i]));
    int m = idx.length;
    double[] q = new double[p.length];
    Arrays.fill(q, Double.NaN);
    double running = 1;
    for (int r = m - 1; r >= 0; r--) {
      double v = Math.min(1, p[idx[r]] * m / (r + 1));
      running = Math.min(running, v);
      q[idx[r]] = running;
    }
    return q;
  }
}
