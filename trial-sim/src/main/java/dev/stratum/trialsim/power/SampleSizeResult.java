package dev.stratum.trialsim.power;

/**
 * The answer of a sample-size or power calculation. Sizes are unrounded (as R reports them) with
 * the per-group size also rounded up; quantities that do not apply are NaN.
 *
 * @param nPerGroup size of group 1 (control for two-sample designs; pairs or subjects otherwise)
 * @param nGroup2 size of group 2 ({@code ratio * nPerGroup}); NaN for one-group designs
 * @param nTotal all subjects
 * @param nPerGroupCeil {@code nPerGroup} rounded up; 0 when no size applies
 * @param power probability of rejecting H0 at the design alternative
 * @param events required or given number of events (survival); NaN otherwise
 */
public record SampleSizeResult(
    double nPerGroup,
    double nGroup2,
    double nTotal,
    long nPerGroupCeil,
    double power,
    double events) {

  static SampleSizeResult ofSize(double n1, double ratio, boolean twoGroups, double power) {
    double n2 = twoGroups ? ratio * n1 : Double.NaN;
    double total = twoGroups ? n1 + n2 : n1;
    return new SampleSizeResult(n1, n2, total, ceil(n1), power, Double.NaN);
  }

  /** Rounds up, ignoring floating-point noise just above an integer (63.0000000001 -> 63). */
  static long ceil(double x) {
    if (Double.isNaN(x)) {
      return 0;
    }
    double r = Math.rint(x);
    if (Math.abs(x - r) < 1e-9 * Math.max(1, r)) {
      return (long) r;
    }
    return (long) Math.ceil(x);
  }
}
