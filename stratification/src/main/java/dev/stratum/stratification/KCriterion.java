package dev.stratum.stratification;

/** The criterion that picks k under {@code --k auto}; the report shows all of them. */
public enum KCriterion {
  /** Largest mean silhouette width (Rousseeuw 1987). */
  SILHOUETTE,
  /** Tibshirani et al. (2001): smallest k with Gap(k) &gt;= Gap(k+1) - s_{k+1}. */
  GAP,
  /** Smallest proportion of ambiguous clustering of the consensus matrix (Senbabaoglu 2014). */
  PAC
}
