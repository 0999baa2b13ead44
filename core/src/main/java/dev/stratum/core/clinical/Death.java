package dev.stratum.core.clinical;

import dev.stratum.core.model.Code;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A patient's death as the OMOP {@code death} table records it: the event of time-to-event
 * outcomes.
 *
 * @param personId the patient
 * @param date date of death
 * @param cause underlying cause (ICD-10-CM), null when not recorded
 */
public record Death(String personId, LocalDate date, Code cause) {
  public Death {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(date, "date");
  }

  public Optional<Code> causeIfAny() {
    return Optional.ofNullable(cause);
  }
}
