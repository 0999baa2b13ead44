package dev.stratum.cli;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.MllibClustering;
import dev.stratum.stratification.FeatureMatrix;
import dev.stratum.stratification.StratificationResult;
import dev.stratum.stratification.Stratifier;
import dev.stratum.stratification.StratifierOptions;
import dev.stratum.stratification.stats.SurvivalData;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The large-cohort path of {@code stratum stratify --engine mllib / --master URL}: the
 * stratification module prepares the layers, Spark MLlib (jobs module) clusters the prepared
 * matrix, and the stratification module does the rest (stability, survival, profiles, the frozen
 * nearest-centroid model). The CLI composes them; neither module knows the other.
 */
final class MllibEngine {
  private MllibEngine() {}

  static StratificationResult fit(
      FeatureMatrix matrix,
      Map<String, SurvivalData.Observation> followUp,
      StratifierOptions options,
      String method,
      String master,
      Consumer<String> progress) {
    MllibClustering.Algorithm a;
    try {
      a = MllibClustering.Algorithm.parse(method);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--method", e.getMessage());
    }
    // Reuse a session the caller already runs (notebooks, demo); else own one and stop it.
    SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
    SparkSession spark =
        active != null ? active : MllibClustering.session(master == null ? "local[*]" : master);
    int iterations = a == MllibClustering.Algorithm.GMM ? 100 : 20;
    try {
      return Stratifier.fitWith(
          matrix,
          followUp,
          options,
          "mllib-" + a.cliName(),
          (in, k, seed) -> MllibClustering.fit(spark, in.data(), k, a, seed, iterations).labels(),
          progress);
    } finally {
      if (active == null) {
        spark.stop();
      }
    }
  }
}
