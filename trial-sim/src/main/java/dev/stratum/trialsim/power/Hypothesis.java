package dev.stratum.trialsim.power;

/** What the trial sets out to show. */
public enum Hypothesis {
  /** H0: no difference; rejects for a difference in the direction of the alternative. */
  SUPERIORITY,
  /** H0: difference &lt;= -margin (experimental worse than control by the margin or more). */
  NON_INFERIORITY,
  /** H0: |difference| &gt;= margin, by two one-sided tests (Schuirmann 1987, TOST). */
  EQUIVALENCE
}
