package dev.stratum.notebooks.commands;

import dev.stratum.core.units.Ucum;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code units list [--like UNIT]}: the UCUM units Stratum knows, each with the first known unit of
 * its dimension; with {@code --like}, only that unit's dimension and how much of each unit one
 * {@code UNIT} is.
 */
public final class UnitsListCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of("units list", "[--like UNIT]", "the known UCUM units, by dimension")
          .withOptions("like");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    Optional<String> like =
        in.arguments().option("like").map(u -> UnitsConvertCommand.canonical("--like", u));
    List<String> codes = List.copyOf(Ucum.canonicalCodes());
    List<List<String>> rows = new ArrayList<>();
    if (like.isPresent()) {
      for (String code : codes) {
        if (Ucum.commensurable(code, like.get())) {
          rows.add(List.of(code, Numbers.plain(Ucum.convert(1, like.get(), code), 6)));
        }
      }
      return ParagraphOutput.table(List.of("unit", "per_1_" + like.get()), rows);
    }
    for (String code : codes) {
      String first =
          codes.stream().filter(c -> Ucum.commensurable(c, code)).findFirst().orElseThrow();
      rows.add(List.of(code, first));
    }
    return ParagraphOutput.table(List.of("unit", "dimension_of"), rows);
  }
}
