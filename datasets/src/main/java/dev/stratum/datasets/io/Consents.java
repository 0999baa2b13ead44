package dev.stratum.datasets.io;

import dev.stratum.core.clinical.ClinicalEvent;
import dev.stratum.core.clinical.EventDomain;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.model.Consent;
import dev.stratum.core.model.Consent.ConsentTier;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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

  /**
   * Each patient's consent for {@code tier}: the latest record wins (docs/data-formats.md); on
   * equal dates the later record in the stream wins. Holds one entry per patient.
   */
  public static Map<String, Consent> latest(Stream<Consent> consents, ConsentTier tier) {
    Map<String, Consent> out = new HashMap<>();
    consents
        .filter(c -> c.tier() == tier)
        .forEach(c -> out.merge(c.personId(), c, (a, b) -> b.date().isBefore(a.date()) ? a : b));
    return out;
  }
}
