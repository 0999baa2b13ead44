package dev.stratum.notebooks.commands;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.units.Ucum;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.notebooks.svg.SvgBarChart;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code units chart VALUE UNIT}: one value expressed in every unit of its dimension, as an SVG bar
 * chart on a log scale, which shows at a glance how far apart, say, mg/dL and ng/mL readings of the
 * same concentration are.
 */
public final class UnitsChartCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of("units chart", "VALUE UNIT", "a value in every unit of its dimension (SVG chart)");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    in.arguments().expectPositionals(2, 2, SYNTAX.usage());
    double value = in.arguments().positionalNumber(0, "VALUE");
    if (value <= 0) {
      throw InvalidInputException.ofArgument(
          "VALUE", "must be > 0 for the log-scale chart, got " + in.arguments().positional(0));
    }
    String unit = UnitsConvertCommand.canonical("UNIT", in.arguments().positional(1));
    List<SvgBarChart.Bar> bars = new ArrayList<>();
    for (String code : Ucum.canonicalCodes()) {
      if (Ucum.commensurable(code, unit)) {
        bars.add(new SvgBarChart.Bar(code, Ucum.convert(value, unit, code)));
      }
    }
    String title = in.arguments().positional(0) + " " + unit + " in every unit of its dimension";
    return ParagraphOutput.of(Display.html(new SvgBarChart(title, "value", bars, true).toSvg()));
  }
}
