package dev.stratum.nlp.eval;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.nlp.NoteFact;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Precision and recall of extracted facts against a cohort's {@code truth/facts.csv}
 * (docs/data-formats.md).
 *
 * <p>A predicted fact is correct when a true fact of the same note has an overlapping span (when
 * the truth gives spans), <b>exactly the same concept</b>, and the same four assertion attributes.
 * The same concept means the same code, system and code both ({@code ICD10CM:C50.412} is not {@code
 * ICD10CM:C50.919}, {@code LOINC:98979-8} is not {@code LOINC:33914-3}); when the truth has no code
 * (a procedure named in passing, "metastatic disease") the same concept name, case-insensitively.
 * Names are not compared when both have codes: the code is the concept's identity, and two
 * vocabularies may name one code differently ("platelets" and "platelet count" are both LOINC
 * 777-3). Matching is one-to-one.
 *
 * <p>The truth lists one fact per planted statement, not every repetition: a predicted fact that
 * overlaps no true span but whose exact concept the note's truth contains (a diagnosis restated in
 * the plan) is not scored; any other is a false positive. Only predicted facts of categories that
 * occur in the truth are scored (a truth "symptom" is our "condition").
 *
 * <p>{@link Result#lenientFacts()} keeps the earlier, looser rule for comparison: concept name or
 * code equal, or any concept of the same category at the true span.
 */
public final class FactEvaluation {
  private FactEvaluation() {}

  /** A row of facts.csv. */
  public record TruthFact(
      String noteId,
      String category,
      String concept,
      String code,
      boolean negated,
      boolean uncertain,
      boolean historical,
      String experiencer,
      int begin,
      int end) {}

  /**
   * Scores.
   *
   * @param facts exact concept (code) and all four assertion attributes right
   * @param concepts exact concept right, assertion ignored
   * @param lenientFacts all four attributes right with the looser concept rule: same name or code,
   *     or the same category at the true span
   */
  public record Result(
      CriteriaEvaluation.Score facts,
      CriteriaEvaluation.Score concepts,
      CriteriaEvaluation.Score lenientFacts) {}

  /** Reads {@code facts.csv} (header row with the documented column names). */
  public static List<TruthFact> readTruth(Path file) {
    List<TruthFact> out = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(r, format)) {
      for (String col :
          List.of("note_id", "concept", "negated", "uncertain", "historical", "experiencer")) {
        if (!p.getHeaderMap().containsKey(col)) {
          throw InvalidInputException.at(file.toString(), 1, col, "missing column");
        }
      }
      for (CSVRecord rec : p) {
        long line = rec.getRecordNumber() + 1;
        out.add(
            new TruthFact(
                rec.get("note_id"),
                rec.isMapped("category") ? rec.get("category") : "",
                rec.get("concept"),
                rec.isMapped("code") ? rec.get("code") : "",
                bool(file, line, "negated", rec.get("negated")),
                bool(file, line, "uncertain", rec.get("uncertain")),
                bool(file, line, "historical", rec.get("historical")),
                rec.get("experiencer").strip().toLowerCase(Locale.ROOT),
                integer(file, line, "begin", rec.isMapped("begin") ? rec.get("begin") : ""),
                integer(file, line, "end", rec.isMapped("end") ? rec.get("end") : "")));
      }
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage(), e);
    }
    return out;
  }

  private static boolean bool(Path f, long line, String field, String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default ->
          throw InvalidInputException.at(
              f.toString(), line, field, "expected true/false, got '" + v + "'");
    };
  }

  private static int integer(Path f, long line, String field, String v) {
    if (v.isBlank()) {
      return -1;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw InvalidInputException.at(
          f.toString(), line, field, "expected an integer, got '" + v + "'");
    }
  }

  private static String group(String category) {
    return category.equals("symptom") ? "condition" : category;
  }

  /** Scores {@code predicted} against {@code truth}. */
  public static Result evaluate(List<NoteFact> predicted, List<TruthFact> truth) {
    Set<String> categories = new HashSet<>();
    Map<String, List<TruthFact>> byNote = new HashMap<>();
    for (TruthFact t : truth) {
      if (!t.category().isEmpty()) {
        categories.add(t.category());
      }
      byNote.computeIfAbsent(t.noteId(), k -> new ArrayList<>()).add(t);
    }
    List<NoteFact> inCategory = new ArrayList<>();
    for (NoteFact f : predicted) {
      if (categories.isEmpty()
          || categories.contains(f.category())
          || (f.category().equals("condition") && categories.contains("symptom"))) {
        inCategory.add(f);
      }
    }
    List<NoteFact> exact = scored(inCategory, byNote, true);
    List<NoteFact> lenient = scored(inCategory, byNote, false);
    return new Result(
        new CriteriaEvaluation.Score(match(exact, byNote, true, true), exact.size(), truth.size()),
        new CriteriaEvaluation.Score(match(exact, byNote, false, true), exact.size(), truth.size()),
        new CriteriaEvaluation.Score(
            match(lenient, byNote, true, false), lenient.size(), truth.size()));
  }

  private static List<NoteFact> scored(
      List<NoteFact> predicted, Map<String, List<TruthFact>> byNote, boolean exact) {
    List<NoteFact> scored = new ArrayList<>();
    for (NoteFact f : predicted) {
      boolean overlaps = false;
      boolean known = false;
      for (TruthFact t : byNote.getOrDefault(f.noteId(), List.of())) {
        overlaps |= t.begin() < 0 || overlap(f, t);
        known |= exact ? exactConcept(f, t) : sameConcept(f, t);
      }
      if (overlaps || !known) {
        scored.add(f);
      }
    }
    return scored;
  }

  private static boolean overlap(NoteFact f, TruthFact t) {
    return f.evidence().begin() < t.end() && f.evidence().end() > t.begin();
  }

  private static int match(
      List<NoteFact> predicted,
      Map<String, List<TruthFact>> byNote,
      boolean withStatus,
      boolean exact) {
    Set<TruthFact> used = new HashSet<>();
    int ok = 0;
    for (NoteFact f : predicted) {
      for (TruthFact t : byNote.getOrDefault(f.noteId(), List.of())) {
        if (used.contains(t) || !(exact ? exactConcept(f, t) : sameConcept(f, t))) {
          continue;
        }
        if (t.begin() >= 0 && !overlap(f, t)) {
          continue;
        }
        if (withStatus
            && (f.status().negated() != t.negated()
                || f.status().uncertain() != t.uncertain()
                || f.status().historical() != t.historical()
                || !f.status().experiencer().label().equals(t.experiencer()))) {
          continue;
        }
        used.add(t);
        ok++;
        break;
      }
    }
    return ok;
  }

  /**
   * Same code (system and code) when the truth has one, else the same name. A truth code without a
   * system prefix is compared to the code alone.
   */
  static boolean exactConcept(NoteFact f, TruthFact t) {
    String tc = t.code().strip();
    if (tc.isEmpty()) {
      return f.concept().equalsIgnoreCase(t.concept().strip());
    }
    if (f.code() == null) {
      return false;
    }
    int colon = tc.indexOf(':');
    if (colon < 0) {
      return f.code().code().equalsIgnoreCase(tc);
    }
    return f.code().system().name().equalsIgnoreCase(tc.substring(0, colon).strip())
        && f.code().code().equalsIgnoreCase(tc.substring(colon + 1).strip());
  }

  private static boolean sameConcept(NoteFact f, TruthFact t) {
    if (f.concept().equalsIgnoreCase(t.concept())) {
      return true;
    }
    if (t.begin() >= 0 && overlap(f, t) && group(f.category()).equals(group(t.category()))) {
      return true;
    }
    if (f.code() == null || t.code().isBlank()) {
      return false;
    }
    String tc = t.code().contains(":") ? t.code().substring(t.code().indexOf(':') + 1) : t.code();
    return f.code().code().equalsIgnoreCase(tc.strip());
  }
}
