package dev.stratum.trialsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The intersection tests and the shortcut that finds the hardest intersection. */
class ClosedCombinationTestTest {

  @Test
  void simesAndBonferroniByHand() {
    // Simes (1986): min(3 * 0.01 / 1, 3 * 0.03 / 2, 3 * 0.04 / 3) = 0.03
    assertEquals(0.03, ClosedCombinationTest.simes(0.04, 0.01, 0.03), 1e-15);
    // all p-values equal: the Simes p-value is that value (m p / m)
    assertEquals(0.2, ClosedCombinationTest.simes(0.2, 0.2, 0.2, 0.2), 1e-15);
    // Bonferroni: 3 * 0.01
    assertEquals(0.03, ClosedCombinationTest.bonferroni(0.04, 0.01, 0.03), 1e-15);
    assertEquals(1, ClosedCombinationTest.bonferroni(0.5, 0.6), 0);
  }

  @Test
  void inverseNormalWeightsFromTimingGiveTheCumulativeStatistic() {
    // Lehmacher & Wassmer (1999): with w_j = sqrt(t_j - t_{j-1}) the combination of the stage
    // increments of a Brownian motion is the cumulative z: here z1 = 1 at t = 0.25 and a second
    // stage z2 = 2 over 0.75: (0.5 * 1 + sqrt(0.75) * 2) / 1
    double[] w = ClosedCombinationTest.weights(new double[] {0.25, 1});
    assertEquals(0.5, w[0], 1e-15);
    assertEquals(Math.sqrt(0.75), w[1], 1e-15);
    assertEquals(1, ClosedCombinationTest.combine(w, new double[] {1, 2}, 0), 1e-15);
    assertEquals(
        0.5 + Math.sqrt(0.75) * 2, ClosedCombinationTest.combine(w, new double[] {1, 2}, 1), 1e-15);
  }

  @Test
  void zAndPValuesAreInverse() {
    // Phi^-1(0.975) = 1.959963984540054 (R qnorm(0.975))
    assertEquals(1.959963984540054, ClosedCombinationTest.zValue(0.025), 1e-12);
    assertEquals(0.025, ClosedCombinationTest.pValue(1.959963984540054), 1e-15);
  }

  /**
   * The shortcut equals the maximum over every set of populations containing the target, found by
   * enumerating the 2^(M-1) sets (seeded loop; the seed is in the message).
   */
  @Test
  void hardestIntersectionEqualsEnumeration() {
    SplittableRandom rng = new SplittableRandom(20261128L);
    for (int trial = 0; trial < 400; trial++) {
      int strata = 2 + trial % 3; // 3, 7 or 15 populations
      int family = (1 << strata) - 1;
      double[] p = new double[family + 1];
      for (int mask = 1; mask <= family; mask++) {
        // ties on purpose now and then
        p[mask] = trial % 7 == 0 ? rng.nextInt(4) / 8.0 : rng.nextDouble() * 0.2;
      }
      int target = 1 + rng.nextInt(family);
      for (Enrichment.Intersection test : Enrichment.Intersection.values()) {
        double brute = 0;
        // every subset of the other populations, joined with the target
        int others = family - 1;
        for (long sub = 0; sub < (1L << others); sub++) {
          double[] set = new double[Long.bitCount(sub) + 1];
          int q = 0;
          set[q++] = p[target];
          int bit = 0;
          for (int mask = 1; mask <= family; mask++) {
            if (mask == target) {
              continue;
            }
            if ((sub & (1L << bit)) != 0) {
              set[q++] = p[mask];
            }
            bit++;
          }
          brute = Math.max(brute, ClosedCombinationTest.intersection(test, set));
        }
        double fast =
            ClosedCombinationTest.worstIntersectionP(p, target, test, new double[family + 1]);
        assertEquals(brute, fast, 1e-15, "trial " + trial + " " + test + " (seed 20261128)");
      }
    }
  }
}
