package dev.stratum.notebooks.commands.store;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code store snapshots [DIR]}: every snapshot of a store, oldest first, the current marked. */
public final class StoreSnapshotsCommand implements ParagraphCommand {
  static final List<String> COLUMNS =
      List.of("snapshot", "created_at", "as_of", "current", "persons", "features", "producer");

  private static final Syntax SYNTAX =
      Syntax.of("store snapshots", "[DIR]", "the snapshots of a feature store, oldest first")
          .withOptions("store");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 1, SYNTAX.usage());
    Path dir =
        StoreArgs.storeDir(in, a)
            .orElseThrow(
                () ->
                    InvalidInputException.ofArgument(
                        "DIR", "name the feature store directory (or run store open first)"));
    FeatureStore store = StoreArgs.open(dir);
    String current = store.currentId().orElse("");
    List<List<String>> rows = new ArrayList<>();
    for (FeatureSnapshot s : store.snapshots()) {
      rows.add(
          List.of(
              s.id(),
              s.manifest().createdAt(),
              s.manifest().asOf() == null ? "" : s.manifest().asOf(),
              Boolean.toString(s.id().equals(current)),
              Long.toString(s.manifest().tables().getOrDefault("persons", 0L)),
              Long.toString(s.manifest().features()),
              s.manifest().producer()));
    }
    return ParagraphOutput.table(COLUMNS, rows);
  }
}
