package dev.stratum.trialsim;

import org.hipparchus.special.Erf;

/**
 * The standard normal distribution with accurate tails. The quantile starts from Hipparchus'
 * inverse error function and takes Newton steps on the tail probability, so {@code quantile(p)} is
 * accurate to a few ulps even for p near 0 or 1 (where {@code 2p - 1} loses digits).
 */
public final class Normal {
  private static final double INV_SQRT_2PI = 0.398942280401432677939946059934;
  private static final double SQRT2 = 1.41421356237309504880168872421;

  private Normal() {}

  /** Density phi(x). */
  public static double pdf(double x) {
    return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /** Lower tail Phi(x) = P(Z <= x), accurate in relative terms for x far below 0. */
  public static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / SQRT2);
  }

  /** Upper tail 1 - Phi(x) = P(Z > x), accurate in relative terms for x far above 0. */
  public static double sf(double x) {
    return 0.5 * Erf.erfc(x / SQRT2);
  }

  /** The p-quantile Phi^{-1}(p) for p in (0, 1); -Inf at 0 and +Inf at 1. */
  public static double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (p > 0.5) {
      return -lowerQuantile(1 - p);
    }
    return lowerQuantile(p);
  }

  /**
   * The upper-tail critical value z with P(Z > z) = alpha, computed on the small tail so that alpha
   * = 1e-12 keeps full precision.
   */
  public static double upperQuantile(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    return alpha <= 0.5 ? -lowerQuantile(alpha) : lowerQuantile(1 - alpha);
  }

  /** Quantile for p in (0, 0.5]: erfInv start, then Newton on the relative error of Phi. */
  private static double lowerQuantile(double p) {
    double x = -SQRT2 * Erf.erfcInv(2 * p);
    for (int i = 0; i < 4; i++) {
      double f = cdf(x);
      double d = pdf(x);
      if (d == 0) {
        break;
      }
      double step = (f - p) / d;
      x -= step;
      if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) {
        break;
      }
    }
    return x;
  }
}
