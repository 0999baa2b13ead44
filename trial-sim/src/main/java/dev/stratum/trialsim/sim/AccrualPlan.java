package dev.stratum.trialsim.sim;

/**
 * How patients enter the trial: uniformly over a period (the target N spread evenly, entry times
 * i.i.d. uniform), or as a Poisson process with piecewise-constant rates (patients per time unit)
 * until the target N is reached, the last rate continuing as long as needed.
 *
 * @param durations period lengths (one period of length {@code duration} for uniform accrual)
 * @param rates patients per time unit in each period; empty for uniform accrual
 */
public record AccrualPlan(double[] durations, double[] rates) {
  public AccrualPlan {
    durations = durations.clone();
    rates = rates.clone();
    if (durations.length == 0) {
      throw new IllegalArgumentException("accrual needs at least one period");
    }
    for (double d : durations) {
      if (!(d > 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("accrual durations must be finite and > 0, got " + d);
      }
    }
    if (rates.length != 0 && rates.length != durations.length) {
      throw new IllegalArgumentException(
          "piecewise accrual needs one rate per period, got "
              + rates.length
              + " rates for "
              + durations.length
              + " periods");
    }
    for (double r : rates) {
      if (!(r > 0) || Double.isInfinite(r)) {
        throw new IllegalArgumentException("accrual rates must be finite and > 0, got " + r);
      }
    }
  }

  /** N patients entering i.i.d. uniformly over [0, duration]. */
  public static AccrualPlan uniform(double duration) {
    return new AccrualPlan(new double[] {duration}, new double[0]);
  }

  public boolean isUniform() {
    return rates.length == 0;
  }

  @Override
  public double[] durations() {
    return durations.clone();
  }

  @Override
  public double[] rates() {
    return rates.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccrualPlan a
        && java.util.Arrays.equals(durations, a.durations)
        && java.util.Arrays.equals(rates, a.rates);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(durations) * 31 + java.util.Arrays.hashCode(rates);
  }

  @Override
  public String toString() {
    return "AccrualPlan[durations="
        + java.util.Arrays.toString(durations)
        + ", rates="
        + java.util.Arrays.toString(rates)
        + "]";
  }
}
