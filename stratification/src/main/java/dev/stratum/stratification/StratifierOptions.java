package dev.stratum.stratification;

import dev.stratum.stratification.cluster.Method;
import java.util.Objects;

/**
 * Options of {@link Stratifier#fit}. Each validates itself; messages name the parameter, the
 * allowed range and the value received.
 *
 * @param method the clustering method
 * @param k the number of clusters, or 0 for automatic choice in [kMin, kMax]
 * @param kMin smallest k tried under automatic choice (&gt;= 2)
 * @param kMax largest k tried under automatic choice
 * @param criterion how automatic choice picks k
 * @param consensus whether the final partition is the consensus partition (Monti 2003) rather than
 *     one run of the method on all patients
 * @param resamples consensus subsamples per k (Monti et al. used 500; 50 already gives PAC to about
 *     0.01 for crisp structure and costs 10x less)
 * @param subsampleFraction share of patients in each consensus subsample
 * @param minClusterSize under automatic choice, a k whose partition has a smaller cluster is not
 *     chosen; with a fixed k a smaller cluster is reported as a warning
 * @param bootstraps bootstrap resamples for per-cluster Jaccard stability (Hennig 2007); 0 = off
 * @param stabilityRuns independent runs with different seeds for ARI between runs; 0 = off
 * @param gapReferences reference data sets per k for the gap statistic; 0 = gap not computed
 * @param survivalPermutations relabelings for the log-rank permutation p-value; 0 = none
 * @param topFeatures top features listed per cluster in the profiles
 * @param preparation per-layer preparation
 * @param seed every random choice derives from this seed
 */
public record StratifierOptions(
    Method method,
    int k,
    int kMin,
    int kMax,
    KCriterion criterion,
    boolean consensus,
    int resamples,
    double subsampleFraction,
    int minClusterSize,
    int bootstraps,
    int stabilityRuns,
    int gapReferences,
    int survivalPermutations,
    int topFeatures,
    PreparationOptions preparation,
    long seed) {

  public StratifierOptions {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(preparation, "preparation");
    if (k != 0 && k < 2) {
      throw new IllegalArgumentException("k must be >= 2 (or 0 for auto), got " + k);
    }
    if (kMin < 2 || kMax < kMin || kMax > 30) {
      throw new IllegalArgumentException(
          "k range must satisfy 2 <= kMin <= kMax <= 30, got kMin=" + kMin + ", kMax=" + kMax);
    }
    if (resamples < 2 || resamples > 10_000) {
      throw new IllegalArgumentException("resamples must be in [2, 10000], got " + resamples);
    }
    if (!(subsampleFraction >= 0.5 && subsampleFraction <= 1)) {
      throw new IllegalArgumentException(
          "subsampleFraction must be in [0.5, 1], got " + subsampleFraction);
    }
    if (minClusterSize < 1) {
      throw new IllegalArgumentException("minClusterSize must be >= 1, got " + minClusterSize);
    }
    if (bootstraps < 0 || stabilityRuns < 0 || gapReferences < 0 || survivalPermutations < 0) {
      throw new IllegalArgumentException(
          "bootstraps, stabilityRuns, gapReferences and survivalPermutations must be >= 0");
    }
    if (topFeatures < 1) {
      throw new IllegalArgumentException("topFeatures must be >= 1, got " + topFeatures);
    }
  }

  /**
   * k-means, automatic k in 2..8 by the gap rule, 50 consensus subsamples of 80% for PAC, minimum
   * cluster size 10, 20 bootstraps, 5 runs, 10 gap references, 1000 permutations, 10 top features.
   */
  public static StratifierOptions defaults(long seed) {
    return new StratifierOptions(
        Method.KMEANS,
        0,
        2,
        8,
        KCriterion.GAP,
        false,
        50,
        0.8,
        10,
        20,
        5,
        10,
        1000,
        10,
        PreparationOptions.defaults(),
        seed);
  }

  public StratifierOptions withMethod(Method m) {
    return new StratifierOptions(
        m,
        k,
        kMin,
        kMax,
        criterion,
        consensus,
        resamples,
        subsampleFraction,
        minClusterSize,
        bootstraps,
        stabilityRuns,
        gapReferences,
        survivalPermutations,
        topFeatures,
        preparation,
        seed);
  }

  public StratifierOptions withK(int newK) {
    return new StratifierOptions(
        method,
        newK,
        kMin,
        kMax,
        criterion,
        consensus,
        resamples,
        subsampleFraction,
        minClusterSize,
        bootstraps,
        stabilityRuns,
        gapReferences,
        survivalPermutations,
        topFeatures,
        preparation,
        seed);
  }

  public StratifierOptions withConsensus(boolean on) {
    return new StratifierOptions(
        method,
        k,
        kMin,
        kMax,
        criterion,
        on,
        resamples,
        subsampleFraction,
        minClusterSize,
        bootstraps,
        stabilityRuns,
        gapReferences,
        survivalPermutations,
        topFeatures,
        preparation,
        seed);
  }

  public StratifierOptions withCriterion(KCriterion c) {
    return new StratifierOptions(
        method,
        k,
        kMin,
        kMax,
        c,
        consensus,
        resamples,
        subsampleFraction,
        minClusterSize,
        bootstraps,
        stabilityRuns,
        gapReferences,
        survivalPermutations,
        topFeatures,
        preparation,
        seed);
  }

  /** Same options with cheaper stability/gap/permutation settings (for tests and quick looks). */
  public StratifierOptions withEffort(
      int newResamples, int newBootstraps, int newRuns, int newGapRefs, int newPermutations) {
    return new StratifierOptions(
        method,
        k,
        kMin,
        kMax,
        criterion,
        consensus,
        newResamples,
        subsampleFraction,
        minClusterSize,
        newBootstraps,
        newRuns,
        newGapRefs,
        newPermutations,
        topFeatures,
        preparation,
        seed);
  }

  public StratifierOptions withKRange(int newMin, int newMax) {
    return new StratifierOptions(
        method,
        k,
        newMin,
        newMax,
        criterion,
        consensus,
        resamples,
        subsampleFraction,
        minClusterSize,
        bootstraps,
        stabilityRuns,
        gapReferences,
        survivalPermutations,
        topFeatures,
        preparation,
        seed);
  }

  public StratifierOptions withMinClusterSize(int size) {
    return new StratifierOptions(
        method,
        k,
        kMin,
        kMax,
        criterion,
        consensus,
        resamples,
        subsampleFraction,
        size,
        bootstraps,
        stabilityRuns,
        gapReferences,
        survivalPermutations,
        topFeatures,
        preparation,
        seed);
  }

  public StratifierOptions withPreparation(PreparationOptions p) {
    return new StratifierOptions(
        method,
        k,
        kMin,
        kMax,
        criterion,
        consensus,
        resamples,
        subsampleFraction,
        minClusterSize,
        bootstraps,
        stabilityRuns,
        gapReferences,
        survivalPermutations,
        topFeatures,
        p,
        seed);
  }
}
