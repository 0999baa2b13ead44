package dev.stratum.notebooks.commands.trial;

import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.notebooks.svg.SvgXYChart;
import dev.stratum.trialsim.report.PowerCurve;
import dev.stratum.trialsim.report.ResultTable;
import dev.stratum.trialsim.report.SimulationTables;
import dev.stratum.trialsim.sim.Endpoint;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import dev.stratum.trialsim.sim.UpstreamStrata;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simulate}: the CLI's {@code stratum simulate} (seeded Monte-Carlo operating
 * characteristics of a design file, each with its Monte-Carlo standard error; same seed, same
 * result for any thread count). Shows the operating characteristics, a table per look, and with
 * {@code --power-curve} the power over effect sizes from the null to 1.5 times the design effect as
 * a table and an SVG chart.
 */
public final class SimulateCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "simulate",
              "--design FILE --reps N --seed S [--threads T] [--null] [--power-curve]"
                  + " [--curve-points P]",
              "Monte-Carlo operating characteristics of a design, per look, and its power curve")
          .withOptions(
              "design", "reps", "seed", "threads", "curve-points", "strata-from", "stratum-effects")
          .withFlags("null", "power-curve");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    String file = a.required("design");
    a.required("reps");
    int reps = a.integer("reps", 0, 1, 5_000_000);
    long seed = seed(a);
    int threads = a.integer("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
    int points = a.integer("curve-points", 7, 2, 50);
    boolean underNull = a.flag("null");
    boolean curve = a.flag("power-curve");
    TrialDesign d = ShippedDesigns.read(file);
    List<String> notes = new ArrayList<>();
    if (a.option("strata-from").isPresent() || a.option("stratum-effects").isPresent()) {
      // The biostatistician's frozen strata (model.json of stratify) replace the design's
      // prevalences, as the CLI's simulate --strata-from does (trialsim.sim.UpstreamStrata).
      java.nio.file.Path model = a.option("strata-from").map(java.nio.file.Path::of).orElse(null);
      if (model != null && !java.nio.file.Files.isRegularFile(model)) {
        throw dev.stratum.core.error.InvalidInputException.ofArgument(
            "--strata-from", "no such file: " + model + " (the model.json stratify wrote)");
      }
      UpstreamStrata.Applied applied =
          UpstreamStrata.apply(
              d,
              model == null ? null : UpstreamStrata.readModel(model),
              a.option("stratum-effects").map(SimulateCommand::effects).orElse(null),
              null);
      notes.addAll(applied.notes());
      d = applied.design();
    }
    if (underNull) {
      d = d.underNull();
    }
    // The main run and each power-curve point are equal shares of the progress bar.
    double shares = curve ? 1 + points : 1;
    SimulationResult r =
        TrialSimulator.run(d, reps, seed, threads, done -> in.progress(done / (reps * shares)));
    in.checkCancelled();
    List<Display> blocks = new ArrayList<>();
    blocks.add(table(SimulationTables.summary(r, underNull, false, Numbers::plain)));
    blocks.add(table(SimulationTables.perLook(r, Numbers::plain)));
    if (curve) {
      PowerCurve pc = powerCurve(in, d, points, reps, seed, threads, shares);
      List<List<String>> rows = new ArrayList<>();
      for (PowerCurve.Point p : pc.points()) {
        rows.add(
            List.of(
                Numbers.plain(p.effect(), 4),
                Numbers.plain(p.power(), 4),
                Numbers.plain(p.se(), 4),
                Numbers.plain(p.analytic(), 4)));
      }
      blocks.add(
          Display.table(List.of(effectName(d.endpoint()), "power", "mc_se", "analytic"), rows));
      blocks.add(Display.html(powerCurveChart(d, pc, reps)));
    }
    if (!notes.isEmpty()) {
      blocks.add(Display.text(String.join("\n", notes)));
    }
    return new ParagraphOutput(blocks);
  }

  private static double[] effects(String list) {
    String[] parts = list.split(",");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw dev.stratum.core.error.InvalidInputException.ofArgument(
            "--stratum-effects", "expected numbers separated by commas, got '" + list + "'");
      }
    }
    return out;
  }

  private static long seed(Arguments a) {
    String s = a.required("seed").strip();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw dev.stratum.core.error.InvalidInputException.ofArgument(
          "--seed", "expected an integer, got '" + s + "'");
    }
  }

  // the same effects and seed per point as the CLI's curve, with progress and cancel between points
  private static PowerCurve powerCurve(
      Invocation in, TrialDesign d, int points, int reps, long seed, int threads, double shares) {
    return PowerCurve.simulate(
        d,
        points,
        reps,
        seed,
        threads,
        point -> in.checkCancelled(),
        (point, n) -> in.progress(((point + 1) * (double) reps + n) / (reps * shares)));
  }

  private static String effectName(Endpoint e) {
    return switch (e) {
      case Endpoint.TimeToEvent t -> "hazard_ratio";
      case Endpoint.Continuous c -> "difference";
      case Endpoint.Binary b -> "experimental_rate";
    };
  }

  private static String powerCurveChart(TrialDesign d, PowerCurve pc, int reps) {
    List<PowerCurve.Point> pts = pc.points();
    int n = pts.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    List<Double> ax = new ArrayList<>();
    List<Double> ay = new ArrayList<>();
    // Hazard ratios fall from 1 (null) to the design effect and beyond: the curve is drawn over
    // the effect itself, sorted ascending as the chart needs.
    List<PowerCurve.Point> sorted = new ArrayList<>(pts);
    sorted.sort((p, q) -> Double.compare(p.effect(), q.effect()));
    for (int i = 0; i < n; i++) {
      PowerCurve.Point p = sorted.get(i);
      x[i] = p.effect();
      y[i] = p.power();
      lo[i] = Math.max(0, p.power() - 1.96 * p.se());
      hi[i] = Math.min(1, p.power() + 1.96 * p.se());
      if (Double.isFinite(p.analytic())) {
        ax.add(p.effect());
        ay.add(p.analytic());
      }
    }
    List<SvgXYChart.Series> series = new ArrayList<>();
    series.add(new SvgXYChart.Series("simulated", SvgXYChart.Kind.LINE, x, y));
    series.add(new SvgXYChart.Series("95% MC band, low", SvgXYChart.Kind.POINTS, x, lo));
    series.add(new SvgXYChart.Series("95% MC band, high", SvgXYChart.Kind.POINTS, x, hi));
    if (!ax.isEmpty()) {
      series.add(
          new SvgXYChart.Series(
              "analytic",
              SvgXYChart.Kind.LINE,
              ax.stream().mapToDouble(Double::doubleValue).toArray(),
              ay.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return new SvgXYChart(
            "Power curve of " + d.name() + " (" + reps + " reps per point)",
            effectName(d.endpoint()).replace('_', ' '),
            "P(reject H0)",
            series,
            new double[] {0, 1})
        .toSvg();
  }

  private static Display table(ResultTable t) {
    return Display.table(t.header(), t.rows());
  }
}
