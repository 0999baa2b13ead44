package dev.stratum.trialsim.gsd;

import java.util.Arrays;
import java.util.Objects;

/**
 * A group-sequential design question.
 *
 * @param timing information fractions of the looks, increasing, the last 1 (copied)
 * @param alpha one-sided type I error per side (for {@code sided == 2}, the level of each side of a
 *     symmetric two-sided design; gsDesign's alpha)
 * @param beta type II error (1 - power) the maximum information is sized for
 * @param sided 1 (one-sided efficacy, optionally with futility) or 2 (symmetric two-sided)
 * @param upper efficacy boundary
 * @param lower futility beta-spending function, or null for none (one-sided designs only)
 * @param binding whether the futility bound binds (upper bounds computed assuming a trial stops at
 *     it) or not (upper bounds computed ignoring it, the regulators' usual choice)
 * @param gridSize Jennison-Turnbull grid parameter r (gsDesign uses 18)
 */
public record GsdSpec(
    double[] timing,
    double alpha,
    double beta,
    int sided,
    UpperBoundary upper,
    SpendingFunction lower,
    boolean binding,
    int gridSize) {

  public GsdSpec {
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(upper, "upper");
    timing = timing.clone();
    if (timing.length < 1 || timing.length > 25) {
      throw new IllegalArgumentException("looks must be in [1, 25], got " + timing.length);
    }
    for (int i = 0; i < timing.length; i++) {
      double prev = i == 0 ? 0 : timing[i - 1];
      if (!(timing[i] > prev && timing[i] <= 1)) {
        throw new IllegalArgumentException(
            "timing must increase strictly within (0, 1], got " + Arrays.toString(timing));
      }
    }
    if (Math.abs(timing[timing.length - 1] - 1) > 1e-12) {
      throw new IllegalArgumentException(
          "the last look must be at information fraction 1, got " + timing[timing.length - 1]);
    }
    timing[timing.length - 1] = 1;
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("alpha (one-sided) must be in (0, 0.5), got " + alpha);
    }
    if (!(beta > 0 && beta < 1 - alpha)) {
      throw new IllegalArgumentException("beta must be in (0, 1 - alpha), got " + beta);
    }
    if (sided != 1 && sided != 2) {
      throw new IllegalArgumentException("sided must be 1 or 2, got " + sided);
    }
    if (sided == 2 && lower != null) {
      throw new IllegalArgumentException(
          "a futility bound needs a one-sided design (sided 1); sided 2 is symmetric");
    }
    if (lower != null && binding && upper instanceof UpperBoundary.Classical) {
      throw new IllegalArgumentException(
          "binding futility is supported with spending-function efficacy bounds only");
    }
    if (gridSize < 6 || gridSize > 200) {
      throw new IllegalArgumentException("grid size r must be in [6, 200], got " + gridSize);
    }
  }

  /** Equally spaced looks. */
  public static double[] equalTiming(int looks) {
    if (looks < 1 || looks > 25) {
      throw new IllegalArgumentException("looks must be in [1, 25], got " + looks);
    }
    double[] t = new double[looks];
    for (int i = 0; i < looks; i++) {
      t[i] = (i + 1.0) / looks;
    }
    return t;
  }

  /** A one-sided efficacy-only design with the default grid (r = 18). */
  public static GsdSpec efficacy(double[] timing, double alpha, double beta, UpperBoundary upper) {
    return new GsdSpec(timing, alpha, beta, 1, upper, null, false, 18);
  }

  @Override
  public double[] timing() {
    return timing.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GsdSpec g
        && Arrays.equals(timing, g.timing)
        && alpha == g.alpha
        && beta == g.beta
        && sided == g.sided
        && upper.equals(g.upper)
        && Objects.equals(lower, g.lower)
        && binding == g.binding
        && gridSize == g.gridSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(timing), alpha, beta, sided, upper, lower, binding);
  }

  @Override
  public String toString() {
    return "GsdSpec[timing="
        + Arrays.toString(timing)
        + ", alpha="
        + alpha
        + ", beta="
        + beta
        + ", sided="
        + sided
        + ", upper="
        + upper.name()
        + ", lower="
        + (lower == null ? "none" : lower.name())
        + ", binding="
        + binding
        + "]";
  }
}
