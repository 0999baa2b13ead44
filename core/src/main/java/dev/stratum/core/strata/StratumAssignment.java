package dev.stratum.core.strata;

import java.util.Objects;

/**
 * A patient's membership of a stratum (cluster) in a named stratification.
 *
 * @param personId the patient (or omics sample id)
 * @param stratification name/version of the frozen stratification model
 * @param stratum 0-based cluster index
 * @param confidence membership probability or consensus in [0, 1]; NaN when the method gives none
 */
public record StratumAssignment(
    String personId, String stratification, int stratum, double confidence) {
  public StratumAssignment {
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(stratification, "stratification");
    if (stratum < 0) {
      throw new IllegalArgumentException("stratum must be >= 0, got " + stratum);
    }
    if (!Double.isNaN(confidence) && (confidence < 0 || confidence > 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
  }
}
