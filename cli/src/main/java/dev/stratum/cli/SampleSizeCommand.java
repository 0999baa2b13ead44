package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.trialsim.power.Accrual;
import dev.stratum.trialsim.power.Hypothesis;
import dev.stratum.trialsim.power.MeansDesign;
import dev.stratum.trialsim.power.MeansSpec;
import dev.stratum.trialsim.power.ProportionsSpec;
import dev.stratum.trialsim.power.SampleSize;
import dev.stratum.trialsim.power.SampleSizeResult;
import dev.stratum.trialsim.power.SurvivalMethod;
import dev.stratum.trialsim.power.SurvivalSpec;
import dev.stratum.trialsim.power.TestStatistic;
import dev.stratum.trialsim.report.OptionErrors;
import dev.stratum.trialsim.report.ResultTable;
import dev.stratum.trialsim.report.SampleSizeTables;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum sample-size means|proportions|survival}: sample size for a target power, or the
 * power of a given size (CLI.md, issue 7). Sizes are reported unrounded and rounded up.
 */
@Command(
    name = "sample-size",
    mixinStandardHelpOptions = true,
    description = "Sample size or power of a fixed two-group (or one-group) design.",
    subcommands = {
      SampleSizeCommand.Means.class,
      SampleSizeCommand.Proportions.class,
      SampleSizeCommand.Survival.class
    })
