package dev.stratum.trialsim;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * Central and noncentral Student t probabilities as R computes them, so that sample sizes match
 * {@code power.t.test} to many digits.
 *
 * <p>The noncentral cdf is Lenth's (1989) algorithm AS 243 with the refinements R's {@code pnt}
 * carries (Guenther's 1978 twin series, the normal approximation of Abramowitz &amp; Stegun 26.7.10
 * for df &gt; 4e5 or extreme noncentrality, convergence to 1e-12).
 */
public final class NoncentralT {
  private static final double ERRMAX = 1e-12;
  private static final int ITRMAX = 1000;
  private static final double M_SQRT_2DPI = 0.797884560802865355879892119869;
  private static final double M_LN_SQRT_PI = 0.572364942924700087071713675677;

  private NoncentralT() {}

  /** Central t cdf P(T_df <= t). */
  public static double centralCdf(double t, double df) {
    return new TDistribution(df, 1e-14).cumulativeProbability(t);
  }

  /** Upper critical value of the central t: P(T_df > q) = alpha. */
  public static double upperQuantile(double alpha, double df) {
    // symmetric: solve on the lower tail, whose probability is small and exact in the cdf
    return -new TDistribution(df, 1e-15).inverseCumulativeProbability(alpha);
  }

  /**
   * P(T &lt;= t) for T noncentral t with {@code df} degrees of freedom and noncentrality {@code
   * ncp} (Lenth 1989, AS 243; R's pnt).
   */
  public static double cdf(double t, double df, double ncp) {
    return pnt(t, df, ncp, true);
  }

  /** P(T &gt; t), computed without cancellation on the upper tail as R's lower.tail = FALSE. */
  public static double sf(double t, double df, double ncp) {
    return pnt(t, df, ncp, false);
  }

  private static double pnt(double t, double df, double ncp, boolean lowerTail) {
    if (!(df > 0)) {
      throw new IllegalArgumentException("df must be > 0, got " + df);
    }
    if (ncp == 0.0) {
      double c = centralCdf(t, df);
      return lowerTail ? c : centralCdf(-t, df);
    }
    if (Double.isInfinite(t)) {
      return (t < 0) == lowerTail ? 0.0 : 1.0;
    }
    boolean negdel;
    double tt;
    double del;
    if (t >= 0) {
      negdel = false;
      tt = t;
      del = ncp;
    } else {
      if (ncp > 40 && !lowerTail) {
        return 1.0;
      }
      if (ncp > 40) {
        return 0.0;
      }
      negdel = true;
      tt = -t;
      del = -ncp;
    }
    if (df > 4e5 || del * del > 2 * Math.log(2) * 1021) {
      // Abramowitz & Stegun 26.7.10
      double s = 1. / (4. * df);
      double z = (tt * (1. - s) - del) / Math.sqrt(1. + tt * tt * 2. * s);
      boolean lower = lowerTail != negdel;
      return lower ? Normal.cdf(z) : Normal.sf(z);
    }
    double x = t * t;
    double rxb = df / (x + df);
    x = x / (x + df);
    double tnc;
    if (x > 0.) {
      double lambda = del * del;
      double p = .5 * Math.exp(-.5 * lambda);
      if (p == 0.) {
        return lowerTail != negdel ? 0.0 : 1.0;
      }
      double q = M_SQRT_2DPI * p * del;
      double s = .5 - p;
      if (s < 1e-7) {
        s = -0.5 * Math.expm1(-0.5 * lambda);
      }
      double a = .5;
      double b = .5 * df;
      rxb = Math.pow(rxb, b);
      double albeta = M_LN_SQRT_PI + Gamma.logGamma(b) - Gamma.logGamma(.5 + b);
      double xodd = Beta.regularizedBeta(x, a, b);
      double godd = 2. * rxb * Math.exp(a * Math.log(x) - albeta);
      tnc = b * x;
      double xeven = (tnc < Math.ulp(1.0)) ? tnc : 1. - rxb;
      double geven = tnc * rxb;
      tnc = p * xodd + q * xeven;
      for (int it = 1; it <= ITRMAX; it++) {
        a += 1.;
        xodd -= godd;
        xeven -= geven;
        godd *= x * (a + b - 1.) / a;
        geven *= x * (a + b - .5) / (a + .5);
        p *= lambda / (2 * it);
        q *= lambda / (2 * it + 1);
        tnc += p * xodd + q * xeven;
        s -= p;
        if (s < -1.e-10) {
          break;
        }
        if (s <= 0 && it > 1) {
          break;
        }
        double errbd = 2. * s * (xodd - godd);
        if (Math.abs(errbd) < ERRMAX) {
          break;
        }
      }
    } else {
      tnc = 0.;
    }
    tnc += Normal.cdf(-del);
    boolean lower = lowerTail != negdel;
    tnc = Math.min(tnc, 1.0);
    return lower ? tnc : 1.0 - tnc;
  }
}
