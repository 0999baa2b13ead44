package dev.stratum.core.nlp;

import dev.stratum.core.model.Code;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One concept mention extracted from a clinical note, with its assertion status and evidence.
 *
 * @param noteId the note it was read from
 * @param personId the patient the note belongs to
 * @param category condition, drug, lab, biomarker, performance, smoking, pregnancy, ...
 * @param concept normalised concept name, e.g. {@code type 2 diabetes mellitus}
 * @param code the concept's code; null when the lexicon has none
 * @param value numeric value stated with the mention (HbA1c 8.2), or NaN
 * @param unit canonical UCUM unit of the value; empty when none
 * @param valueText categorical value ("positive", "3+", "L858R"); empty when none
 * @param date date stated for the mention, or the note date; null when unknown
 * @param status negated / uncertain / historical / experiencer
 * @param evidence the character span in the note
 */
public record NoteFact(
    String noteId,
    String personId,
    String category,
    String concept,
    Code code,
    double value,
    String unit,
    String valueText,
    LocalDate date,
    AssertionStatus status,
    EvidenceSpan evidence) {

  public NoteFact {
    Objects.requireNonNull(noteId, "noteId");
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(concept, "concept");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evidence, "evidence");
    unit = unit == null ? "" : unit;
    valueText = valueText == null ? "" : valueText;
  }

  public Optional<Code> codeIfAny() {
    return Optional.ofNullable(code);
  }

  public boolean hasValue() {
    return !Double.isNaN(value);
  }
}
