package dev.stratum.stratification;

import dev.stratum.stratification.cluster.Method;
import dev.stratum.stratification.stats.ClusterAgreement;

/** Manual probe (not a test): prints ARI and chosen k per method. */
final class RecoveryProbe {
  public static void main(String[] args) {
    double effect = Double.parseDouble(args.length > 0 ? args[0] : "1.0");
    CohortSimulator sim = new CohortSimulator(600, new double[] {0.4, 0.3, 0.2, 0.1}, effect, 7);
    for (String name : (args.length > 1 ? args[1] : "kmeans,gmm,ward").split(",")) {
      Method m = Method.parse(name);
      long t = System.nanoTime();
      StratifierOptions o =
          StratifierOptions.defaults(11).withMethod(m).withEffort(20, 5, 2, 5, 100);
      StratificationResult r = Stratifier.fit(sim.matrix(), sim.survival, o);
      double ari = ClusterAgreement.adjustedRand(r.labels(), sim.truthFor(r.sampleIds()));
      System.out.printf(
          "%s k=%d ari=%.3f  %s  %.1fs%n",
          m,
          r.k(),
          ari,
          r.kSelection().candidates().stream()
              .map(
                  c ->
                      String.format(
                          "k%d s=%.3f g=%.3f±%.3f pac=%.3f",
                          c.k(), c.silhouette(), c.gap(), c.gapSe(), c.pac()))
              .toList(),
          (System.nanoTime() - t) / 1e9);
    }
  }
}
