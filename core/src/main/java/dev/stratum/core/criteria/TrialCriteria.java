package dev.stratum.core.criteria;

import dev.stratum.core.model.Sex;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A trial's parsed eligibility: trial-level age and sex bounds plus the structured criteria.
 *
 * @param trialId the NCT number or local id
 * @param minAge minimum age in years, NaN when none
 * @param maxAge maximum age in years, NaN when none
 * @param sex which sexes may enrol; {@code null} means all
 * @param criteria the criteria in registered order
 */
public record TrialCriteria(
    String trialId, double minAge, double maxAge, Sex sex, List<EligibilityCriterion> criteria) {
  public TrialCriteria {
    Objects.requireNonNull(trialId, "trialId");
    criteria = List.copyOf(criteria);
    if (!Double.isNaN(minAge) && !Double.isNaN(maxAge) && minAge > maxAge) {
      throw new IllegalArgumentException(
          "trial " + trialId + ": minimum age " + minAge + " exceeds maximum age " + maxAge);
    }
  }

  public OptionalDouble minimumAge() {
    return Double.isNaN(minAge) ? OptionalDouble.empty() : OptionalDouble.of(minAge);
  }

  public OptionalDouble maximumAge() {
    return Double.isNaN(maxAge) ? OptionalDouble.empty() : OptionalDouble.of(maxAge);
  }

  /** "all", "female" or "male" as CLI.md writes it. */
  public String sexLabel() {
    return sex == null || sex == Sex.UNKNOWN ? "all" : sex.label();
  }
}
