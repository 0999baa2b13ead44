package dev.stratum.trialsim.power;

import dev.stratum.trialsim.NoncentralT;
import dev.stratum.trialsim.Normal;
import dev.stratum.trialsim.Roots;
import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;

/**
 * Sample size and power for the classical fixed designs. Each method answers the question its spec
 * asks: the size for a target power, or the power of a given size.
 *
 * <ul>
 *   <li>Means: exact noncentral t power as R's {@code power.t.test} (two-sample, paired,
 *       one-sample; {@code strict}), the same with an n2/n1 allocation ratio (df = n1 + n2 - 2),
 *       the normal approximation, non-inferiority by margin, and equivalence by two one-sided tests
 *       with the exact power of Phillips (1990) computed by integrating over the sample standard
 *       deviation.
 *   <li>Proportions: the normal approximation of R's {@code power.prop.test} (pooled variance under
 *       H0), generalised to unequal allocation; non-inferiority by the Farrington &amp; Manning
 *       (1990) score test with the restricted maximum-likelihood variance under H0.
 *   <li>Survival: Schoenfeld (1983) and Freedman (1982) events; subjects from events through the
 *       probability of an event under uniform or piecewise accrual, follow-up and exponential
 *       dropout (as rpact's getSampleSizeSurvival); Lachin &amp; Foulkes (1986) in gsDesign's nSurv
 *       form.
 * </ul>
 */
public final class SampleSize {
  /** R solves power.t.test / power.prop.test for n in [2, 1e7]; so do we (expanding if needed). */
  private static final double N_MIN = 2;

  private static final double N_MAX = 1e7;
  private static final double TOL = 1e-10;

  private SampleSize() {}

  // ---------------------------------------------------------------- means

  /** Size or power of a comparison of means; see {@link MeansSpec}. */
  public static SampleSizeResult means(MeansSpec s) {
    boolean two = s.design() == MeansDesign.TWO_SAMPLE;
    if (!Double.isNaN(s.n())) {
      return SampleSizeResult.ofSize(s.n(), s.ratio(), two, meansPower(s, s.n()));
    }
    double n;
    if (s.test() == TestStatistic.Z
        && s.hypothesis() != Hypothesis.EQUIVALENCE
        && !(s.strict() && s.sided() == 2 && s.hypothesis() == Hypothesis.SUPERIORITY)) {
      // closed form: n1 = (z_a + z_b)^2 sd^2 k / d^2 with k = 1 + 1/ratio (two samples) or 1
      double za = Normal.upperQuantile(s.alpha() / s.sided());
      double zb = Normal.upperQuantile(1 - s.power());
      double d = effectiveDelta(s);
      double k = two ? 1 + 1 / s.ratio() : 1;
      n = Math.pow(za + zb, 2) * s.sd() * s.sd() * k / (d * d);
    } else {
      double target = s.power();
      n = Roots.solve(x -> meansPower(s, x) - target, N_MIN, N_MAX, TOL);
    }
    return SampleSizeResult.ofSize(n, s.ratio(), two, s.power());
  }

  /** The difference the one-sided test is powered for (absolute value for two-sided tests). */
  private static double effectiveDelta(MeansSpec s) {
    return switch (s.hypothesis()) {
      case SUPERIORITY -> s.sided() == 2 ? Math.abs(s.delta()) : s.delta();
      case NON_INFERIORITY -> s.delta() + s.margin();
      case EQUIVALENCE -> throw new AssertionError("equivalence has no single effective delta");
    };
  }

  /** Power of the means test with {@code n} in group 1. */
  static double meansPower(MeansSpec s, double n) {
    boolean two = s.design() == MeansDesign.TWO_SAMPLE;
    double k = two ? Math.sqrt(1 / n + 1 / (s.ratio() * n)) : Math.sqrt(1 / n);
    double se = s.sd() * k;
    double df = two ? n * (1 + s.ratio()) - 2 : n - 1;
    boolean t = s.test() == TestStatistic.T;
    if (s.hypothesis() == Hypothesis.EQUIVALENCE) {
      return tostPower(s, se, df, k);
    }
    boolean superiority = s.hypothesis() == Hypothesis.SUPERIORITY;
    double level = superiority ? s.alpha() / s.sided() : s.alpha() / s.sided();
    double d = effectiveDelta(s);
    double ncp = d / se;
    boolean bothTails = superiority && s.strict() && s.sided() == 2;
    if (t) {
      double q = NoncentralT.upperQuantile(level, df);
      double p = NoncentralT.sf(q, df, ncp);
      if (bothTails) {
        p += NoncentralT.cdf(-q, df, ncp);
      }
      return p;
    }
    double z = Normal.upperQuantile(level);
    double p = Normal.sf(z - ncp);
    if (bothTails) {
      p += Normal.cdf(-z - ncp);
    }
    return p;
  }

