package dev.stratum.core.criteria;

import dev.stratum.core.model.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One structured eligibility criterion, the unit of the {@code criteria parse} output in CLI.md.
 *
 * @param id stable id within the trial, e.g. {@code I3} or {@code E1}
 * @param kind inclusion or exclusion
 * @param text the criterion as registered
 * @param type what it is about
 * @param concept normalised concept, e.g. {@code HbA1c}, {@code EGFR L858R}; empty when none
 * @param code the concept's code, null when none
 * @param negated whether the criterion states an absence ("no prior chemotherapy")
 * @param operator numeric comparison, null when none
 * @param value threshold, NaN when none
 * @param value2 upper bound for {@code between}, NaN otherwise
 * @param unit canonical UCUM unit of the value, or a relative unit such as {@code x ULN}; empty
 *     when none
 * @param window look-back window, null when none
 * @param codes every code any of which satisfies the criterion, {@code code} first ("NSCLC or
 *     colorectal cancer": C34.90, C18.9, C20); empty when {@code code} is null. The 12-argument
 *     constructor (a single code) stays for callers that know one code.
 */
public record EligibilityCriterion(
    String id,
    CriterionKind kind,
    String text,
    CriterionType type,
    String concept,
    Code code,
    boolean negated,
    Comparison operator,
    double value,
    double value2,
    String unit,
    TimeWindow window,
    List<Code> codes) {

  public EligibilityCriterion {
    Objects.requireNonNull(id, "id");
    // code is always the first of codes; either may be given.
    List<Code> all = new ArrayList<>();
    if (code != null) {
      all.add(code);
    }
    if (codes != null) {
      for (Code c : codes) {
        if (c != null && !all.contains(c)) {
          all.add(c);
        }
      }
    }
    codes = List.copyOf(all);
    code = all.isEmpty() ? null : all.get(0);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(type, "type");
    concept = concept == null ? "" : concept;
    unit = unit == null ? "" : unit;
    if (operator == Comparison.BETWEEN && (Double.isNaN(value) || Double.isNaN(value2))) {
      throw new IllegalArgumentException("criterion " + id + ": 'between' needs value and value2");
    }
    if (operator != null && operator != Comparison.BETWEEN && Double.isNaN(value)) {
      throw new IllegalArgumentException(
          "criterion " + id + ": operator " + operator.symbol() + " needs a value");
    }
  }

  /** A criterion with one code (or none). */
  public EligibilityCriterion(
      String id,
      CriterionKind kind,
      String text,
      CriterionType type,
      String concept,
      Code code,
      boolean negated,
      Comparison operator,
      double value,
      double value2,
      String unit,
      TimeWindow window) {
    this(id, kind, text, type, concept, code, negated, operator, value, value2, unit, window, null);
  }

  /** The same criterion with {@code more} codes as alternatives after its own. */
  public EligibilityCriterion withAlternatives(List<Code> more) {
    List<Code> all = new ArrayList<>(codes);
    all.addAll(more);
    return new EligibilityCriterion(
        id, kind, text, type, concept, null, negated, operator, value, value2, unit, window, all);
  }

  public Optional<Comparison> comparison() {
    return Optional.ofNullable(operator);
  }

  public Optional<TimeWindow> timeWindow() {
    return Optional.ofNullable(window);
  }

  public Optional<Code> codeIfAny() {
    return Optional.ofNullable(code);
  }
}
