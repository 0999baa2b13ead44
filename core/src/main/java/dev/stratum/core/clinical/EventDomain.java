package dev.stratum.core.clinical;

/** The OMOP CDM table a clinical event comes from. */
public enum EventDomain {
  CONDITION("condition_occurrence"),
  DRUG("drug_exposure"),
  MEASUREMENT("measurement"),
  PROCEDURE("procedure_occurrence"),
  OBSERVATION("observation"),
  DEATH("death");

  private final String omopTable;

  EventDomain(String omopTable) {
    this.omopTable = omopTable;
  }

  /** The OMOP CDM v5.4 table name. */
  public String omopTable() {
    return omopTable;
  }
}
