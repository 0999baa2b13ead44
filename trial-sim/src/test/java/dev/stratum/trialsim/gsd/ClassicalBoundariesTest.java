package dev.stratum.trialsim.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Classical two-sided boundaries against the published constants of Jennison &amp; Turnbull (2000),
 * Group Sequential Methods with Applications to Clinical Trials, Table 2.1 (Pocock C_P(K, 0.05))
 * and Table 2.3 (O'Brien-Fleming C_B(K, 0.05)), given to 3 decimals (tolerance 5e-4).
 */
class ClassicalBoundariesTest {

  @ParameterizedTest(name = "K={0}: Pocock {1}, O''Brien-Fleming {2}")
  @CsvSource({
    "1, 1.960, 1.960",
    "2, 2.178, 1.977",
    "3, 2.289, 2.004",
    "4, 2.361, 2.024",
    "5, 2.413, 2.040"
  })
  void matchesJennisonTurnbullTables(int k, double pocock, double obf) {
    double[] t = GsdSpec.equalTiming(k);
    GroupSequentialDesign p =
        GroupSequentialDesign.of(
            new GsdSpec(
                t,
                0.025,
                0.1,
                2,
                new UpperBoundary.Classical(UpperBoundary.Shape.POCOCK),
                null,
                false,
                18));
    GroupSequentialDesign o =
        GroupSequentialDesign.of(
            new GsdSpec(
                t,
                0.025,
                0.1,
                2,
                new UpperBoundary.Classical(UpperBoundary.Shape.OBRIEN_FLEMING),
                null,
                false,
                18));
    assertEquals(pocock, p.upper()[0], 5e-4);
    // C_B(K) is the final-look value: b_k = C_B sqrt(K / k)
    assertEquals(obf, o.upper()[k - 1], 5e-4);
    for (int i = 0; i < k; i++) {
      assertEquals(-p.upper()[i], p.lower()[i], 0);
    }
  }

  @Test
  void finerGridChangesBoundsBelowTheTolerance() {
    // the Jennison-Turnbull grid with r = 18 (gsDesign default) is accurate to the 1e-6 the issue
    // asks of boundaries: a grid 2.7 times finer moves bounds by less than that
    double[] t = {0.3, 0.6, 1};
    UpperBoundary ub = new UpperBoundary.Spending(new SpendingFunction.LanDeMetsOBrienFleming());
    GroupSequentialDesign a =
        GroupSequentialDesign.of(
            new GsdSpec(t, 0.025, 0.1, 1, ub, new SpendingFunction.HwangShihDeCani(-2), false, 18));
    GroupSequentialDesign b =
        GroupSequentialDesign.of(
            new GsdSpec(t, 0.025, 0.1, 1, ub, new SpendingFunction.HwangShihDeCani(-2), false, 48));
    for (int i = 0; i < 3; i++) {
      assertEquals(b.upper()[i], a.upper()[i], 1e-6);
      assertEquals(b.lower()[i], a.lower()[i], 1e-6);
    }
    assertEquals(b.inflationFactor(), a.inflationFactor(), 1e-6);
  }

  @Test
  void bindingFutilityLowersTheEfficacyBound() {
    double[] t = GsdSpec.equalTiming(3);
    UpperBoundary ub = new UpperBoundary.Spending(new SpendingFunction.LanDeMetsOBrienFleming());
    SpendingFunction lo = new SpendingFunction.LanDeMetsOBrienFleming();
    GroupSequentialDesign nb =
        GroupSequentialDesign.of(new GsdSpec(t, 0.025, 0.1, 1, ub, lo, false, 18));
    GroupSequentialDesign bi =
        GroupSequentialDesign.of(new GsdSpec(t, 0.025, 0.1, 1, ub, lo, true, 18));
    assertTrue(bi.upper()[2] < nb.upper()[2]);
    assertTrue(bi.inflationFactor() < nb.inflationFactor());
    // the futility bound meets the efficacy bound at the final look
    assertEquals(nb.upper()[2], nb.lower()[2], 1e-9);
    assertEquals(bi.upper()[2], bi.lower()[2], 1e-9);
  }

  @Test
  void rejectsBadTimingWithAnActionableMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GsdSpec.efficacy(
                    new double[] {0.5, 0.4, 1}, 0.025, 0.1, UpperBoundary.parse("ldof")));
    assertTrue(
        e.getMessage().startsWith("timing must increase strictly within (0, 1], got"),
        e.getMessage());
  }
}
