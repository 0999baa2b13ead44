package dev.stratum.trialsim.power;

/**
 * A sample-size or power question for two proportions. Give exactly one of {@code power} and {@code
 * n}.
 *
 * @param p1 response (event) probability in group 1, the experimental group
 * @param p2 response probability in group 2, the control group
 * @param alpha significance level, two-sided when {@code sided == 2}
 * @param sided 1 or 2
 * @param ratio n2/n1 allocation ratio (1: equal groups, as power.prop.test)
 * @param strict count both rejection tails in two-sided power (R's strict = TRUE)
 * @param margin non-inferiority margin M &gt; 0 (H0: p1 - p2 &lt;= -M, Farrington-Manning test,
 *     one-sided at alpha/sided), or 0 for the superiority test of power.prop.test
 * @param power target power, or NaN to solve for it
 * @param n size of group 1, or NaN to solve for it
 */
public record ProportionsSpec(
    double p1,
    double p2,
    double alpha,
    int sided,
    double ratio,
    boolean strict,
    double margin,
    double power,
    double n) {
  public ProportionsSpec {
    Check.open01("p1", p1);
    Check.open01("p2", p2);
    Check.open01("alpha", alpha);
    Check.sided(sided);
    Check.positive("ratio", ratio);
    Check.nonNegative("margin", margin);
    Check.oneOf("power", power, "n", n);
    if (margin == 0 && p1 == p2) {
      throw new IllegalArgumentException("p1 and p2 must differ for superiority, both are " + p1);
    }
    if (margin > 0 && !(p1 - p2 + margin > 0)) {
      throw new IllegalArgumentException(
          "non-inferiority needs p1 - p2 > -margin, got p1 - p2 = " + (p1 - p2));
    }
    if (margin >= 1) {
      throw new IllegalArgumentException("margin must be in [0, 1), got " + margin);
    }
  }
}
