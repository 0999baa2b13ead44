package dev.stratum.stratification;

import dev.stratum.stratification.stats.CoxRegression;
import dev.stratum.stratification.stats.KaplanMeier;
import dev.stratum.stratification.stats.LogRankTest;
import java.util.List;

/**
 * Survival by cluster.
 *
 * @param curves Kaplan-Meier estimate per cluster (index = cluster)
 * @param logRank k-sample log-rank test with permutation p-value
 * @param cox Cox model with one indicator per non-reference cluster
 * @param reference the reference cluster of the hazard ratios (the largest)
 * @param coxClusters the cluster of each Cox coefficient, in order
 * @param patients patients with follow-up used
 * @param withoutFollowUp clustered patients that had no follow-up record
 */
public record SurvivalByCluster(
    List<KaplanMeier> curves,
    LogRankTest logRank,
    CoxRegression cox,
    int reference,
    int[] coxClusters,
    int patients,
    int withoutFollowUp) {
  public SurvivalByCluster {
    curves = List.copyOf(curves);
    coxClusters = coxClusters.clone();
  }
}