  /**
   * Power of two one-sided tests at level alpha/sided each (Schuirmann 1987). Normal: Phi((M -
   * d)/se - z) + Phi((M + d)/se - z) - 1, floored at 0. t: exact (Phillips 1990): given the sample
   * SD ratio u = S/sd, both tests reject when -M + c u se &lt; D &lt; M - c u se; integrate that
   * normal probability over the density of u, with u^2 df ~ chi-square(df).
   */
  private static double tostPower(MeansSpec s, double se, double df, double k) {
    double m = s.margin();
    double d = s.delta();
    double level = s.alpha() / s.sided();
    if (s.test() == TestStatistic.Z) {
      double z = Normal.upperQuantile(level);
      return Math.max(0, Normal.cdf((m - d) / se - z) + Normal.cdf((m + d) / se - z) - 1);
    }
    double c = NoncentralT.upperQuantile(level, df);
    double uMax = m / (c * se);
    ChiSquaredDistribution chi = new ChiSquaredDistribution(df);
    DoubleUnaryOperator integrand =
        u -> {
          double lo = (-m + c * u * se - d) / se;
          double hi = (m - c * u * se - d) / se;
          double prob = hi > lo ? Normal.cdf(hi) - Normal.cdf(lo) : 0;
          // density of u = sqrt(W / df), W ~ chi2(df): 2 df u f_W(df u^2)
          return prob * 2 * df * u * chi.density(df * u * u);
        };
    // the chi density is concentrated near u = 1 with sd about 1/sqrt(2 df): split there
    double spread = 1 / Math.sqrt(2 * df);
    double[] cuts = {0, Math.max(0, 1 - 8 * spread), 1 + 8 * spread, 1 + 40 * spread};
    IterativeLegendreGaussIntegrator gl =
        new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-15, 2, 64);
    double sum = 0;
    for (int i = 0; i + 1 < cuts.length; i++) {
      double a = Math.min(cuts[i], uMax);
      double b = Math.min(cuts[i + 1], uMax);
      if (b > a) {
        sum += gl.integrate(1_000_000, integrand::applyAsDouble, a, b);
      }
    }
    return sum;
  }

  // ---------------------------------------------------------------- proportions

  /** Size or power of a comparison of two proportions; see {@link ProportionsSpec}. */
  public static SampleSizeResult proportions(ProportionsSpec s) {
    if (!Double.isNaN(s.n())) {
      return SampleSizeResult.ofSize(s.n(), s.ratio(), true, proportionsPower(s, s.n()));
    }
    double n;
    if (s.margin() > 0) {
      // Farrington & Manning (1990) eq. 3: closed form for n1
      double za = Normal.upperQuantile(s.alpha() / s.sided());
      double zb = Normal.upperQuantile(1 - s.power());
      double[] v = fmVariances(s);
      double d = s.p1() - s.p2() + s.margin();
      n = Math.pow(za * Math.sqrt(v[0]) + zb * Math.sqrt(v[1]), 2) / (d * d);
    } else {
      double target = s.power();
      n = Roots.solve(x -> proportionsPower(s, x) - target, N_MIN, N_MAX, TOL);
    }
    return SampleSizeResult.ofSize(n, s.ratio(), true, s.power());
  }

  /** Power with {@code n} in group 1 and {@code ratio * n} in group 2. */
  static double proportionsPower(ProportionsSpec s, double n) {
    double p1 = s.p1();
    double p2 = s.p2();
    double r = s.ratio();
    if (s.margin() > 0) {
      double z = Normal.upperQuantile(s.alpha() / s.sided());
      double[] v = fmVariances(s);
      double d = p1 - p2 + s.margin();
      return Normal.cdf((d * Math.sqrt(n) - z * Math.sqrt(v[0])) / Math.sqrt(v[1]));
    }
    // power.prop.test: pooled variance under H0, unpooled under H1, |p1 - p2| for either side
    double z = Normal.upperQuantile(s.alpha() / s.sided());
    double pbar = (p1 + r * p2) / (1 + r);
    double se0 = Math.sqrt(pbar * (1 - pbar) * (1 / n + 1 / (r * n)));
    double se1 = Math.sqrt(p1 * (1 - p1) / n + p2 * (1 - p2) / (r * n));
    double d = Math.abs(p1 - p2);
    double p = Normal.cdf((d - z * se0) / se1);
    if (s.strict() && s.sided() == 2) {
      p += Normal.cdf((-d - z * se0) / se1);
    }
    return p;
  }

  /**
   * Per-unit-n1 variances {null, alternative} of p1hat - p2hat for the Farrington-Manning test:
   * under H0 from the restricted MLE (Farrington &amp; Manning 1990, appendix; closed-form root of
   * the cubic), under H1 from the true rates.
   */
  private static double[] fmVariances(ProportionsSpec s) {
    double p1 = s.p1();
    double p2 = s.p2();
    double theta = s.ratio();
    double d0 = -s.margin();
    double a = 1 + theta;
    double b = -(1 + theta + p1 + theta * p2 + d0 * (theta + 2));
    double c = d0 * d0 + d0 * (2 * p1 + theta + 1) + p1 + theta * p2;
    double d = -p1 * d0 * (1 + d0);
    double v = b * b * b / (27 * a * a * a) - b * c / (6 * a * a) + d / (2 * a);
    double u = Math.signum(v) * Math.sqrt(b * b / (9 * a * a) - c / (3 * a));
    double ratio = u == 0 ? 0 : Math.max(-1, Math.min(1, v / (u * u * u)));
    double w = (Math.PI + Math.acos(ratio)) / 3;
    double q1 = 2 * u * Math.cos(w) - b / (3 * a);
    double q2 = q1 - d0;
    double v0 = q1 * (1 - q1) + q2 * (1 - q2) / theta;
    double v1 = p1 * (1 - p1) + p2 * (1 - p2) / theta;
    return new double[] {v0, v1};
  }

  // ---------------------------------------------------------------- survival

  /** Events (and subjects when an accrual model is given) or power; see {@link SurvivalSpec}. */
  public static SampleSizeResult survival(SurvivalSpec s) {
    if (s.method() == SurvivalMethod.LACHIN_FOULKES) {
      return lachinFoulkes(s);
    }
    double p = s.allocation();
    double logHr = Math.abs(Math.log(s.hazardRatio()));
    double za = Normal.upperQuantile(s.alpha() / s.sided());
    // per-event drift: E[Z] = sqrt(d) * g
    double g;
    if (s.method() == SurvivalMethod.SCHOENFELD) {
      g = Math.sqrt(p * (1 - p)) * logHr; // Schoenfeld (1983) eq. 2
    } else {
      double phi = p / (1 - p); // Freedman (1982): phi = n_E / n_C
      double hr = s.hazardRatio();
      g = Math.sqrt(phi) * Math.abs(1 - hr) / (1 + phi * hr);
    }
    double events;
    double power;
    if (Double.isNaN(s.events())) {
      power = s.power();
      double zb = Normal.upperQuantile(1 - power);
      events = Math.pow((za + zb) / g, 2);
    } else {
      events = s.events();
      power = Normal.cdf(Math.sqrt(events) * g - za);
    }
    double nTotal = Double.NaN;
    if (s.accrual() != null) {
      double lc = Math.log(2) / s.medianControl();
      double le = lc * s.hazardRatio();
      double end = s.accrual().duration() + s.followUp();
      double pEvent =
          p * s.accrual().eventProbability(le, s.dropout(), end)
              + (1 - p) * s.accrual().eventProbability(lc, s.dropout(), end);
      nTotal = events / pEvent;
    }
    return survivalResult(nTotal, p, power, events);
  }

  private static SampleSizeResult survivalResult(double nTotal, double p, double power, double d) {
    double nControl = (1 - p) * nTotal;
    double nExp = p * nTotal;
    return new SampleSizeResult(nControl, nExp, nTotal, SampleSizeResult.ceil(nControl), power, d);
  }

  /**
   * Lachin &amp; Foulkes (1986) on the log hazard ratio scale as gsDesign's nSurv (LFPWE): with
   * per-unit-accrual expected events d_C, d_E under H1 and d_C0, d_E0 under H0 (both arms at the
   * pooled hazard lambda_C (1 + HR r)/(1 + r)), the accrual scale is k = ((z_a sqrt(1/d_C0 +
   * 1/d_E0) + z_b sqrt(1/d_C + 1/d_E)) / log HR)^2.
   */
  private static SampleSizeResult lachinFoulkes(SurvivalSpec s) {
    double qe = s.allocation();
    double qc = 1 - qe;
    double ratio = qe / qc;
    double hr = s.hazardRatio();
    double lc = Math.log(2) / s.medianControl();
    double l0 = (1 + hr * ratio) / (1 + ratio) * lc;
    double end = s.accrual().duration() + s.followUp();
    Accrual acc = s.accrual();
    double eta = s.dropout();
    double dC = qc * acc.expectedEvents(lc, eta, end);
    double dE = qe * acc.expectedEvents(lc * hr, eta, end);
    double dC0 = qc * acc.expectedEvents(l0, eta, end);
    double dE0 = qe * acc.expectedEvents(l0, eta, end);
    double za = Normal.upperQuantile(s.alpha() / s.sided());
    double sd0 = Math.sqrt(1 / dC0 + 1 / dE0);
    double sd1 = Math.sqrt(1 / dC + 1 / dE);
    double logHr = Math.abs(Math.log(hr));
    double k;
    double power;
    if (Double.isNaN(s.events())) {
      power = s.power();
      double zb = Normal.upperQuantile(1 - power);
      k = Math.pow((za * sd0 + zb * sd1) / logHr, 2);
    } else {
      k = s.events() / (dC + dE);
      power = Normal.cdf((logHr * Math.sqrt(k) - za * sd0) / sd1);
    }
    return survivalResult(k * acc.mass(), qe, power, k * (dC + dE));
  }
}
