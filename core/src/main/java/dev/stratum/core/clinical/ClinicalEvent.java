package dev.stratum.core.clinical;

import dev.stratum.core.model.Code;
import dev.stratum.core.units.Quantity;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A dated clinical event from structured EHR data: a diagnosis, a drug exposure, a lab result, a
 * procedure or an observation. One record shape for all domains keeps the long feature-store tables
 * uniform; the domain says which OMOP table it came from.
 *
 * @param personId the patient
 * @param domain which kind of event
 * @param code the concept (ICD-10-CM, RxNorm/ATC, LOINC, ...)
 * @param start date of the event, or start of a drug exposure
 * @param end end of a drug exposure or condition era; null when not recorded
 * @param value numeric result with UCUM unit for measurements; null otherwise
 * @param valueText a categorical result ("positive", "never smoker"); empty when none
 * @param sourceRecord where it came from, e.g. {@code measurement.csv:1042}; empty when unknown
 */
public record ClinicalEvent(
    String personId,
    EventDomain domain,
    Code code,
    LocalDate start,
    LocalDate end,
    Quantity value,
    String valueText,
    String sourceRecord) {

  public ClinicalEvent {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(start, "start");
    if (end != null && end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
    valueText = valueText == null ? "" : valueText;
    sourceRecord = sourceRecord == null ? "" : sourceRecord;
  }

  public Optional<Quantity> quantity() {
    return Optional.ofNullable(value);
  }

  public Optional<LocalDate> endDate() {
    return Optional.ofNullable(end);
  }

  /** Whether the event was known on {@code asOf} (started on or before it). */
  public boolean knownOn(LocalDate asOf) {
    return !start.isAfter(asOf);
  }
}
