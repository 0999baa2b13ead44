package dev.stratum.trialsim.power;

import java.util.Arrays;

/**
 * Piecewise-constant recruitment: period j lasts {@code durations[j]} time units with relative
 * intensity {@code rates[j]}. Uniform accrual is one period. Only the shape matters for sample
 * size; the total number recruited is what the calculation returns.
 */
public final class Accrual {
  private final double[] durations;
  private final double[] rates;

  private Accrual(double[] durations, double[] rates) {
    this.durations = durations;
    this.rates = rates;
  }

  /** Constant accrual over {@code [0, duration]}. */
  public static Accrual uniform(double duration) {
    return piecewise(new double[] {duration}, new double[] {1});
  }

  /** Piecewise-constant accrual: periods of the given durations with the given relative rates. */
  public static Accrual piecewise(double[] durations, double[] rates) {
    if (durations.length == 0 || durations.length != rates.length) {
      throw new IllegalArgumentException(
          "accrual needs as many rates as periods (>= 1), got "
              + durations.length
              + " periods and "
              + rates.length
              + " rates");
    }
    for (int i = 0; i < durations.length; i++) {
      Check.positive("accrual duration[" + i + "]", durations[i]);
      Check.nonNegative("accrual rate[" + i + "]", rates[i]);
    }
    return new Accrual(durations.clone(), rates.clone());
  }

  /** Total accrual duration. */
  public double duration() {
    return Arrays.stream(durations).sum();
  }

  public double[] durations() {
    return durations.clone();
  }

  public double[] rates() {
    return rates.clone();
  }

  /** Patients recruited per unit of the relative rate: sum of rate * duration. */
  double mass() {
    double m = 0;
    for (int i = 0; i < durations.length; i++) {
      m += rates[i] * durations[i];
    }
    return m;
  }

  /**
   * Expected events per unit relative rate by calendar time {@code time} with exponential event
   * hazard {@code lambda} and exponential dropout hazard {@code eta} (Lachin &amp; Foulkes 1986,
   * eq. 3.2 generalised to piecewise accrual; gsDesign eEvents). A patient entering at s has an
   * event by time T with probability lambda/(lambda+eta) (1 - exp(-(lambda+eta)(T - s))).
   */
  double expectedEvents(double lambda, double eta, double time) {
    double h = lambda + eta;
    double d = 0;
    double start = 0;
    for (int i = 0; i < durations.length; i++) {
      double end = Math.min(start + durations[i], time);
      if (end > start) {
        double len = end - start;
        // integral over s in [start, end] of (1 - exp(-h (T - s))) ds
        double integral = len - (Math.exp(-h * (time - end)) - Math.exp(-h * (time - start))) / h;
        d += rates[i] * lambda / h * integral;
      }
      start += durations[i];
    }
    return d;
  }

  /** Probability that a patient recruited by this accrual has an event by {@code time}. */
  double eventProbability(double lambda, double eta, double time) {
    return expectedEvents(lambda, eta, time) / mass();
  }
}
