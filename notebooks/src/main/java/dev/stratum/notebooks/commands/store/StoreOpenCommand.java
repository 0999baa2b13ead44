package dev.stratum.notebooks.commands.store;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.Manifest;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code store open DIR [--snapshot ID]}: opens a feature store's current snapshot (or an older
 * one) for the session's later paragraphs ({@code store catalog}, {@code cohort summary}, {@code
 * match}). Shows the snapshot's tables with their row counts and a line with its manifest.
 */
public final class StoreOpenCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "store open",
              "[DIR] [--snapshot ID]",
              "open a feature store's current (or given) snapshot for the session")
          .withOptions("snapshot", "store");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 1, SYNTAX.usage());
    Path dir =
        (a.positionals().isEmpty() ? a.option("store") : java.util.Optional.of(a.positional(0)))
            .map(Path::of)
            .or(() -> in.settings().store())
            .orElseThrow(
                () ->
                    InvalidInputException.ofArgument(
                        "DIR", "name the feature store directory (or set stratum.store)"));
    FeatureStore store = StoreArgs.open(dir);
    FeatureSnapshot snap =
        a.option("snapshot").isPresent()
            ? store.snapshot(a.option("snapshot").get())
            : store.current();
    in.session().put(StoreArgs.OPENED, new StoreArgs.Opened(store.dir(), snap));
    Manifest m = snap.manifest();
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> e : new TreeMap<>(m.tables()).entrySet()) {
      rows.add(List.of(e.getKey(), Long.toString(e.getValue())));
    }
    boolean current = store.currentId().map(snap.id()::equals).orElse(false);
    return ParagraphOutput.of(
        Display.table(List.of("table", "rows"), rows),
        Display.text(
            "snapshot "
                + snap.id()
                + (current ? " (current)" : " (not current)")
                + " of "
                + store.dir()
                + "; as of "
                + (m.asOf() == null ? "all events" : m.asOf())
                + "; created "
                + m.createdAt()
                + " by "
                + m.producer()
                + " (Spark "
                + m.sparkVersion()
                + "); "
                + m.features()
                + " features per patient"));
  }
}