public final class SampleSizeCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every sample-size question shares. */
  static class Common {
    @Option(
        names = "--alpha",
        description =
            "Significance level: two-sided when --sided 2, one-sided when 1 (default 0.05).")
    double alpha = 0.05;

    @Option(names = "--sided", description = "1 or 2 (default 2).")
    int sided = 2;

    @Option(names = "--format", description = "table, json or csv (default: table on a terminal).")
    OutputFormat format;

    void check() {
      if (sided != 1 && sided != 2) {
        throw InvalidInputException.ofArgument("--sided", "must be 1 or 2, got " + sided);
      }
      if (!(alpha > 0 && alpha < 1)) {
        throw InvalidInputException.ofArgument("--alpha", "must be in (0, 1), got " + alpha);
      }
    }
  }

  /** Power or size: exactly one is given. */
  static class Target {
    @Option(
        names = "--power",
        required = true,
        description = "Target power in (0, 1); solves for the size.")
    Double power;

    @Option(
        names = "--n",
        required = true,
        description = "Size of group 1 (per group when equal); solves for the power.")
    Double n;
  }

  static void write(PrintWriter out, Common c, ObjectNode json) {
    OutputFormat f = TrialDesignerOptions.resolve(c.format);
    if (f == OutputFormat.JSON) {
      Output.writeJson(out, json);
      return;
    }
    ResultTable table = SampleSizeTables.quantities(json, Output::num);
    Output.writeTable(out, f, table.header(), table.rows());
  }

  @Command(
      name = "means",
      mixinStandardHelpOptions = true,
      description =
          "Comparison of means: exact noncentral t as R's power.t.test, or z; non-inferiority by"
              + " --margin, equivalence (TOST) by --equivalence --margin.")
  static final class Means implements Callable<Integer> {
    @Mixin Common common;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--delta", required = true, description = "True difference of means.")
    double delta;

    @Option(names = "--sd", required = true, description = "Standard deviation.")
    double sd;

    @Option(
        names = "--design",
        description = "two-sample, paired or one-sample (default two-sample).")
    String design = "two-sample";

    @Option(names = "--ratio", description = "n2/n1 allocation ratio (default 1).")
    double ratio = 1;

    @Option(names = "--test", description = "t (exact noncentral t, default) or z.")
    String test = "t";

    @Option(
        names = "--strict",
        description = "Count both tails in two-sided power (R strict=TRUE).")
    boolean strict;

    @Option(
        names = "--margin",
        description = "Non-inferiority margin M > 0 (H0: difference <= -M).")
    double margin;

    @Option(
        names = "--equivalence",
        description = "Equivalence by two one-sided tests within +-margin.")
    boolean equivalence;

    @Override
    public Integer call() {
      common.check();
      MeansDesign d =
          switch (design.toLowerCase(Locale.ROOT)) {
            case "two-sample" -> MeansDesign.TWO_SAMPLE;
            case "paired" -> MeansDesign.PAIRED;
            case "one-sample" -> MeansDesign.ONE_SAMPLE;
            default ->
                throw InvalidInputException.ofArgument(
                    "--design", "must be two-sample, paired or one-sample, got '" + design + "'");
          };
      TestStatistic t =
          switch (test.toLowerCase(Locale.ROOT)) {
            case "t" -> TestStatistic.T;
            case "z" -> TestStatistic.Z;
            default ->
                throw InvalidInputException.ofArgument(
                    "--test", "must be t or z, got '" + test + "'");
          };
      if (equivalence && !(margin > 0)) {
        throw InvalidInputException.ofArgument("--margin", "equivalence needs a margin > 0");
      }
      Hypothesis h =
          equivalence
              ? Hypothesis.EQUIVALENCE
              : margin != 0 ? Hypothesis.NON_INFERIORITY : Hypothesis.SUPERIORITY;
      SampleSizeResult r;
      try {
        r =
            SampleSize.means(
                new MeansSpec(
                    delta,
                    sd,
                    common.alpha,
                    common.sided,
                    d,
                    ratio,
                    t,
                    strict,
                    h,
                    margin,
                    target.power == null ? Double.NaN : target.power,
                    target.n == null ? Double.NaN : target.n));
      } catch (IllegalArgumentException e) {
        throw OptionErrors.MEANS.userError(e);
      }
      ObjectNode o =
          SampleSizeTables.means(
              r,
              t == TestStatistic.T ? "t" : "z",
              design,
              h,
              common.alpha,
              common.sided,
              d == MeansDesign.TWO_SAMPLE);
      write(cmd.commandLine().getOut(), common, o);
      return 0;
    }
  }

  @Command(
      name = "proportions",
      mixinStandardHelpOptions = true,
      description =
          "Two proportions as R's power.prop.test (p1 experimental, p2 control); non-inferiority"
              + " by --margin with the Farrington-Manning test.")
  static final class Proportions implements Callable<Integer> {
    @Mixin Common common;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--p1", required = true, description = "Rate in group 1 (experimental).")
    double p1;

    @Option(names = "--p2", required = true, description = "Rate in group 2 (control).")
    double p2;

    @Option(names = "--ratio", description = "n2/n1 allocation ratio (default 1).")
    double ratio = 1;

    @Option(names = "--strict", description = "Count both tails in two-sided power.")
    boolean strict;

    @Option(names = "--margin", description = "Non-inferiority margin M > 0 (H0: p1 - p2 <= -M).")
    double margin;

    @Override
    public Integer call() {
      common.check();
      SampleSizeResult r;
      try {
        r =
            SampleSize.proportions(
                new ProportionsSpec(
                    p1,
                    p2,
                    common.alpha,
                    common.sided,
                    ratio,
                    strict,
                    margin,
                    target.power == null ? Double.NaN : target.power,
                    target.n == null ? Double.NaN : target.n));
      } catch (IllegalArgumentException e) {
        throw OptionErrors.PROPORTIONS.userError(e);
      }
      ObjectNode o = SampleSizeTables.proportions(r, margin > 0, common.alpha, common.sided);
      write(cmd.commandLine().getOut(), common, o);
      return 0;
    }
  }

  @Command(
      name = "survival",
      mixinStandardHelpOptions = true,
      description =
          "Log-rank test: events by Schoenfeld (1983) or Freedman (1982); subjects from events with"
              + " uniform accrual, follow-up and exponential dropout; Lachin-Foulkes (1986) as"
              + " gsDesign nSurv.")
  static final class Survival implements Callable<Integer> {
    @Mixin Common common;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @ArgGroup(exclusive = true, multiplicity = "1")
    EventsTarget target;

    static class EventsTarget {
      @Option(names = "--power", required = true, description = "Target power; solves for events.")
      Double power;

      @Option(
          names = "--events",
          required = true,
          description = "Number of events; solves for power.")
      Double events;
    }

    @Option(names = "--hr", required = true, description = "Hazard ratio experimental/control.")
    double hr;

    @Option(names = "--method", description = "schoenfeld (default), freedman or lachin-foulkes.")
    String method = "schoenfeld";

    @Option(
        names = "--allocation",
        description = "Fraction of patients in the experimental arm (default 0.5).")
    double allocation = 0.5;

    @Option(
        names = "--median-control",
        description = "Median survival in the control arm (exponential).")
    Double medianControl;

    @Option(names = "--accrual-time", description = "Duration of uniform accrual.")
    Double accrualTime;

    @Option(names = "--follow-up", description = "Follow-up after the end of accrual.")
    Double followUp;

    @Option(
        names = "--dropout",
        description = "Exponential dropout hazard per time unit (default 0).")
    double dropout;

    @Override
    public Integer call() {
      common.check();
      SurvivalMethod m =
          switch (method.toLowerCase(Locale.ROOT)) {
            case "schoenfeld" -> SurvivalMethod.SCHOENFELD;
            case "freedman" -> SurvivalMethod.FREEDMAN;
            case "lachin-foulkes" -> SurvivalMethod.LACHIN_FOULKES;
            default ->
                throw InvalidInputException.ofArgument(
                    "--method",
                    "must be schoenfeld, freedman or lachin-foulkes, got '" + method + "'");
          };
      boolean subjects = medianControl != null || accrualTime != null || followUp != null;
      if (subjects && (medianControl == null || accrualTime == null || followUp == null)) {
        throw InvalidInputException.ofArgument(
            medianControl == null
                ? "--median-control"
                : accrualTime == null ? "--accrual-time" : "--follow-up",
            "subjects need --median-control, --accrual-time and --follow-up together");
      }
      SampleSizeResult r;
      try {
        Accrual acc = accrualTime == null ? null : Accrual.uniform(accrualTime);
        r =
            SampleSize.survival(
                new SurvivalSpec(
                    hr,
                    common.alpha,
                    common.sided,
                    m,
                    allocation,
                    medianControl == null ? Double.NaN : medianControl,
                    acc,
                    followUp == null ? 0 : followUp,
                    dropout,
                    target.power == null ? Double.NaN : target.power,
                    target.events == null ? Double.NaN : target.events));
      } catch (IllegalArgumentException e) {
        throw OptionErrors.SURVIVAL.userError(e);
      }
      ObjectNode o = SampleSizeTables.survival(r, method, common.alpha, common.sided);
      write(cmd.commandLine().getOut(), common, o);
      return 0;
    }
  }
}
