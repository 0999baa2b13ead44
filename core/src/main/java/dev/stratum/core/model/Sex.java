package dev.stratum.core.model;

import java.util.Locale;

/** Administrative sex as OMOP records it (gender_concept_id 8507 male, 8532 female). */
public enum Sex {
  FEMALE(8532),
  MALE(8507),
  UNKNOWN(0);

  private final int omopConceptId;

  Sex(int omopConceptId) {
    this.omopConceptId = omopConceptId;
  }

  public int omopConceptId() {
    return omopConceptId;
  }

  /** The sex for an OMOP gender_concept_id; unknown ids map to {@link #UNKNOWN}. */
  public static Sex fromOmopConceptId(long id) {
    for (Sex s : values()) {
      if (s.omopConceptId == id && s != UNKNOWN) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** Lower-case name as the CLI and JSON write it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
