package dev.stratum.trialsim.power;

import java.util.Objects;

/**
 * A sample-size or power question for a comparison of means. Give exactly one of {@code power} and
 * {@code n} (the other NaN): that one is solved for.
 *
 * @param delta true difference of means (experimental - control, or mean - reference value)
 * @param sd standard deviation of one observation (of the paired difference for PAIRED)
 * @param alpha significance level: two-sided when {@code sided == 2}, one-sided when 1. For
 *     non-inferiority and each test of an equivalence (TOST) the one-sided level is alpha/sided.
 * @param sided 1 or 2
 * @param design two-sample, paired or one-sample
 * @param ratio n2/n1 allocation ratio for two samples (1 = equal groups); ignored otherwise
 * @param test exact noncentral t (R power.t.test) or normal approximation
 * @param strict count both rejection tails in two-sided power (R's {@code strict = TRUE})
 * @param hypothesis superiority, non-inferiority or equivalence
 * @param margin non-inferiority or equivalence margin (&gt; 0); 0 for superiority
 * @param power target power in (0, 1), or NaN to solve for power
 * @param n size of group 1 (pairs, subjects), or NaN to solve for it
 */
public record MeansSpec(
    double delta,
    double sd,
    double alpha,
    int sided,
    MeansDesign design,
    double ratio,
    TestStatistic test,
    boolean strict,
    Hypothesis hypothesis,
    double margin,
    double power,
    double n) {

  public MeansSpec {
    Objects.requireNonNull(design, "design");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(hypothesis, "hypothesis");
    if (!Double.isFinite(delta)) {
      throw new IllegalArgumentException("delta must be a finite number, got " + delta);
    }
    Check.positive("sd", sd);
    Check.open01("alpha", alpha);
    Check.sided(sided);
    Check.positive("ratio", ratio);
    Check.oneOf("power", power, "n", n);
    if (hypothesis == Hypothesis.SUPERIORITY) {
      if (margin != 0) {
        throw new IllegalArgumentException("margin applies to non-inferiority or equivalence");
      }
      if (delta == 0) {
        throw new IllegalArgumentException("delta must be non-zero for superiority, got 0");
      }
    } else {
      Check.positive("margin", margin);
    }
    if (hypothesis == Hypothesis.NON_INFERIORITY && !(delta + margin > 0)) {
      throw new IllegalArgumentException(
          "non-inferiority needs delta > -margin, got delta " + delta + ", margin " + margin);
    }
    if (hypothesis == Hypothesis.EQUIVALENCE && !(Math.abs(delta) < margin)) {
      throw new IllegalArgumentException(
          "equivalence needs |delta| < margin, got delta " + delta + ", margin " + margin);
    }
  }

  /** Two-sample superiority, solve for n: as {@code power.t.test(delta, sd, power=power)}. */
  public static MeansSpec twoSample(double delta, double sd, double alpha, double power) {
    return new MeansSpec(
        delta,
        sd,
        alpha,
        2,
        MeansDesign.TWO_SAMPLE,
        1,
        TestStatistic.T,
        false,
        Hypothesis.SUPERIORITY,
        0,
        power,
        Double.NaN);
  }
}
