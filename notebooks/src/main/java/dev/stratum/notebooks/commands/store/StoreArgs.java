package dev.stratum.notebooks.commands.store;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Session;
import dev.stratum.trust.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The feature store and snapshot a session works on, and the role a paragraph runs under. */
public final class StoreArgs {
  /**
   * The snapshot {@code store open} opened.
   *
   * @param store the store directory
   * @param snapshot the opened snapshot (the current one unless {@code --snapshot} chose another)
   */
  public record Opened(Path store, FeatureSnapshot snapshot) {}

  /** The session's open snapshot. */
  public static final Session.Key<Opened> OPENED = new Session.Key<>("store.opened", Opened.class);

  private StoreArgs() {}

  /** The role of the paragraph (the interpreter resolved it from the Zeppelin user). */
  public static Role role(Invocation in) {
    return Role.parse(in.settings().role(), "stratum.role");
  }

  /**
   * The store a paragraph names: positional DIR or {@code --store}, else the session's open store,
   * else the interpreter setting {@code stratum.store}.
   */
  public static Optional<Path> storeDir(Invocation in, Arguments a) {
    Optional<String> given =
        a.positionals().isEmpty() ? a.option("store") : Optional.of(a.positional(0));
    if (given.isPresent()) {
      return Optional.of(Path.of(given.get()));
    }
    Optional<Opened> o = in.session().get(OPENED);
    if (o.isPresent()) {
      return Optional.of(o.get().store());
    }
    return in.settings().store();
  }

  /** Opens a store directory, with a readable message when it is missing. */
  public static FeatureStore open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw InvalidInputException.ofArgument(
          "store",
          "not a directory: "
              + dir.toAbsolutePath()
              + " (a feature store written by stratum features or stratum demo)");
    }
    return FeatureStore.open(dir);
  }

  /** The open snapshot of the session, opening the configured store's current one when none. */
  public static Opened opened(Invocation in) {
    Optional<Opened> o = in.session().get(OPENED);
    if (o.isPresent()) {
      return o.get();
    }
    Path dir =
        in.settings()
            .store()
            .orElseThrow(
                () ->
                    InvalidInputException.ofArgument(
                        "store",
                        "no store open in this session; run store open DIR first (or set the"
                            + " interpreter property stratum.store)"));
    Opened fresh = new Opened(dir, open(dir).current());
    in.session().put(OPENED, fresh);
    return fresh;
  }
}
