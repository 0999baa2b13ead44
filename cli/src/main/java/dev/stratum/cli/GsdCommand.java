package dev.stratum.cli;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.trialsim.gsd.GroupSequentialDesign;
import dev.stratum.trialsim.gsd.GsdSpec;
import dev.stratum.trialsim.gsd.SpendingFunction;
import dev.stratum.trialsim.gsd.UpperBoundary;
import dev.stratum.trialsim.report.GsdTables;
import dev.stratum.trialsim.report.OptionErrors;
import dev.stratum.trialsim.report.ResultTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum gsd}: group-sequential boundaries by recursive numerical integration (CLI.md,
 * issue 7).
 */
@Command(
    name = "gsd",
    mixinStandardHelpOptions = true,
    description =
        "Group-sequential boundaries (error spending or classical), inflation factor and crossing"
            + " probabilities, by exact recursive numerical integration.")
public final class GsdCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--looks", required = true, description = "Number of analyses K (1-25).")
  int looks;

  @Option(
      names = "--alpha",
      description =
          "Type I error: one-sided when --sided 1 (default 0.025), two-sided when 2 (default 0.05).")
  Double alpha;

  @Option(names = "--beta", description = "Type II error the design is sized for (default 0.1).")
  double beta = 0.1;

  @Option(names = "--sided", description = "1 (default) or 2 (symmetric two-sided).")
  int sided = 1;

  @Option(
      names = "--upper",
      description = "ldof (default), ldpocock, hsd:GAMMA, power:RHO, of or pocock.")
  String upper = "ldof";

  @Option(
      names = "--lower",
      description = "Futility beta spending: none (default), ldof, ldpocock, hsd:GAMMA, power:RHO.")
  String lower = "none";

  @Option(names = "--binding", description = "The futility bound binds (default non-binding).")
  boolean binding;

  @Option(
      names = "--timing",
      split = ",",
      description = "Information fractions t1,t2,...,1 (default equal).")
  double[] timing;

  @Option(names = "--format", description = "table, json or csv (default: table on a terminal).")
  OutputFormat format;

  @Override
  public Integer call() {
    if (sided != 1 && sided != 2) {
      throw InvalidInputException.ofArgument("--sided", "must be 1 or 2, got " + sided);
    }
    if (looks < 1 || looks > 25) {
      throw InvalidInputException.ofArgument("--looks", "must be in [1, 25], got " + looks);
    }
    double a = alpha == null ? (sided == 2 ? 0.05 : 0.025) : alpha;
    if (!(a > 0 && a < 1)) {
      throw InvalidInputException.ofArgument("--alpha", "must be in (0, 1), got " + a);
    }
    double[] t;
    if (timing == null) {
      t = GsdSpec.equalTiming(looks);
    } else if (timing.length == looks) {
      t = timing.clone();
    } else if (timing.length == looks - 1) {
      t = java.util.Arrays.copyOf(timing, looks);
      t[looks - 1] = 1;
    } else {
      throw InvalidInputException.ofArgument(
          "--timing",
          "needs "
              + looks
              + " fractions (or "
              + (looks - 1)
              + ", the last being 1), got "
              + timing.length);
    }
    UpperBoundary ub;
    SpendingFunction lb;
    try {
      ub = UpperBoundary.parse(upper);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--upper", e.getMessage());
    }
    try {
      lb = lower.equalsIgnoreCase("none") ? null : SpendingFunction.parse(lower);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--lower", e.getMessage());
    }
    GroupSequentialDesign d;
    try {
      d = GroupSequentialDesign.of(new GsdSpec(t, a / sided, beta, sided, ub, lb, binding, 18));
    } catch (IllegalArgumentException e) {
      throw OptionErrors.GSD.userError(e);
    }
    write(d, a);
    return 0;
  }

  private void write(GroupSequentialDesign d, double a) {
    OutputFormat f = TrialDesignerOptions.resolve(format);
    if (f == OutputFormat.JSON) {
      Output.writeJson(spec.commandLine().getOut(), GsdTables.json(d, a));
      return;
    }
    ResultTable table = GsdTables.looks(d, "-", Output::num);
    Output.writeTable(spec.commandLine().getOut(), f, table.header(), table.rows());
    if (f == OutputFormat.TABLE) {
      spec.commandLine().getOut().println(GsdTables.summaryLine(d, Output::num));
    }
  }
}
