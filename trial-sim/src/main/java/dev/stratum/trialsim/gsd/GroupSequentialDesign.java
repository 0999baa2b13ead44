package dev.stratum.trialsim.gsd;

import dev.stratum.trialsim.Normal;
import dev.stratum.trialsim.Roots;

/**
 * A group-sequential design: efficacy (and futility) boundaries on the z scale, the drift that
 * gives the required power, the inflation factor over a fixed design, and crossing probabilities.
 * Computed exactly by recursive numerical integration (Armitage, McPherson &amp; Rowe 1969;
 * Jennison &amp; Turnbull 2000, ch. 19), not by simulation.
 *
 * <p>Beta-spending futility bounds follow gsDesign and rpact: the drift theta is found so that the
 * futility bound reached by spending beta meets the efficacy bound at the final look; a futility
 * bound above the efficacy bound at an interim is set equal to it. Non-binding designs compute
 * efficacy bounds ignoring futility, binding designs with it.
 *
 * @param spec the question
 * @param upper efficacy bounds z_k (+Infinity where no alpha is spent)
 * @param lower futility bounds (sided 1), -upper (sided 2), or -Infinity where there is none
 * @param theta drift: E[Z_k] = theta sqrt(t_k) under the alternative powered for
 * @param inflationFactor maximum information over that of the fixed design with the same alpha and
 *     power: (theta / (z_alpha + z_beta))^2
 * @param cumulativeAlpha cumulative P(cross the upper bound by look k | H0); for non-binding
 *     futility the futility bound is ignored (the alpha the design spends)
 * @param upperH1 P(stop for efficacy at look k | theta)
 * @param lowerH1 P(stop at the lower bound at look k | theta)
 * @param upperH0 P(stop for efficacy at look k | H0), futility bounds obeyed
 * @param lowerH0 P(stop at the lower bound at look k | H0)
 */
