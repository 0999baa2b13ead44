package dev.stratum.nlp.context;

/** The classes of ConText trigger terms (Harkema et al. 2009, Table 1). */
public enum TriggerClass {
  NEGATED,
  /** Uncertain or hypothetical ("possible", "if", "rule out"). */
  UNCERTAIN,
  HISTORICAL,
  /** Experiencer: a family member. */
  FAMILY,
  /** Experiencer: someone other than the patient and the family. */
  OTHER,
  /** A pseudo-trigger: contains trigger words but asserts nothing ("no increase"). */
  PSEUDO,
  /** Ends the scope of the classes it names ("but"). */
  TERMINATE
}
