package dev.stratum.core.model;

/** Terminologies Stratum understands. Curated open subsets ship with the modules that need them. */
public enum CodeSystem {
  /** ICD-10-CM diagnoses (conditions). */
  ICD10CM,
  /** LOINC laboratory and clinical observations. */
  LOINC,
  /** RxNorm ingredients and clinical drugs. */
  RXNORM,
  /** WHO Anatomical Therapeutic Chemical classes. */
  ATC,
  /** HUGO Gene Nomenclature Committee gene symbols. */
  HGNC,
  /** SNOMED CT concepts (procedures, findings). */
  SNOMED,
  /** CPT-4 / HCPCS procedure codes. */
  CPT,
  /** OMOP standard concept ids, used when a source carries only a concept id. */
  OMOP,
  /** Stratum's own codes for concepts no open terminology covers (consent, ECOG, smoking). */
  STRATUM,
  /** ICD-10-PCS inpatient procedures (the OMOP procedure_occurrence source codes). */
  ICD10PCS
}
