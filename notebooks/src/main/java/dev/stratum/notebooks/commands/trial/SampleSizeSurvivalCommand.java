package dev.stratum.notebooks.commands.trial;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.trialsim.power.Accrual;
import dev.stratum.trialsim.power.SampleSize;
import dev.stratum.trialsim.power.SampleSizeResult;
import dev.stratum.trialsim.power.SurvivalMethod;
import dev.stratum.trialsim.power.SurvivalSpec;
import dev.stratum.trialsim.report.OptionErrors;
import dev.stratum.trialsim.report.SampleSizeTables;
import java.util.Locale;

/**
 * {@code sample-size survival}: the CLI's {@code stratum sample-size survival} (log-rank events by
 * Schoenfeld 1983 or Freedman 1982; subjects by uniform accrual, follow-up and dropout;
 * Lachin-Foulkes 1986), as a (quantity, value) table.
 */
public final class SampleSizeSurvivalCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "sample-size survival",
              "--hr HR (--power P | --events E) [--alpha A] [--sided 1|2]"
                  + " [--method schoenfeld|freedman|lachin-foulkes] [--allocation F]"
                  + " [--median-control M --accrual-time T --follow-up F] [--dropout H]",
              "events (and subjects) for a power, or the power of a number of events (log-rank)")
          .withOptions(
              "hr",
              "power",
              "events",
              "alpha",
              "sided",
              "method",
              "allocation",
              "median-control",
              "accrual-time",
              "follow-up",
              "dropout");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    double alpha = TrialArgs.alpha(a, 0.05);
    int sided = TrialArgs.sided(a, 2);
    double hr = TrialArgs.required(a, "hr");
    double[] target = TrialArgs.exactlyOne(a, "power", "events");
    String method = a.option("method").orElse("schoenfeld").toLowerCase(Locale.ROOT);
    SurvivalMethod m =
        switch (method) {
          case "schoenfeld" -> SurvivalMethod.SCHOENFELD;
          case "freedman" -> SurvivalMethod.FREEDMAN;
          case "lachin-foulkes" -> SurvivalMethod.LACHIN_FOULKES;
          default ->
              throw InvalidInputException.ofArgument(
                  "--method",
                  "must be schoenfeld, freedman or lachin-foulkes, got '" + method + "'");
        };
    boolean hasMedian = a.option("median-control").isPresent();
    boolean hasAccrual = a.option("accrual-time").isPresent();
    boolean hasFollowUp = a.option("follow-up").isPresent();
    if ((hasMedian || hasAccrual || hasFollowUp) && !(hasMedian && hasAccrual && hasFollowUp)) {
      throw InvalidInputException.ofArgument(
          !hasMedian ? "--median-control" : !hasAccrual ? "--accrual-time" : "--follow-up",
          "subjects need --median-control, --accrual-time and --follow-up together");
    }
    SampleSizeResult r;
    try {
      Accrual acc = hasAccrual ? Accrual.uniform(a.number("accrual-time", Double.NaN)) : null;
      r =
          SampleSize.survival(
              new SurvivalSpec(
                  hr,
                  alpha,
                  sided,
                  m,
                  a.number("allocation", 0.5),
                  a.number("median-control", Double.NaN),
                  acc,
                  a.number("follow-up", 0),
                  a.number("dropout", 0),
                  target[0],
                  target[1]));
    } catch (IllegalArgumentException e) {
      throw OptionErrors.SURVIVAL.userError(e);
    }
    return TrialArgs.table(SampleSizeTables.survival(r, method, alpha, sided));
  }
}
