package dev.stratum.core.criteria;

import dev.stratum.core.model.Code;
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
    TimeWindow window) {

  public EligibilityCriterion {
    Objects.requireNonNull(id, "id");
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
