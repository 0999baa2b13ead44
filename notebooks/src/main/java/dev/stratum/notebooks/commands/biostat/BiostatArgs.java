package dev.stratum.notebooks.commands.biostat;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Session;
import dev.stratum.stratification.StratificationResult;

/** What the biostatistician's commands share. */
final class BiostatArgs {
  /** The last stratification of the session, for {@code clusters} and {@code km}. */
  static final Session.Key<StratificationResult> LAST =
      new Session.Key<>("stratify.last", StratificationResult.class);

  private BiostatArgs() {}

  static long seed(Arguments a, long fallback) {
    if (a.option("seed").isEmpty()) {
      return fallback;
    }
    String s = a.option("seed").get().strip();
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw InvalidInputException.ofArgument("--seed", "expected an integer, got '" + s + "'");
    }
  }

  /** The model.json the last stratify of the session wrote, for {@code freeze}. */
  static final Session.Key<java.nio.file.Path> MODEL =
      new Session.Key<>("stratify.model", java.nio.file.Path.class);

  static StratificationResult last(Session session) {
    return session
        .get(LAST)
        .orElseThrow(
            () ->
                InvalidInputException.ofArgument(
                    "stratify", "no stratification in this session yet; run stratify first"));
  }
}
