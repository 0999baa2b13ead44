package dev.stratum.stratification;

/**
 * How each layer is prepared before clustering. Defaults suit log-scale expression, z-scored
 * protein and beta-value methylation layers of a few hundred to a few thousand samples.
 *
 * @param log whether to log2(x+1)-transform a layer: AUTO does it when the layer is non-negative
 *     with values above 100 (raw counts or intensities), the scale at which variance grows with the
 *     mean
 * @param maxFeaturesPerLayer keep this many highest-variance features per layer (variance filter);
 *     more keeps more noise, fewer risks dropping weak signal
 * @param maxMissingFraction drop a feature missing in more than this share of the layer's samples
 * @param pcaComponents principal components kept per layer (0 = no PCA, use the standardized
 *     features); PCA denoises when most features are noise and puts layers of different widths on
 *     an equal footing
 * @param imputeNeighbours a patient missing a whole layer gets that layer's block as the mean of
 *     this many nearest patients measured on the layers the patient has
 * @param missingIndicators add one column per layer holding the patient's share of missing values
 *     in that layer (1 when the whole layer is missing), so missingness itself can separate
 *     clusters; off by default because missingness is often technical
 */
public record PreparationOptions(
    LogTransform log,
    int maxFeaturesPerLayer,
    double maxMissingFraction,
    int pcaComponents,
    int imputeNeighbours,
    boolean missingIndicators) {

  /** When to log-transform a layer. */
  public enum LogTransform {
    AUTO,
    ALWAYS,
    NEVER
  }

  public PreparationOptions {
    if (log == null) {
      throw new IllegalArgumentException("log must be AUTO, ALWAYS or NEVER, got null");
    }
    if (maxFeaturesPerLayer < 2) {
      throw new IllegalArgumentException(
          "maxFeaturesPerLayer must be >= 2, got " + maxFeaturesPerLayer);
    }
    if (!(maxMissingFraction >= 0 && maxMissingFraction < 1)) {
      throw new IllegalArgumentException(
          "maxMissingFraction must be in [0, 1), got " + maxMissingFraction);
    }
    if (pcaComponents < 0 || pcaComponents > 200) {
      throw new IllegalArgumentException(
          "pcaComponents must be in [0, 200] (0 = no PCA), got " + pcaComponents);
    }
    if (imputeNeighbours < 1) {
      throw new IllegalArgumentException("imputeNeighbours must be >= 1, got " + imputeNeighbours);
    }
  }

  /** AUTO log, 2000 features, 50% missing allowed, 10 PCs per layer, 10 neighbours, no flags. */
  public static PreparationOptions defaults() {
    return new PreparationOptions(LogTransform.AUTO, 2000, 0.5, 10, 10, false);
  }
}
