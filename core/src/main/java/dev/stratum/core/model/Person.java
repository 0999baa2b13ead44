package dev.stratum.core.model;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A patient as the OMOP {@code person} table describes them.
 *
 * @param personId the identifier; pseudonymized before it leaves ingest
 * @param sex administrative sex
 * @param birthDate date of birth (OMOP year/month/day of birth)
 * @param race race as recorded, e.g. {@code White}; empty when not recorded
 * @param ethnicity ethnicity as recorded, e.g. {@code Not Hispanic or Latino}; empty when not
 *     recorded
 */
public record Person(String personId, Sex sex, LocalDate birthDate, String race, String ethnicity) {
  public Person {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(sex, "sex");
    Objects.requireNonNull(birthDate, "birthDate");
    race = race == null ? "" : race;
    ethnicity = ethnicity == null ? "" : ethnicity;
  }

  /** Age in completed years on {@code date}. */
  public int ageOn(LocalDate date) {
    return Period.between(birthDate, date).getYears();
  }
}
