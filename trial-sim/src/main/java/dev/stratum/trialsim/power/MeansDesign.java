package dev.stratum.trialsim.power;

/** Layout of a study comparing means. */
public enum MeansDesign {
  /** Two independent groups; degrees of freedom n1 + n2 - 2. */
  TWO_SAMPLE,
  /** Paired differences, one per pair; degrees of freedom n - 1. */
  PAIRED,
  /** One group against a known value; degrees of freedom n - 1. */
  ONE_SAMPLE
}
