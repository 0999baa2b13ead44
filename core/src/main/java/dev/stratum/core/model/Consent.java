package dev.stratum.core.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A patient's consent for one tier of use, as recorded in the OMOP {@code observation} table.
 *
 * @param personId the patient
 * @param tier direct care, research or commercial use
 * @param granted whether the patient agreed
 * @param date when it was recorded; the latest record per tier wins
 */
public record Consent(String personId, ConsentTier tier, boolean granted, LocalDate date) {
  public Consent {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(date, "date");
  }

  /** Consent tiers, from narrowest to broadest use. */
  public enum ConsentTier {
    DIRECT_CARE,
    RESEARCH,
    COMMERCIAL
  }
}
