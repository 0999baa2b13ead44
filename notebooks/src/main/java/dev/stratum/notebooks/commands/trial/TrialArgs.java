package dev.stratum.notebooks.commands.trial;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphOutput;

/** What the trial designer's paragraph commands share: option checks and the result table. */
final class TrialArgs {
  private TrialArgs() {}

  /** {@code --alpha} (default {@code fallback}) in (0, 1). */
  static double alpha(Arguments a, double fallback) {
    double alpha = a.number("alpha", fallback);
    if (!(alpha > 0 && alpha < 1)) {
      throw InvalidInputException.ofArgument("--alpha", "must be in (0, 1), got " + alpha);
    }
    return alpha;
  }

  /** {@code --sided} 1 or 2. */
  static int sided(Arguments a, int fallback) {
    return a.integer("sided", fallback, 1, 2);
  }

  /** A required finite number. */
  static double required(Arguments a, String name) {
    a.required(name);
    return a.number(name, Double.NaN);
  }

  /** Exactly one of two options; returns {NaN or value of first, NaN or value of second}. */
  static double[] exactlyOne(Arguments a, String first, String second) {
    boolean f = a.option(first).isPresent();
    boolean s = a.option(second).isPresent();
    if (f == s) {
      throw InvalidInputException.ofArgument(
          "--" + first, "give exactly one of --" + first + " and --" + second);
    }
    return new double[] {a.number(first, Double.NaN), a.number(second, Double.NaN)};
  }

  /** A sample-size JSON document as the quantity / value table (the CLI's rows). */
  static ParagraphOutput table(com.fasterxml.jackson.databind.node.ObjectNode json) {
    dev.stratum.trialsim.report.ResultTable t =
        dev.stratum.trialsim.report.SampleSizeTables.quantities(json, Numbers::plain);
    return ParagraphOutput.table(t.header(), t.rows());
  }
}
