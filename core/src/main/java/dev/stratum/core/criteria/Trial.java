package dev.stratum.core.criteria;

import dev.stratum.core.model.Sex;
import java.util.List;
import java.util.Objects;

/**
 * A registered trial as ClinicalTrials.gov describes it (API v2 {@code protocolSection}), reduced
 * to what eligibility matching needs.
 *
 * @param nctId the NCT number
 * @param briefTitle short title
 * @param conditions conditions studied
 * @param phase e.g. {@code PHASE2}; empty when not given
 * @param eligibilityCriteria the criteria text as registered
 * @param sex {@code null} for all
 * @param minimumAge years, NaN when none
 * @param maximumAge years, NaN when none
 * @param healthyVolunteers whether healthy volunteers are accepted
 */
public record Trial(
    String nctId,
    String briefTitle,
    List<String> conditions,
    String phase,
    String eligibilityCriteria,
    Sex sex,
    double minimumAge,
    double maximumAge,
    boolean healthyVolunteers) {
  public Trial {
    Objects.requireNonNull(nctId, "nctId");
    briefTitle = briefTitle == null ? "" : briefTitle;
    conditions = List.copyOf(conditions);
    phase = phase == null ? "" : phase;
    eligibilityCriteria = eligibilityCriteria == null ? "" : eligibilityCriteria;
  }
}