public record GroupSequentialDesign(
    GsdSpec spec,
    double[] upper,
    double[] lower,
    double theta,
    double inflationFactor,
    double[] cumulativeAlpha,
    double[] upperH1,
    double[] lowerH1,
    double[] upperH0,
    double[] lowerH0) {

  private static final double BOUND_TOL = 1e-12;

  public GroupSequentialDesign {
    upper = upper.clone();
    lower = lower.clone();
    cumulativeAlpha = cumulativeAlpha.clone();
    upperH1 = upperH1.clone();
    lowerH1 = lowerH1.clone();
    upperH0 = upperH0.clone();
    lowerH0 = lowerH0.clone();
  }

  /** Computes the design for {@code spec}. */
  public static GroupSequentialDesign of(GsdSpec spec) {
    double[] t = spec.timing();
    int k = t.length;
    double[] b;
    double[] a;
    double theta;
    double fixedDrift = Normal.upperQuantile(spec.alpha()) + Normal.upperQuantile(spec.beta());
    if (spec.lower() == null) {
      b = efficacyBounds(spec, t, null);
      a = new double[k];
      for (int i = 0; i < k; i++) {
        a[i] = spec.sided() == 2 ? -b[i] : Double.NEGATIVE_INFINITY;
      }
      double[] fa = a;
      double[] fb = b;
      double target = 1 - spec.beta();
      theta =
          Roots.solve(
              th -> sum(crossing(th, t, fa, fb, spec.gridSize())[0]) - target,
              0.5 * fixedDrift,
              2 * fixedDrift,
              1e-13);
    } else if (!spec.binding()) {
      double[] fb = efficacyBounds(spec, t, null);
      theta =
          Roots.solve(
              th -> {
                double[] lo = futilityBounds(spec, t, fb, th);
                return lo[k - 1] - fb[k - 1];
              },
              0.5 * fixedDrift,
              2 * fixedDrift,
              1e-13);
      b = fb;
      a = futilityBounds(spec, t, fb, theta);
    } else {
      theta =
          Roots.solve(
              th -> {
                double[][] ab = bindingBounds(spec, t, th);
                return ab[0][k - 1] - ab[1][k - 1];
              },
              0.5 * fixedDrift,
              2 * fixedDrift,
              1e-13);
      double[][] ab = bindingBounds(spec, t, theta);
      a = ab[0];
      b = ab[1];
    }
    double[] none = new double[k];
    java.util.Arrays.fill(none, Double.NEGATIVE_INFINITY);
    double[] alphaLower = spec.sided() == 2 || spec.binding() ? a : none;
    double[] up0 = crossing(0, t, alphaLower, b, spec.gridSize())[0];
    double[] cum = new double[k];
    double acc = 0;
    for (int i = 0; i < k; i++) {
      acc += up0[i];
      cum[i] = acc;
    }
    double[][] h1 = crossing(theta, t, a, b, spec.gridSize());
    double[][] h0 = crossing(0, t, a, b, spec.gridSize());
    double inflation = Math.pow(theta / fixedDrift, 2);
    return new GroupSequentialDesign(spec, b, a, theta, inflation, cum, h1[0], h1[1], h0[0], h0[1]);
  }

  /** Efficacy bounds with no futility bound (or, for sided 2, the mirrored lower bound). */
  private static double[] efficacyBounds(GsdSpec spec, double[] t, double[] unused) {
    int k = t.length;
    boolean sym = spec.sided() == 2;
    if (spec.upper() instanceof UpperBoundary.Classical c) {
      double[] shape = new double[k];
      for (int i = 0; i < k; i++) {
        shape[i] = c.shape() == UpperBoundary.Shape.POCOCK ? 1 : 1 / Math.sqrt(t[i]);
      }
      double cc =
          Roots.solve(
              x -> {
                double[] bb = new double[k];
                double[] aa = new double[k];
                for (int i = 0; i < k; i++) {
                  bb[i] = x * shape[i];
                  aa[i] = sym ? -bb[i] : Double.NEGATIVE_INFINITY;
                }
                return sum(crossing(0, t, aa, bb, spec.gridSize())[0]) - spec.alpha();
              },
              0.5,
              10,
              BOUND_TOL);
      double[] b = new double[k];
      for (int i = 0; i < k; i++) {
        b[i] = cc * shape[i];
      }
      return b;
    }
    SpendingFunction f = ((UpperBoundary.Spending) spec.upper()).function();
    double[] b = new double[k];
    Track h0 = new Track(0, spec.gridSize());
    double spent = 0;
    for (int i = 0; i < k; i++) {
      double cum = f.spend(spec.alpha(), t[i]);
      double inc = cum - spent;
      spent = cum;
      b[i] = solveUpper(h0, t[i], inc);
      double lo = sym ? -b[i] : Double.NEGATIVE_INFINITY;
      if (i + 1 < k) {
        h0.advance(t[i], lo, b[i]);
      }
    }
    return b;
  }

  /** Non-binding futility bounds for drift theta given the efficacy bounds. */
  private static double[] futilityBounds(GsdSpec spec, double[] t, double[] b, double theta) {
    int k = t.length;
    double[] a = new double[k];
    Track h1 = new Track(theta, spec.gridSize());
    double spent = 0;
    for (int i = 0; i < k; i++) {
      double cum = spec.lower().spend(spec.beta(), t[i]);
      double inc = cum - spent;
      spent = cum;
      a[i] = solveLower(h1, t[i], inc, b[i], i == k - 1);
      if (i + 1 < k) {
        h1.advance(t[i], a[i], b[i]);
      }
    }
    return a;
  }

  /** Binding design: {lower, upper} computed together for drift theta. */
  private static double[][] bindingBounds(GsdSpec spec, double[] t, double theta) {
    int k = t.length;
    double[] a = new double[k];
    double[] b = new double[k];
    SpendingFunction f = ((UpperBoundary.Spending) spec.upper()).function();
    Track h0 = new Track(0, spec.gridSize());
    Track h1 = new Track(theta, spec.gridSize());
    double spentA = 0;
    double spentB = 0;
    for (int i = 0; i < k; i++) {
      double ca = f.spend(spec.alpha(), t[i]);
      b[i] = solveUpper(h0, t[i], ca - spentA);
      spentA = ca;
      double cb = spec.lower().spend(spec.beta(), t[i]);
      a[i] = solveLower(h1, t[i], cb - spentB, b[i], i == k - 1);
      spentB = cb;
      if (i + 1 < k) {
        h0.advance(t[i], a[i], b[i]);
        h1.advance(t[i], a[i], b[i]);
      }
    }
    return new double[][] {a, b};
  }

  private static double solveUpper(Track track, double info, double inc) {
    if (inc <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    // upperCross decreases in x; when even x = -10 cannot spend inc (little mass continues),
    // the bound sits at the bottom of the range
    return Roots.solveClamped(x -> track.upperCross(info, x) - inc, -10, 40, BOUND_TOL);
  }

  /**
   * The futility bound spending {@code inc}; capped at the efficacy bound at interims. At the final
   * look it may exceed b (that is what the drift search drives to equality).
   */
  private static double solveLower(Track track, double info, double inc, double b, boolean last) {
    if (inc <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double hi = last ? 40 : b;
    if (!last && track.lowerCross(info, b) <= inc) {
      return b;
    }
    return Roots.solveClamped(x -> track.lowerCross(info, x) - inc, -40, hi, BOUND_TOL);
  }

  /**
   * Per-look crossing probabilities {upper, lower} for drift theta and the given bounds.
   *
   * @param theta drift, E[Z_k] = theta sqrt(t_k)
   * @param t information fractions
   * @param a lower bounds (-Infinity for none)
   * @param b upper bounds (+Infinity for none)
   * @param r grid parameter
   */
  public static double[][] crossing(double theta, double[] t, double[] a, double[] b, int r) {
    int k = t.length;
    double[] up = new double[k];
    double[] lo = new double[k];
    Track tr = new Track(theta, r);
    for (int i = 0; i < k; i++) {
      up[i] = tr.upperCross(t[i], b[i]);
      lo[i] = tr.lowerCross(t[i], a[i]);
      if (i + 1 < k) {
        tr.advance(t[i], a[i], b[i]);
      }
    }
    return new double[][] {up, lo};
  }

  /** Probability of crossing the upper bound at some look under drift {@code drift}. */
  public double power(double drift) {
    return sum(crossing(drift, spec.timing(), lower, upper, spec.gridSize())[0]);
  }

  /**
   * Expected information at stopping as a fraction of the fixed design's information, under drift
   * {@code drift}: inflationFactor * sum_k t_k P(stop at k).
   */
  public double expectedInformationRatio(double drift) {
    double[] t = spec.timing();
    double[][] p = crossing(drift, t, lower, upper, spec.gridSize());
    double e = 0;
    double stopped = 0;
    for (int i = 0; i < t.length - 1; i++) {
      double s = p[0][i] + p[1][i];
      e += t[i] * s;
      stopped += s;
    }
    e += (1 - stopped);
    return inflationFactor * e;
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  @Override
  public double[] upper() {
    return upper.clone();
  }

  @Override
  public double[] lower() {
    return lower.clone();
  }

  @Override
  public double[] cumulativeAlpha() {
    return cumulativeAlpha.clone();
  }

  @Override
  public double[] upperH1() {
    return upperH1.clone();
  }

  @Override
  public double[] lowerH1() {
    return lowerH1.clone();
  }

  @Override
  public double[] upperH0() {
    return upperH0.clone();
  }

  @Override
  public double[] lowerH0() {
    return lowerH0.clone();
  }
}
