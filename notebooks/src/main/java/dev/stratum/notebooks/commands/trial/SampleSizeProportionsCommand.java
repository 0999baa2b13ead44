package dev.stratum.notebooks.commands.trial;

import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.trialsim.power.ProportionsSpec;
import dev.stratum.trialsim.power.SampleSize;
import dev.stratum.trialsim.power.SampleSizeResult;
import dev.stratum.trialsim.report.OptionErrors;
import dev.stratum.trialsim.report.SampleSizeTables;

/**
 * {@code sample-size proportions}: the CLI's {@code stratum sample-size proportions} (R's {@code
 * power.prop.test}; Farrington-Manning for non-inferiority), as a (quantity, value) table.
 */
public final class SampleSizeProportionsCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "sample-size proportions",
              "--p1 P1 --p2 P2 (--power P | --n N) [--alpha A] [--sided 1|2] [--ratio R]"
                  + " [--strict] [--margin M]",
              "n per group for a power, or the power of a size (two proportions)")
          .withOptions("p1", "p2", "power", "n", "alpha", "sided", "ratio", "margin")
          .withFlags("strict");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    double alpha = TrialArgs.alpha(a, 0.05);
    int sided = TrialArgs.sided(a, 2);
    double p1 = TrialArgs.required(a, "p1");
    double p2 = TrialArgs.required(a, "p2");
    double[] target = TrialArgs.exactlyOne(a, "power", "n");
    double margin = a.number("margin", 0);
    SampleSizeResult r;
    try {
      r =
          SampleSize.proportions(
              new ProportionsSpec(
                  p1,
                  p2,
                  alpha,
                  sided,
                  a.number("ratio", 1),
                  a.flag("strict"),
                  margin,
                  target[0],
                  target[1]));
    } catch (IllegalArgumentException e) {
      throw OptionErrors.PROPORTIONS.userError(e);
    }
    return TrialArgs.table(SampleSizeTables.proportions(r, margin > 0, alpha, sided));
  }
}
