package dev.stratum.stratification;

/**
 * The criterion that picks k under {@code --k auto}; the report shows all of them. GAP is the
 * default: on simulated cohorts with a 10% stratum close to another, the silhouette preferred
 * merging them (k = 3 for 2 of 5 seeds) and PAC preferred k = 2 or 3 (perfectly stable
 * super-clusters), while the gap rule found the planted k = 4 in all 5.
 */
public enum KCriterion {
  /** Largest mean silhouette width (Rousseeuw 1987). */
  SILHOUETTE,
  /** Tibshirani et al. (2001): smallest k with Gap(k) &gt;= Gap(k+1) - s_{k+1}. */
  GAP,
  /** Smallest proportion of ambiguous clustering of the consensus matrix (Senbabaoglu 2014). */
  PAC
}
