package dev.stratum.notebooks.commands;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.units.Ucum;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.util.List;

/**
 * {@code units convert VALUE FROM TO}: a laboratory value in another unit of the same dimension,
 * with {@link Ucum} (the UCUM subset Stratum's readers normalise to). Without arguments the
 * paragraph shows forms (a text box for the value, drop-downs for the units).
 */
public final class UnitsConvertCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "units convert",
              "[VALUE FROM TO] [--digits N]",
              "a value in another unit of the same dimension (forms when no arguments)")
          .withOptions("digits");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments();
    a.expectPositionals(0, 3, SYNTAX.usage());
    int digits = a.integer("digits", 6, 1, 17);
    String valueText;
    String from;
    String to;
    if (a.positionals().isEmpty()) {
      List<String> units = List.copyOf(Ucum.canonicalCodes());
      valueText = in.forms().textbox("value", "1");
      from = in.forms().select("from", "mg/dL", units);
      to = in.forms().select("to", "mg/L", units);
    } else {
      a.expectPositionals(3, 3, SYNTAX.usage());
      valueText = a.positional(0);
      from = a.positional(1);
      to = a.positional(2);
    }
    double value;
    try {
      value = Double.parseDouble(valueText.strip());
    } catch (NumberFormatException e) {
      throw InvalidInputException.ofArgument("VALUE", "expected a number, got '" + valueText + "'");
    }
    String fromCode = canonical("FROM", from);
    String toCode = canonical("TO", to);
    double converted;
    try {
      converted = Ucum.convert(value, fromCode, toCode);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("TO", e.getMessage());
    }
    return ParagraphOutput.table(
        List.of("value", "unit", "converted", "converted_unit"),
        List.of(
            List.of(Numbers.plain(value, 17), fromCode, Numbers.plain(converted, digits), toCode)));
  }

  static String canonical(String what, String spelling) {
    return Ucum.lookup(spelling)
        .orElseThrow(
            () ->
                InvalidInputException.ofArgument(
                    what, "unknown unit '" + spelling + "' (type units list for the known ones)"));
  }
}
