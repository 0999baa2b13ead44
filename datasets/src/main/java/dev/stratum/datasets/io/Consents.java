package dev.stratum.datasets.io;

import dev.stratum.core.clinical.ClinicalEvent;
import dev.stratum.core.clinical.EventDomain;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.model.Consent;
import dev.stratum.core.model.Consent.ConsentTier;
import java.util.Optional;

/**
 * Consent records from the OMOP {@code observation} table: {@code observation_source_value} {@code
 * STRATUM:consent_research} (or {@code _direct_care}, {@code _commercial}) with {@code
 * value_as_string} {@code granted} or {@code declined} (docs/data-formats.md). The observation
 * reader has already checked the value.
 */
public final class Consents {
  private Consents() {}

  /** The consent an observation records, or empty when it is not a consent observation. */
  public static Optional<Consent> of(ClinicalEvent event) {
    if (event.domain() != EventDomain.OBSERVATION || event.code().system() != CodeSystem.STRATUM) {
      return Optional.empty();
    }
    ConsentTier tier =
        switch (event.code().code()) {
          case "consent_research" -> ConsentTier.RESEARCH;
          case "consent_direct_care" -> ConsentTier.DIRECT_CARE;
          case "consent_commercial" -> ConsentTier.COMMERCIAL;
          default -> null;
        };
    if (tier == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Consent(event.personId(), tier, event.valueText().equals("granted"), event.start()));
  }
}
