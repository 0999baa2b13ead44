package dev.stratum.core.criteria;

import java.util.Locale;

/** Whether a criterion must hold (inclusion) or must not hold (exclusion). */
public enum CriterionKind {
  INCLUSION,
  EXCLUSION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
