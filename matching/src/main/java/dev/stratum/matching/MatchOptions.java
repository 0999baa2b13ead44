package dev.stratum.matching;

import dev.stratum.core.error.InvalidInputException;
import java.time.LocalDate;
import java.util.Set;

/**
 * How to match.
 *
 * @param evaluationDate the day ages and windows ("within 6 months") are computed on; null means
 *     the snapshot's as-of day, or today (UTC) when the snapshot used every event
 * @param limit how many ranked patients to return with evidence, 0 to 100,000
 * @param excludedPersonIds patients to leave out of every result and count (consent withdrawn since
 *     the snapshot)
 * @param freeText Lucene query syntax over the notes, added as an inclusion criterion; empty for
 *     none
 */
public record MatchOptions(
    LocalDate evaluationDate, int limit, Set<String> excludedPersonIds, String freeText) {
  public static final int DEFAULT_LIMIT = 100;

  public MatchOptions {
    if (limit < 0 || limit > 100_000) {
      throw InvalidInputException.ofArgument(
          "--limit", "must be between 0 and 100000, got " + limit);
    }
    excludedPersonIds = Set.copyOf(excludedPersonIds);
    freeText = freeText == null ? "" : freeText.strip();
  }

  public static MatchOptions defaults() {
    return new MatchOptions(null, DEFAULT_LIMIT, Set.of(), "");
  }

  public MatchOptions withEvaluationDate(LocalDate d) {
    return new MatchOptions(d, limit, excludedPersonIds, freeText);
  }

  public MatchOptions withLimit(int n) {
    return new MatchOptions(evaluationDate, n, excludedPersonIds, freeText);
  }

  public MatchOptions withExcluded(Set<String> ids) {
    return new MatchOptions(evaluationDate, limit, ids, freeText);
  }

  public MatchOptions withFreeText(String q) {
    return new MatchOptions(evaluationDate, limit, excludedPersonIds, q);
  }
}
