package dev.stratum.cli;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.sim.SparkTrialSimulation;
import dev.stratum.trialsim.report.Charts;
import dev.stratum.trialsim.report.HtmlReport;
import dev.stratum.trialsim.report.PowerCurve;
import dev.stratum.trialsim.report.ResultTable;
import dev.stratum.trialsim.report.SimulationTables;
import dev.stratum.trialsim.sim.DesignReader;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import dev.stratum.trialsim.sim.UpstreamStrata;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Option(
      names = "--strata-from",
      description =
          "Stratification model.json (stratum stratify): strata S1..Sk with prevalences from its"
              + " cluster sizes replace the design's strata.")
  Path strataFrom;

  @Option(
      names = "--pool",
      description =
          "Eligible-pool JSON of a recruiter query ({\"counts\": {\"eligible\": n}},"
              + " optionally \"eligible_by_stratum\"): caps the sample size; per-stratum counts"
              + " set the prevalences.")
  Path pool;

  @Option(
      names = "--stratum-effects",
      split = ",",
      description =
          "One effect per stratum (hazard ratio, mean difference or experimental rate), in the"
              + " strata's order; default: the design's strata effects when it has as many, else"
              + " the endpoint's effect.")
  double[] stratumEffects;

  @Option(
      names = "--master",
      description =
          "Spread the replicates over Spark (local[N], spark://host:port, ...): the same result as"
              + " a local run with the same seed.")
  String master;

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
    if (strataFrom != null || pool != null || stratumEffects != null) {
      for (Path p : new Path[] {strataFrom, pool}) {
        if (p != null && !Files.isRegularFile(p)) {
          throw InvalidInputException.ofArgument(
              p == strataFrom ? "--strata-from" : "--pool", "no such file: " + p);
        }
      }
      UpstreamStrata.Applied applied =
          UpstreamStrata.apply(
              d,
              strataFrom == null ? null : UpstreamStrata.readModel(strataFrom),
              stratumEffects,
              pool == null ? null : UpstreamStrata.readPool(pool));
      for (String note : applied.notes()) {
        spec.commandLine().getErr().println("stratum: " + note);
      }
      d = applied.design();
    }
    if (underNull) {
      d = d.underNull();
    }
    SimulationResult r;
    if (master != null) {
      if (master.isBlank()) {
        throw InvalidInputException.ofArgument("--master", "must name a Spark master");
      }
      r = SparkTrialSimulation.run(master, java.util.Map.of(), d, reps, seed);
    } else {
      try (Progress bar = Progress.start("simulate", reps)) {
        r = TrialSimulator.run(d, reps, seed, t, bar::stepTo);
      }
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
      Output.writeJson(spec.commandLine().getOut(), SimulationTables.json(r, underNull, t));
      return;
    }
    ResultTable table = SimulationTables.summary(r, underNull, true, Output::num);
    Output.writeTable(spec.commandLine().getOut(), f, table.header(), table.rows());
  }
}
