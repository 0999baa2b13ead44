package dev.stratum.notebooks.commands.store;

import dev.stratum.jobs.CatalogEntry;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code store catalog [--family F] [--like TEXT]}: the feature catalog of the open snapshot (the
 * columns of its wide {@code patients} table). Metadata only, so every role may see it.
 */
public final class StoreCatalogCommand implements ParagraphCommand {
  static final List<String> COLUMNS =
      List.of("name", "type", "unit", "family", "description", "source");

  private static final Syntax SYNTAX =
      Syntax.of(
              "store catalog",
              "[--family F] [--like TEXT]",
              "the feature catalog of the open snapshot (name, type, unit, family, description)")
          .withOptions("family", "like");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    StoreArgs.Opened o = StoreArgs.opened(in);
    Optional<String> family = a.option("family");
    Optional<String> like = a.option("like").map(s -> s.toLowerCase(Locale.ROOT));
    List<List<String>> rows = new ArrayList<>();
    for (CatalogEntry e : o.snapshot().catalog()) {
      if (family.isPresent() && !family.get().equals(e.family())) {
        continue;
      }
      if (like.isPresent()
          && !(e.name() + " " + e.description()).toLowerCase(Locale.ROOT).contains(like.get())) {
        continue;
      }
      rows.add(List.of(e.name(), e.type(), e.unit(), e.family(), e.description(), e.source()));
    }
    return ParagraphOutput.table(COLUMNS, rows);
  }
}
