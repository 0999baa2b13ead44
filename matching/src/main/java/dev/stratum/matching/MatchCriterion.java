package dev.stratum.matching;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.criteria.EligibilityCriterion;
import dev.stratum.core.criteria.TimeWindow;
import dev.stratum.core.model.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One criterion as the matcher evaluates it: a core {@link EligibilityCriterion} widened to a list
 * of codes (any of them satisfies it: "NSCLC or colorectal cancer" is C34 or C18 or C20) and, for
 * recruiters' free-text search, a Lucene query over the notes.
 *
 * @param id stable id within the trial ({@code I3}, {@code E1}, {@code Q1})
 * @param kind inclusion or exclusion
 * @param text the criterion as registered (always shown, so an unstructured one can be judged)
 * @param type what it is about
 * @param concept normalised concept ({@code KRAS G12C}, {@code ERBB2 positive}); may be empty
 * @param codes codes, any of which satisfies the criterion; a biomarker code may name a change as
 *     {@code HGNC:EGFR/L858R}
 * @param negated the criterion states an absence ("no prior chemotherapy")
 * @param operator numeric comparison, null when none
 * @param value threshold, NaN when none
 * @param value2 upper bound of {@code between}, NaN otherwise
 * @param unit UCUM unit of the threshold, {@code x ULN} for multiples of the upper limit of normal,
 *     {@code a} (years) for ages; empty when none
 * @param window look-back window, null when none
 * @param query Lucene query syntax over the note text (free-text criteria); empty otherwise
 */
public record MatchCriterion(
    String id,
    CriterionKind kind,
    String text,
    CriterionType type,
    String concept,
    List<Code> codes,
    boolean negated,
    Comparison operator,
    double value,
    double value2,
    String unit,
    TimeWindow window,
    String query) {

  public MatchCriterion {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
    text = text == null ? "" : text;
    concept = concept == null ? "" : concept;
    codes = List.copyOf(codes);
    unit = unit == null ? "" : unit;
    query = query == null ? "" : query;
    if (operator == Comparison.BETWEEN && (Double.isNaN(value) || Double.isNaN(value2))) {
      throw new IllegalArgumentException("criterion " + id + ": 'between' needs value and value2");
    }
    if (operator != null && operator != Comparison.BETWEEN && Double.isNaN(value)) {
      throw new IllegalArgumentException(
          "criterion " + id + ": operator " + operator.symbol() + " needs a value");
    }
  }

  /** The matcher's view of a parsed criterion (the NLP module's output). */
  public static MatchCriterion of(EligibilityCriterion c) {
    List<Code> codes = new ArrayList<>(c.codes());
    return new MatchCriterion(
        c.id(),
        c.kind(),
        c.text(),
        c.type(),
        c.concept(),
        codes,
        c.negated(),
        c.operator(),
        c.value(),
        c.value2(),
        c.unit(),
        c.window(),
        "");
  }

  /** A free-text criterion: patients whose notes match {@code luceneQuery} (Lucene syntax). */
  public static MatchCriterion freeText(String id, String luceneQuery) {
    return new MatchCriterion(
        id,
        CriterionKind.INCLUSION,
        "notes match: " + luceneQuery,
        CriterionType.OTHER,
        "",
        List.of(),
        false,
        null,
        Double.NaN,
        Double.NaN,
        "",
        null,
        luceneQuery);
  }
}
