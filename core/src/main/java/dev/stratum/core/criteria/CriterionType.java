package dev.stratum.core.criteria;

import java.util.Locale;

/** What a criterion is about; the values of the {@code type} field in CLI.md. */
public enum CriterionType {
  AGE,
  SEX,
  CONDITION,
  LAB,
  DRUG,
  PROCEDURE,
  BIOMARKER,
  PERFORMANCE,
  OTHER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CriterionType fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
