package dev.stratum.trialsim.gsd;

import dev.stratum.trialsim.Normal;

/**
 * An error-spending function: the cumulative type I (or type II) error {@code spend(total, t)}
 * allowed by information fraction t in [0, 1], non-decreasing, 0 at t = 0 and {@code total} at t =
 * 1 (Lan &amp; DeMets 1983).
 */
public sealed interface SpendingFunction
    permits SpendingFunction.LanDeMetsOBrienFleming,
        SpendingFunction.LanDeMetsPocock,
        SpendingFunction.HwangShihDeCani,
        SpendingFunction.PowerFamily {

  /** Cumulative error spent by information fraction {@code t}; {@code total} at t = 1. */
  double spend(double total, double t);

  /** Short name as the CLI spells it: ldof, ldpocock, hsd:GAMMA, power:RHO. */
  String name();

  /** Parses the CLI spelling: {@code ldof}, {@code ldpocock}, {@code hsd:-4}, {@code power:3}. */
  static SpendingFunction parse(String s) {
    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("ldof")) {
      return new LanDeMetsOBrienFleming();
    }
    if (v.equals("ldpocock")) {
      return new LanDeMetsPocock();
    }
    if (v.startsWith("hsd:") || v.startsWith("power:")) {
      String num = v.substring(v.indexOf(':') + 1);
      double p;
      try {
        p = Double.parseDouble(num);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "spending parameter must be a number, got '" + num + "'");
      }
      return v.startsWith("hsd:") ? new HwangShihDeCani(p) : new PowerFamily(p);
    }
    throw new IllegalArgumentException(
        "unknown spending function '" + s + "' (allowed: ldof, ldpocock, hsd:GAMMA, power:RHO)");
  }

  /**
   * Lan &amp; DeMets (1983) O'Brien-Fleming-like spending: alpha(t) = 2 - 2 Phi(z_{1-alpha/2} /
   * sqrt(t)) for a one-sided level alpha (gsDesign sfLDOF, rpact asOF).
   */
  record LanDeMetsOBrienFleming() implements SpendingFunction {
    @Override
    public double spend(double total, double t) {
      if (t <= 0) {
        return 0;
      }
      if (t >= 1) {
        return total;
      }
      return 2 * Normal.sf(Normal.upperQuantile(total / 2) / Math.sqrt(t));
    }

    @Override
    public String name() {
      return "ldof";
    }
  }

  /** Lan &amp; DeMets (1983) Pocock-like spending: alpha(t) = alpha log(1 + (e - 1) t). */
  record LanDeMetsPocock() implements SpendingFunction {
    @Override
    public double spend(double total, double t) {
      if (t <= 0) {
        return 0;
      }
      if (t >= 1) {
        return total;
      }
      return total * Math.log(1 + (Math.E - 1) * t);
    }

    @Override
    public String name() {
      return "ldpocock";
    }
  }

  /**
   * Hwang, Shih &amp; DeCani (1990): alpha(t) = alpha (1 - exp(-gamma t)) / (1 - exp(-gamma)),
   * linear at gamma = 0; gamma = -4 is O'Brien-Fleming-like, gamma = 1 Pocock-like.
   *
   * @param gamma shape, in [-40, 40]
   */
  record HwangShihDeCani(double gamma) implements SpendingFunction {
    public HwangShihDeCani {
      if (!(gamma >= -40 && gamma <= 40)) {
        throw new IllegalArgumentException("hsd gamma must be in [-40, 40], got " + gamma);
      }
    }

    @Override
    public double spend(double total, double t) {
      if (t <= 0) {
        return 0;
      }
      if (t >= 1) {
        return total;
      }
      if (gamma == 0) {
        return total * t;
      }
      return total * Math.expm1(-gamma * t) / Math.expm1(-gamma);
    }

    @Override
    public String name() {
      return "hsd:" + gamma;
    }
  }

  /**
   * Kim &amp; DeMets (1987) power family: alpha(t) = alpha t^rho.
   *
   * @param rho exponent &gt; 0 (rho = 3 is close to O'Brien-Fleming, 1 to Pocock)
   */
  record PowerFamily(double rho) implements SpendingFunction {
    public PowerFamily {
      if (!(rho > 0 && rho <= 50)) {
        throw new IllegalArgumentException("power-family rho must be in (0, 50], got " + rho);
      }
    }

    @Override
    public double spend(double total, double t) {
      if (t <= 0) {
        return 0;
      }
      if (t >= 1) {
        return total;
      }
      return total * Math.pow(t, rho);
    }

    @Override
    public String name() {
      return "power:" + rho;
    }
  }
}
