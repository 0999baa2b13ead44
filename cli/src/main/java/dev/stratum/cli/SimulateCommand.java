package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.trialsim.report.Charts;
import dev.stratum.trialsim.report.HtmlReport;
import dev.stratum.trialsim.report.PowerCurve;
import dev.stratum.trialsim.sim.DesignReader;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum simulate}: Monte-Carlo operating characteristics of a design file. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Monte-Carlo simulation of a trial design (JSON, docs/trial-design.md): power or type I"
            + " error, stopping probabilities per look, expected size, events and duration, each"
            + " with its Monte-Carlo standard error. Same seed, same result, for any --threads.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--design", required = true, description = "Design JSON file.")
  Path design;

  @Option(names = "--reps", required = true, description = "Number of replicates (1-5000000).")
  int reps;

  @Option(names = "--seed", required = true, description = "Seed of the random streams.")
  long seed;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(
      names = "--null",
      description = "Simulate under H0 (no effect in any stratum): type I error.")
  boolean underNull;

  @Option(names = "--format", description = "table, json or csv (default: table on a terminal).")
  OutputFormat format;

  @Option(
      names = "--plot",
      description = "Write the distribution of trial duration as an SVG file.")
  Path plot;

  @Option(
      names = "--power-curve",
      description =
          "Also simulate the design over effect sizes (null to 1.5x the design effect) and"
              + " write the power curve as an SVG file.")
  Path powerCurve;

  @Option(names = "--curve-points", description = "Effect sizes on the power curve (default 7).")
  int curvePoints = 7;

  @Option(
      names = "--report",
      description =
          "Write an HTML report (table, duration distribution, and the power curve when"
              + " --power-curve is given).")
  Path report;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(design)) {
      throw InvalidInputException.ofArgument("--design", "no such file: " + design);
    }
    if (curvePoints < 2 || curvePoints > 50) {
      throw InvalidInputException.ofArgument(
          "--curve-points", "must be in [2, 50], got " + curvePoints);
    }
    if (reps < 1 || reps > 5_000_000) {
      throw InvalidInputException.ofArgument("--reps", "must be in [1, 5000000], got " + reps);
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1 || t > 1024) {
      throw InvalidInputException.ofArgument("--threads", "must be in [1, 1024], got " + t);
    }
    TrialDesign d = DesignReader.read(design);
    if (underNull) {
      d = d.underNull();
    }
    SimulationResult r;
    try (Progress bar = Progress.start("simulate", reps)) {
      r = TrialSimulator.run(d, reps, seed, t, bar::stepTo);
    }
    write(r, t);
    if (plot != null) {
      Charts.writeSvg(Charts.durationHistogram(r), plot, 800, 500);
      spec.commandLine().getErr().println("stratum: wrote " + plot);
    }
    PowerCurve curve = null;
    if (powerCurve != null) {
      curve = PowerCurve.simulate(d, curvePoints, reps, seed, t);
      Charts.writeSvg(Charts.powerCurve(curve, d.endpoint()), powerCurve, 800, 500);
      spec.commandLine().getErr().println("stratum: wrote " + powerCurve);
    }
    if (report != null) {
      HtmlReport.write(r, curve, report);
      spec.commandLine().getErr().println("stratum: wrote " + report);
    }
    return 0;
  }

  private void write(SimulationResult r, int t) {
    OutputFormat f = TrialDesignerOptions.resolve(format);
    if (f == OutputFormat.JSON) {
      ObjectNode o = Output.object();
      o.put("design", r.design().name());
      o.put("reps", r.reps());
      o.put("seed", r.seed());
      o.put("threads", t);
      o.put("hypothesis", underNull ? "null" : "design");
      o.put(underNull ? "type_1_error" : "power", r.rejectProbability());
      o.put(underNull ? "type_1_error_se" : "power_se", r.rejectSe());
      if (!underNull) {
        TrialDesignerOptions.put(o, "analytic_power", r.analyticPower());
      }
      ArrayNode looks = o.putArray("looks");
      for (SimulationResult.Look l : r.looks()) {
        ObjectNode n = looks.addObject();
        n.put("look", l.look());
        n.put("planned", r.design().lookCounts()[l.look() - 1]);
        TrialDesignerOptions.put(n, "upper_z", l.upper());
        TrialDesignerOptions.put(n, "lower_z", l.lower());
        n.put("reject", l.rejectProbability());
        n.put("reject_se", l.rejectSe());
        n.put("futility", l.futilityProbability());
        n.put("futility_se", l.futilitySe());
        TrialDesignerOptions.put(n, "mean_count", l.meanCount());
        TrialDesignerOptions.put(n, "mean_time", l.meanTime());
      }
      o.put("expected_patients", r.expectedPatients());
      TrialDesignerOptions.put(o, "expected_patients_se", r.expectedPatientsSe());
      o.put("expected_events", r.expectedEvents());
      TrialDesignerOptions.put(o, "expected_events_se", r.expectedEventsSe());
      o.put("expected_duration", r.expectedDuration());
      TrialDesignerOptions.put(o, "expected_duration_se", r.expectedDurationSe());
      if (!r.strataSelected().isEmpty()) {
        o.put("enriched_probability", r.enrichedProbability());
        ArrayNode s = o.putArray("strata_selected");
        for (SimulationResult.StratumSelection sel : r.strataSelected()) {
          s.addObject()
              .put("stratum", sel.name())
              .put("probability", sel.probability())
              .put("se", sel.se());
        }
      }
      Output.writeJson(spec.commandLine().getOut(), o);
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(row(underNull ? "type I error" : "power", r.rejectProbability(), r.rejectSe()));
    if (!underNull) {
      rows.add(List.of("analytic power", Output.num(r.analyticPower(), 4), ""));
    }
    for (SimulationResult.Look l : r.looks()) {
      rows.add(row("look " + l.look() + " reject", l.rejectProbability(), l.rejectSe()));
      rows.add(row("look " + l.look() + " futility", l.futilityProbability(), l.futilitySe()));
    }
    rows.add(row("expected patients", r.expectedPatients(), r.expectedPatientsSe()));
    rows.add(row("expected events", r.expectedEvents(), r.expectedEventsSe()));
    rows.add(row("expected duration", r.expectedDuration(), r.expectedDurationSe()));
    for (SimulationResult.StratumSelection s : r.strataSelected()) {
      rows.add(row("stratum " + s.name() + " kept", s.probability(), s.se()));
    }
    Output.writeTable(
        spec.commandLine().getOut(), f, List.of("quantity", "estimate", "mc_se"), rows);
  }

  private static List<String> row(String name, double v, double se) {
    return List.of(name, Output.num(v, 4), Output.num(se, 4));
  }
}
