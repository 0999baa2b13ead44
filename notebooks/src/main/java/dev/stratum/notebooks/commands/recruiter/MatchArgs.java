package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.matching.MatchJson;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.MatchResult;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.io.TrialFiles;
import dev.stratum.notebooks.commands.store.StoreArgs;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What {@code match} and {@code funnel} share: the index, the criteria and the options. */
final class MatchArgs {
  static final String[] OPTIONS = {
    "index", "trial", "criteria", "text", "query", "as-of", "limit", "store"
  };

  private MatchArgs() {}

  /**
   * The index: {@code --index DIR}, else the folder {@code index} beside the session's open store
   * (or the configured {@code stratum.store}), the layout {@code stratum demo} writes.
   */
  static Path index(Invocation in, Arguments a) {
    if (a.option("index").isPresent()) {
      return Path.of(a.option("index").get());
    }
    Optional<Path> store = StoreArgs.storeDir(in, a);
    if (store.isEmpty()) {
      throw InvalidInputException.ofArgument(
          "--index", "name the patient index (stratum index) or open its store with store open");
    }
    Path parent = store.get().toAbsolutePath().normalize().getParent();
    return (parent == null ? store.get() : parent).resolve("index");
  }

  /** Runs the match the arguments describe (criteria from a file, pasted text, or a text box). */
  static MatchResult run(Invocation in, Arguments a, int defaultLimit) {
    int given =
        (a.option("trial").isPresent() ? 1 : 0)
            + (a.option("criteria").isPresent() ? 1 : 0)
            + (a.option("text").isPresent() ? 1 : 0);
    if (given > 1) {
      throw InvalidInputException.ofArgument(
          "--trial", "give one of --trial FILE, --criteria FILE or --text TEXT");
    }
    MatchOptions options =
        new MatchOptions(
            date(a.option("as-of").orElse(null)),
            a.integer("limit", defaultLimit, 0, 100_000),
            java.util.Set.of(),
            a.option("query").orElse(""));
    Path indexDir = index(in, a);
    if (a.option("trial").isPresent()) {
      TrialCriteria trial =
          CriteriaParser.create()
              .parse(TrialFiles.read(existing(a.option("trial").get(), "--trial")));
      try (PatientIndex idx = PatientIndex.open(indexDir)) {
        return Matcher.match(idx, trial, options);
      }
    }
    if (a.option("criteria").isPresent()) {
      MatchJson.ParsedCriteria parsed =
          MatchJson.readCriteria(existing(a.option("criteria").get(), "--criteria"));
      try (PatientIndex idx = PatientIndex.open(indexDir)) {
        return Matcher.match(idx, parsed, options);
      }
    }
    String text =
        a.option("text")
            .orElseGet(() -> in.forms().textbox("criteria", CriteriaParseCommand.EXAMPLE));
    if (text.isBlank()) {
      throw InvalidInputException.ofArgument("--text", "is empty; paste criteria text");
    }
    TrialCriteria pasted =
        CriteriaParser.create().parse("pasted", CriteriaParseCommand.restoreLines(text));
    try (PatientIndex idx = PatientIndex.open(indexDir)) {
      return Matcher.match(idx, pasted, options);
    }
  }

  private static Path existing(String file, String option) {
    Path p = Path.of(file);
    if (!Files.isRegularFile(p)) {
      throw InvalidInputException.ofArgument(option, "file not found: " + p.toAbsolutePath());
    }
    return p;
  }

  private static LocalDate date(String s) {
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw InvalidInputException.ofArgument("--as-of", "not a date YYYY-MM-DD: '" + s + "'");
    }
  }
}
