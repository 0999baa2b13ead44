package dev.stratum.stratification.cluster;

/**
 * A clustering function (input, k, seed) -> labels 0..k-1. Every {@link Method} is one; an engine
 * outside this module (Spark MLlib in the jobs module, composed by the CLI) plugs in through this
 * interface, so the stratification code never depends on that engine.
 */
@FunctionalInterface
public interface Clusterer {
  /** Labels 0..k-1 (some may be empty) of every row of {@code in.data()}. */
  int[] cluster(ClusterInput in, int k, long seed);
}
