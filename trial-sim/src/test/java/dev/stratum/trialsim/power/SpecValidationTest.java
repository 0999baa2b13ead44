package dev.stratum.trialsim.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Specs validate themselves with messages naming parameter, allowed range and value. */
class SpecValidationTest {
  private static final double NAN = Double.NaN;

  @Test
  void alphaOutOfRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MeansSpec.twoSample(0.5, 1, 1.5, 0.8));
    assertEquals("alpha must be in (0, 1), got 1.5", e.getMessage());
  }

  @Test
  void exactlyOneOfPowerAndSize() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ProportionsSpec(0.3, 0.5, 0.05, 2, 1, false, 0, 0.8, 50));
    assertEquals("give exactly one of power and n (the other is solved for)", e.getMessage());
  }

  @Test
  void survivalSubjectsNeedTheAccrualModel() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SurvivalSpec(
                    0.7, 0.05, 2, SurvivalMethod.LACHIN_FOULKES, 0.5, NAN, null, 0, 0, 0.8, NAN));
    assertTrue(e.getMessage().startsWith("subjects need median-control"), e.getMessage());
  }

  @Test
  void sizeAndPowerAreInverse() {
    // solving for n and then computing the power of that n gives the target back
    MeansSpec s = MeansSpec.twoSample(0.37, 1.3, 0.05, 0.83);
    double n = SampleSize.means(s).nPerGroup();
    MeansSpec back =
        new MeansSpec(
            0.37,
            1.3,
            0.05,
            2,
            MeansDesign.TWO_SAMPLE,
            1,
            TestStatistic.T,
            false,
            Hypothesis.SUPERIORITY,
            0,
            NAN,
            n);
    assertEquals(0.83, SampleSize.means(back).power(), 1e-9);
    assertEquals((long) Math.ceil(n), SampleSize.means(s).nPerGroupCeil());
  }

  @Test
  void equivalenceWithZApproachesTWithLargeSamples() {
    MeansSpec t =
        new MeansSpec(
            0.05,
            1,
            0.05,
            1,
            MeansDesign.TWO_SAMPLE,
            1,
            TestStatistic.T,
            false,
            Hypothesis.EQUIVALENCE,
            0.3,
            NAN,
            2000);
    MeansSpec z =
        new MeansSpec(
            0.05,
            1,
            0.05,
            1,
            MeansDesign.TWO_SAMPLE,
            1,
            TestStatistic.Z,
            false,
            Hypothesis.EQUIVALENCE,
            0.3,
            NAN,
            2000);
    assertEquals(SampleSize.means(z).power(), SampleSize.means(t).power(), 1e-3);
  }
}
