package dev.stratum.notebooks.commands.trial;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.trialsim.power.Hypothesis;
import dev.stratum.trialsim.power.MeansDesign;
import dev.stratum.trialsim.power.MeansSpec;
import dev.stratum.trialsim.power.SampleSize;
import dev.stratum.trialsim.power.SampleSizeResult;
import dev.stratum.trialsim.power.TestStatistic;
import dev.stratum.trialsim.report.OptionErrors;
import dev.stratum.trialsim.report.SampleSizeTables;
import java.util.Locale;

/**
 * {@code sample-size means}: the CLI's {@code stratum sample-size means} (exact noncentral t as R's
 * {@code power.t.test}, or z; non-inferiority and equivalence), as a (quantity, value) table.
 */
public final class SampleSizeMeansCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "sample-size means",
              "--delta D --sd S (--power P | --n N) [--alpha A] [--sided 1|2]"
                  + " [--design two-sample|paired|one-sample] [--ratio R] [--test t|z] [--strict]"
                  + " [--margin M] [--equivalence]",
              "n per group for a power, or the power of a size (comparison of means)")
          .withOptions(
              "delta", "sd", "power", "n", "alpha", "sided", "design", "ratio", "test", "margin")
          .withFlags("strict", "equivalence");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    double alpha = TrialArgs.alpha(a, 0.05);
    int sided = TrialArgs.sided(a, 2);
    double delta = TrialArgs.required(a, "delta");
    double sd = TrialArgs.required(a, "sd");
    double[] target = TrialArgs.exactlyOne(a, "power", "n");
    String design = a.option("design").orElse("two-sample").toLowerCase(Locale.ROOT);
    MeansDesign d =
        switch (design) {
          case "two-sample" -> MeansDesign.TWO_SAMPLE;
          case "paired" -> MeansDesign.PAIRED;
          case "one-sample" -> MeansDesign.ONE_SAMPLE;
          default ->
              throw InvalidInputException.ofArgument(
                  "--design", "must be two-sample, paired or one-sample, got '" + design + "'");
        };
    String test = a.option("test").orElse("t").toLowerCase(Locale.ROOT);
    TestStatistic t =
        switch (test) {
          case "t" -> TestStatistic.T;
          case "z" -> TestStatistic.Z;
          default ->
              throw InvalidInputException.ofArgument(
                  "--test", "must be t or z, got '" + test + "'");
        };
    double margin = a.number("margin", 0);
    boolean equivalence = a.flag("equivalence");
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
                  alpha,
                  sided,
                  d,
                  a.number("ratio", 1),
                  t,
                  a.flag("strict"),
                  h,
                  margin,
                  target[0],
                  target[1]));
    } catch (IllegalArgumentException e) {
      throw OptionErrors.MEANS.userError(e);
    }
    return TrialArgs.table(
        SampleSizeTables.means(r, test, design, h, alpha, sided, d == MeansDesign.TWO_SAMPLE));
  }
}
