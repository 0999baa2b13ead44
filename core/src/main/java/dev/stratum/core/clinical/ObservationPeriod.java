package dev.stratum.core.clinical;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A span of time during which a patient's events are recorded (OMOP {@code observation_period}). A
 * patient alive at the end of their last period is censored there.
 *
 * @param personId the patient
 * @param start first day of follow-up
 * @param end last day of follow-up, not before {@code start}
 */
public record ObservationPeriod(String personId, LocalDate start, LocalDate end) {
  public ObservationPeriod {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
  }

  /** Whether {@code date} lies in the period (both ends inclusive). */
  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && !date.isAfter(end);
  }
}
