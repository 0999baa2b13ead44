package dev.stratum.trialsim.power;

import java.util.Objects;

/**
 * A sample-size or power question for a time-to-event comparison by the log-rank test. Give exactly
 * one of {@code power} and {@code events}.
 *
 * @param hazardRatio experimental/control hazard ratio under the alternative (not 1)
 * @param alpha significance level, two-sided when {@code sided == 2}
 * @param sided 1 or 2
 * @param method Schoenfeld, Freedman or Lachin-Foulkes
 * @param allocation fraction of patients allocated to the experimental arm, in (0, 1)
 * @param medianControl median survival in the control arm (exponential), or NaN when subjects are
 *     not wanted; required for Lachin-Foulkes
 * @param accrual recruitment shape and duration, or null (then only events are computed)
 * @param followUp follow-up after the end of accrual until the analysis (&gt;= 0)
 * @param dropout exponential dropout hazard per time unit in both arms (&gt;= 0)
 * @param power target power, or NaN to solve for it
 * @param events number of events, or NaN to solve for it
 */
public record SurvivalSpec(
    double hazardRatio,
    double alpha,
    int sided,
    SurvivalMethod method,
    double allocation,
    double medianControl,
    Accrual accrual,
    double followUp,
    double dropout,
    double power,
    double events) {
  public SurvivalSpec {
    Objects.requireNonNull(method, "method");
    Check.positive("hazard ratio", hazardRatio);
    if (hazardRatio == 1) {
      throw new IllegalArgumentException("hazard ratio must differ from 1, got 1");
    }
    Check.open01("alpha", alpha);
    Check.sided(sided);
    Check.open01("allocation", allocation);
    Check.nonNegative("dropout", dropout);
    Check.oneOf("power", power, "events", events);
    boolean wantsSubjects = accrual != null || !Double.isNaN(medianControl);
    if (wantsSubjects || method == SurvivalMethod.LACHIN_FOULKES) {
      if (accrual == null || Double.isNaN(medianControl)) {
        throw new IllegalArgumentException(
            "subjects need median-control, accrual-time and follow-up together"
                + (method == SurvivalMethod.LACHIN_FOULKES ? " (lachin-foulkes needs them)" : ""));
      }
      Check.positive("median-control", medianControl);
      Check.nonNegative("follow-up", followUp);
    }
  }

  /** Events only (no accrual model), as in Schoenfeld (1983) or Freedman (1982). */
  public static SurvivalSpec events(
      SurvivalMethod method, double hazardRatio, double alpha, int sided, double power) {
    return new SurvivalSpec(
        hazardRatio, alpha, sided, method, 0.5, Double.NaN, null, 0, 0, power, Double.NaN);
  }
}
