package dev.stratum.stratification;

import java.util.List;

/**
 * Every criterion for every k tried, and the k chosen, so a statistician can overrule the choice.
 *
 * @param candidates one row per k tried (one row when k was fixed)
 * @param chosenK the k used
 * @param criterion the criterion that chose it (null when k was fixed)
 * @param reason one sentence saying why this k
 */
public record KSelection(
    List<KSelection.Candidate> candidates, int chosenK, KCriterion criterion, String reason) {
  public KSelection {
    candidates = List.copyOf(candidates);
  }

  /**
   * The criteria at one k.
   *
   * @param k number of clusters
   * @param silhouette mean silhouette width of the partition
   * @param gap gap statistic (NaN when not computed)
   * @param gapSe its standard error s_k
   * @param pac proportion of ambiguous clustering of the consensus matrix (NaN when not computed)
   * @param smallestCluster size of the smallest cluster
   * @param eligible whether the smallest cluster reaches the minimum cluster size
   */
  public record Candidate(
      int k,
      double silhouette,
      double gap,
      double gapSe,
      double pac,
      int smallestCluster,
      boolean eligible) {}
}
