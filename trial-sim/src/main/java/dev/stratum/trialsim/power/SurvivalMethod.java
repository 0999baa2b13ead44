package dev.stratum.trialsim.power;

/** How the number of events (and subjects) of a survival trial is computed. */
public enum SurvivalMethod {
  /** Schoenfeld (1983): variance of the log-rank statistic under H0, log hazard ratio scale. */
  SCHOENFELD,
  /** Freedman (1982): expected log-rank statistic on the hazard-ratio scale. */
  FREEDMAN,
  /**
   * Lachin &amp; Foulkes (1986) with exponential survival, accrual, follow-up and dropout, in the
   * log hazard ratio form of gsDesign's {@code nSurv} (variance under H0 from the pooled hazard).
   */
  LACHIN_FOULKES
}
