package dev.stratum.trialsim.report;

import dev.stratum.trialsim.sim.Endpoint;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Power over a range of effect sizes: the design simulated at effects from the null to 1.5 times
 * the design's effect (on the log scale for hazard ratios), each point with its Monte-Carlo
 * standard error, beside the analytic power where the engine has one.
 *
 * @param points one per effect, from the null upwards
 */
public record PowerCurve(List<Point> points) {
  public PowerCurve {
    points = List.copyOf(points);
  }

  /**
   * One effect size.
   *
   * @param effect hazard ratio, mean difference or experimental response rate
   * @param power simulated rejection probability
   * @param se its Monte-Carlo standard error
   * @param analytic analytic power, NaN when not available
   */
  public record Point(double effect, double power, double se, double analytic) {}

  /** Simulates {@code design} at {@code count} effects, every point with the same reps and seed. */
  public static PowerCurve simulate(
      TrialDesign design, int count, int reps, long seed, int threads) {
    return simulate(design, count, reps, seed, threads, point -> {}, (point, done) -> {});
  }

  /** Finished replicates of one point of the curve (called from worker threads). */
  @FunctionalInterface
  public interface PointProgress {
    /** {@code done} replicates of point {@code point} (0-based) are finished. */
    void done(int point, long done);
  }

  /**
   * As {@link #simulate(TrialDesign, int, int, long, int)}, calling {@code beforePoint} on the
   * calling thread before each point (a notebook checks for cancellation there) and reporting
   * progress within each point.
   */
  public static PowerCurve simulate(
      TrialDesign design,
      int count,
      int reps,
      long seed,
      int threads,
      IntConsumer beforePoint,
      PointProgress progress) {
    if (count < 2 || count > 50) {
      throw new IllegalArgumentException("power-curve points must be in [2, 50], got " + count);
    }
    List<Point> pts = new ArrayList<>();
    double[] effects = effects(design.endpoint(), count);
    for (int i = 0; i < effects.length; i++) {
      beforePoint.accept(i);
      int point = i;
      TrialDesign d = design.withEffect(effects[i]);
      SimulationResult r =
          TrialSimulator.run(d, reps, seed, threads, done -> progress.done(point, done));
      pts.add(new Point(effects[i], r.rejectProbability(), r.rejectSe(), r.analyticPower()));
    }
    return new PowerCurve(pts);
  }

  /** Effects from the null to 1.5 times the design effect (log scale for hazard ratios). */
  public static double[] effects(Endpoint endpoint, int count) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      double f = 1.5 * i / (count - 1);
      out[i] =
          switch (endpoint) {
            case Endpoint.TimeToEvent t -> Math.exp(Math.log(t.hazardRatio()) * f);
            case Endpoint.Continuous c -> c.difference() * f;
            case Endpoint.Binary b ->
                Math.min(
                    0.999,
                    Math.max(
                        0.001, b.controlRate() + (b.experimentalRate() - b.controlRate()) * f));
          };
    }
    return out;
  }
}
