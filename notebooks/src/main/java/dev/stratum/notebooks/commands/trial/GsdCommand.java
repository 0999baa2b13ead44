package dev.stratum.notebooks.commands.trial;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.notebooks.svg.SvgXYChart;
import dev.stratum.trialsim.gsd.GroupSequentialDesign;
import dev.stratum.trialsim.gsd.GsdSpec;
import dev.stratum.trialsim.gsd.SpendingFunction;
import dev.stratum.trialsim.gsd.UpperBoundary;
import dev.stratum.trialsim.report.GsdTables;
import dev.stratum.trialsim.report.OptionErrors;
import dev.stratum.trialsim.report.ResultTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gsd}: the CLI's {@code stratum gsd} (group-sequential boundaries by the recursive
 * numerical integration of Armitage, McPherson and Rowe 1969, Jennison and Turnbull 2000 ch. 19): a
 * table per look, the boundaries as an SVG chart over the information fraction, and a line with the
 * inflation factor and drift.
 */
public final class GsdCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "gsd",
              "--looks K [--alpha A] [--beta B] [--sided 1|2] [--upper SPEC] [--lower SPEC]"
                  + " [--binding] [--timing t1,t2,...]",
              "group-sequential boundaries per look (table) and their chart (SVG)")
          .withOptions("looks", "alpha", "beta", "sided", "upper", "lower", "timing")
          .withFlags("binding");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    a.required("looks");
    int looks = a.integer("looks", 0, 1, 25);
    int sided = TrialArgs.sided(a, 1);
    double alpha = TrialArgs.alpha(a, sided == 2 ? 0.05 : 0.025);
    double beta = a.number("beta", 0.1);
    double[] t = timing(a, looks);
    UpperBoundary ub;
    SpendingFunction lb;
    try {
      ub = UpperBoundary.parse(a.option("upper").orElse("ldof"));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--upper", e.getMessage());
    }
    String lower = a.option("lower").orElse("none");
    try {
      lb = lower.equalsIgnoreCase("none") ? null : SpendingFunction.parse(lower);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--lower", e.getMessage());
    }
    GroupSequentialDesign d;
    try {
      d =
          GroupSequentialDesign.of(
              new GsdSpec(t, alpha / sided, beta, sided, ub, lb, a.flag("binding"), 18));
    } catch (IllegalArgumentException e) {
      throw OptionErrors.GSD.userError(e);
    }
    boolean showLower = GsdTables.showsLower(d);
    double[] upperZ = d.upper();
    double[] lowerZ = d.lower();
    ResultTable table = GsdTables.looks(d, "", Numbers::plain);
    List<SvgXYChart.Series> series = new ArrayList<>();
    series.add(new SvgXYChart.Series("efficacy (upper)", SvgXYChart.Kind.LINE, t, upperZ));
    if (showLower && Arrays.stream(lowerZ).allMatch(Double::isFinite)) {
      series.add(
          new SvgXYChart.Series(
              sided == 2 ? "lower (symmetric)" : "futility (lower)",
              SvgXYChart.Kind.LINE,
              t,
              lowerZ));
    }
    String title =
        d.spec().upper().name()
            + (lb == null ? "" : " / " + lb.name())
            + " boundaries, "
            + looks
            + " looks";
    return ParagraphOutput.of(
        Display.table(table.header(), table.rows()),
        Display.html(new SvgXYChart(title, "information fraction", "z", series, null).toSvg()),
        Display.text(
            GsdTables.summaryLine(d, Numbers::plain)
                + ", expected information (H0, H1) "
                + Numbers.plain(d.expectedInformationRatio(0), 4)
                + ", "
                + Numbers.plain(d.expectedInformationRatio(d.theta()), 4)));
  }

  private static double[] timing(Arguments a, int looks) {
    if (a.option("timing").isEmpty()) {
      return GsdSpec.equalTiming(looks);
    }
    String[] parts = a.option("timing").get().split(",");
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw InvalidInputException.ofArgument(
            "--timing", "expected numbers separated by commas, got '" + parts[i] + "'");
      }
    }
    if (v.length == looks) {
      return v;
    }
    if (v.length == looks - 1) {
      double[] t = Arrays.copyOf(v, looks);
      t[looks - 1] = 1;
      return t;
    }
    throw InvalidInputException.ofArgument(
        "--timing",
        "needs "
            + looks
            + " fractions (or "
            + (looks - 1)
            + ", the last being 1), got "
            + v.length);
  }
}
