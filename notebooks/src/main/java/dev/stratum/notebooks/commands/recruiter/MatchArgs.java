package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.matching.MatchCriterion;
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
import dev.stratum.notebooks.paragraph.NotebookSettings;
import dev.stratum.notebooks.store.Revocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What {@code match} and {@code funnel} share: the index, the criteria and the options. */
final class MatchArgs {
  static final String[] OPTIONS = {
    "index", "trial", "criteria", "text", "query", "as-of", "limit", "store"
  };

  /** The flags of {@code match}. */
  static final String[] FLAGS = {"representativeness"};

  /** The largest eligible pool a representativeness report reads (as the CLI's). */
  static final int MAX_POOL = 100_000;

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

  /**
   * A match as run: the result, and what produced it (for the representativeness report, which runs
   * the trial's condition criteria again over the same index).
   */
  record Match(
      MatchResult result,
      String trialId,
      List<MatchCriterion> criteria,
      MatchOptions options,
      Path index) {}

  /** Runs the match the arguments describe (criteria from a file, pasted text, or a text box). */
  static MatchResult run(Invocation in, Arguments a, int defaultLimit) {
    return match(in, a, defaultLimit, false).result();
  }

  /**
   * Runs the match the arguments describe; with {@code wholePool} the result lists every eligible
   * patient (eligible ones rank first) even beyond {@code --limit}, for a report over the whole
   * eligible pool; the caller shows only the first {@code --limit}.
   */
  static Match match(Invocation in, Arguments a, int defaultLimit, boolean wholePool) {
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
            revoked(in.settings()),
            a.option("query").orElse(""));
    Path indexDir = index(in, a);
    String trialId;
    List<MatchCriterion> criteria;
    if (a.option("trial").isPresent()) {
      TrialCriteria trial =
          CriteriaParser.create()
              .parse(TrialFiles.read(existing(a.option("trial").get(), "--trial")));
      trialId = trial.trialId();
      criteria = Matcher.criteriaOf(trial);
    } else if (a.option("criteria").isPresent()) {
      MatchJson.ParsedCriteria parsed =
          MatchJson.readCriteria(existing(a.option("criteria").get(), "--criteria"));
      trialId = parsed.trialId();
      criteria =
          Matcher.criteriaOf(parsed.minAge(), parsed.maxAge(), parsed.sex(), parsed.criteria());
    } else {
      String text =
          a.option("text")
              .orElseGet(() -> in.forms().textbox("criteria", CriteriaParseCommand.EXAMPLE));
      if (text.isBlank()) {
        throw InvalidInputException.ofArgument("--text", "is empty; paste criteria text");
      }
      TrialCriteria pasted =
          CriteriaParser.create().parse("pasted", CriteriaParseCommand.restoreLines(text));
      trialId = pasted.trialId();
      criteria = Matcher.criteriaOf(pasted);
    }
    try (PatientIndex idx = PatientIndex.open(indexDir)) {
      MatchResult r = Matcher.match(idx, trialId, criteria, options);
      if (wholePool && r.counts().eligible() > options.limit()) {
        r =
            Matcher.match(
                idx,
                trialId,
                criteria,
                options.withLimit((int) Math.min(r.counts().eligible(), MAX_POOL)));
      }
      return new Match(r, trialId, criteria, options, indexDir);
    }
  }

  /** The revocation list as pseudonyms ({@link Revocations#pseudonyms}). */
  static Set<String> revoked(NotebookSettings settings) {
    return Revocations.pseudonyms(settings);
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
