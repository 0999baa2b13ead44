package dev.stratum.trialsim.sim;

import dev.stratum.trialsim.Normal;
import java.util.Arrays;

/**
 * The pieces of the closed combination test for adaptive enrichment designs (Bauer &amp; Köhne
 * 1994; Lehmacher &amp; Wassmer 1999; Brannath, Zuber, Branson et al. 2009; Jenkins, Stone &amp;
 * Jennison 2011; Wassmer &amp; Brannath 2016, ch. 11).
 *
 * <p>The populations a rule can select are the non-empty unions of strata, indexed by a bit mask
 * (bit s set when stratum s belongs to the population; the full population has all bits). Each has
 * a null hypothesis H_P (no treatment effect on average in P). A population H_P is rejected when
 * every intersection hypothesis H_I, I a set of populations containing P, is rejected by a
 * level-alpha test (Marcus, Peritz &amp; Gabriel 1976). H_I is tested by the inverse-normal
 * combination of stage-wise p-values: with planned information fractions t_1 &lt; ... &lt; t_K and
 * weights w_j = sqrt(t_j - t_{j-1}), the statistic at look k is
 *
 * <pre>  Z_I,k = sum_{j&lt;=k} w_j Phi^-1(1 - p_I,j) / sqrt(t_k)</pre>
 *
 * compared with the group-sequential bound u_k. Stage-wise p-values are independent and uniform
 * under H_I, so Z_I,k has the canonical joint distribution whatever was adapted in between
 * (Lehmacher &amp; Wassmer 1999). Up to the selection, p_I,j is the Simes (1986) or Bonferroni
 * combination of the populations' stage-j p-values; after it only the selected population P* is
 * followed, and p_I,j = p_P*,j for every I containing P* (Bauer &amp; Kieser 1999).
 *
 * <p>Because both intersection tests are monotone in each p-value, the intersection that is hardest
 * to reject among all I containing P* is P* together with the populations with the largest
 * p-values; {@link #worstIntersectionP} finds it among |family| candidates instead of the
 * 2^(|family|-1) intersections.
 */
public final class ClosedCombinationTest {
  private ClosedCombinationTest() {}

  /** Simes (1986) p-value of the intersection of m hypotheses: min_i m p_(i) / i (capped at 1). */
  public static double simes(double... p) {
    double[] s = p.clone();
    Arrays.sort(s);
    double best = 1;
    for (int i = 0; i < s.length; i++) {
      best = Math.min(best, s.length * s[i] / (i + 1));
    }
    return best;
  }

  /** Bonferroni p-value of the intersection of m hypotheses: m min_i p_i (capped at 1). */
  public static double bonferroni(double... p) {
    double min = 1;
    for (double x : p) {
      min = Math.min(min, x);
    }
    return Math.min(1, p.length * min);
  }

  /** The p-value of an intersection by the chosen test. */
  public static double intersection(Enrichment.Intersection test, double... p) {
    return test == Enrichment.Intersection.SIMES ? simes(p) : bonferroni(p);
  }

  /**
   * The largest intersection p-value over all sets of populations that contain {@code target}.
   *
   * @param p p-value of each population by mask; {@code p[0]} is unused, {@code p.length - 1} is
   *     the number of populations in the family
   * @param target mask of the population whose hypothesis is to be rejected
   * @param test Simes or Bonferroni
   * @param scratch work array of length &gt;= p.length
   */
  public static double worstIntersectionP(
      double[] p, int target, Enrichment.Intersection test, double[] scratch) {
    int family = p.length - 1;
    int q = 0;
    for (int mask = 1; mask <= family; mask++) {
      if (mask != target) {
        scratch[q++] = p[mask];
      }
    }
    Arrays.sort(scratch, 0, q);
    double pt = p[target];
    double worst = pt;
    // I_m = {target} and the m - 1 largest others: scratch[q - m + 1 .. q - 1], ascending
    for (int m = 2; m <= family; m++) {
      int from = q - m + 1;
      double value;
      if (test == Enrichment.Intersection.BONFERRONI) {
        value = m * Math.min(pt, scratch[from]);
      } else {
        value = 1;
        boolean placed = false;
        int rank = 0;
        for (int i = from; i < q; i++) {
          if (!placed && pt <= scratch[i]) {
            rank++;
            value = Math.min(value, m * pt / rank);
            placed = true;
          }
          rank++;
          value = Math.min(value, m * scratch[i] / rank);
        }
        if (!placed) {
          value = Math.min(value, pt); // pt is the largest: m * pt / m
        }
      }
      worst = Math.max(worst, value);
    }
    return Math.min(1, worst);
  }

  /** One-sided p-value of a z statistic (large z favours the experimental arm): 1 - Phi(z). */
  public static double pValue(double z) {
    return Normal.sf(z);
  }

  /** The z statistic of a one-sided p-value, Phi^-1(1 - p), finite for p in [0, 1]. */
  public static double zValue(double p) {
    if (p >= 1) {
      return -40;
    }
    if (p <= 1e-300) {
      return 40;
    }
    return Normal.upperQuantile(p);
  }

  /**
   * Inverse-normal weights from planned information fractions: w_j = sqrt(t_j - t_{j-1}) (Lehmacher
   * &amp; Wassmer 1999), so that sum_{j&lt;=k} w_j^2 = t_k.
   */
  public static double[] weights(double[] timing) {
    double[] w = new double[timing.length];
    double prev = 0;
    for (int j = 0; j < timing.length; j++) {
      w[j] = Math.sqrt(timing[j] - prev);
      prev = timing[j];
    }
    return w;
  }

  /** The inverse-normal combination statistic at look k (0-based) of stage-wise z statistics. */
  public static double combine(double[] weights, double[] stageZ, int k) {
    double num = 0;
    double t = 0;
    for (int j = 0; j <= k; j++) {
      num += weights[j] * stageZ[j];
      t += weights[j] * weights[j];
    }
    return num / Math.sqrt(t);
  }
}
