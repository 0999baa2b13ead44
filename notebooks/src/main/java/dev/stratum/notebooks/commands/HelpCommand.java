package dev.stratum.notebooks.commands;

import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** {@code help [WORD...]}: the paragraph commands, with usage and options, as a table. */
public final class HelpCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of("help", "[WORD...]", "lists the paragraph commands (those starting with WORD...)");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    List<String> filter = in.arguments().positionals();
    List<List<String>> rows = new ArrayList<>();
    for (ParagraphCommand c : in.registry().commands()) {
      Syntax s = c.syntax();
      List<String> w = s.words();
      if (filter.size() <= w.size() && w.subList(0, filter.size()).equals(filter)) {
        TreeSet<String> opts = new TreeSet<>();
        s.options().forEach(o -> opts.add("--" + o + " X"));
        s.flags().forEach(f -> opts.add("--" + f));
        rows.add(List.of(s.name(), s.usage(), String.join(" ", opts), s.summary()));
      }
    }
    if (rows.isEmpty()) {
      throw dev.stratum.core.error.InvalidInputException.ofArgument(
          "help", "no command starts with '" + String.join(" ", filter) + "'");
    }
    return ParagraphOutput.table(List.of("command", "usage", "options", "shows"), rows);
  }
}
