package dev.stratum.core.strata;

import java.util.Objects;

/**
 * What trial design needs to know of a stratum: its share of the eligible population and its
 * expected treatment effect. Written by stratification, read by the trial simulator.
 *
 * @param name label of the stratum, e.g. {@code S1} or a biomarker-defined name
 * @param prevalence share of the population in [0, 1]
 * @param size number of patients observed in the stratum
 */
public record StratumSummary(String name, double prevalence, int size) {
  public StratumSummary {
    Objects.requireNonNull(name, "name");
    if (!(prevalence >= 0 && prevalence <= 1)) {
      throw new IllegalArgumentException("prevalence must be in [0, 1], got " + prevalence);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
  }
}
