package dev.stratum.trialsim.sim;

/**
 * An interim enrichment rule: at look {@code atLook} the standardized treatment effect (log-rank or
 * z statistic, positive favouring the experimental arm) is computed in every stratum; strata with z
 * &gt;= {@code minZ} are kept. If all are kept the trial continues in the full population; if some,
 * recruitment continues only in the kept strata and later analyses use only their patients; if
 * none, the trial stops for futility.
 *
 * @param atLook 1-based interim look at which to decide (before the last)
 * @param minZ threshold on the per-stratum z statistic
 */
public record Enrichment(int atLook, double minZ) {
  public Enrichment {
    if (atLook < 1) {
      throw new IllegalArgumentException("enrichment look must be >= 1, got " + atLook);
    }
    if (!Double.isFinite(minZ)) {
      throw new IllegalArgumentException("enrichment min_z must be finite, got " + minZ);
    }
  }
}
