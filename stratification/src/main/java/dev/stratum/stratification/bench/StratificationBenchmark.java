package dev.stratum.stratification.bench;

import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.stratification.FeatureMatrix;
import dev.stratum.stratification.Preparation;
import dev.stratum.stratification.PreparationOptions;
import dev.stratum.stratification.PreparedData;
import dev.stratum.stratification.cluster.ClusterInput;
import dev.stratum.stratification.cluster.Consensus;
import dev.stratum.stratification.cluster.Method;
import dev.stratum.stratification.stats.ClusterAgreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The speed goals of issue 6, measured by wall clock on generated Gaussian blobs: k-means and GMM
 * on 100k x 50 and 1M x 50, and consensus clustering of 1000 patients x 2000 features x 100
 * resamples (preparation included). Run: {@code java -cp ... StratificationBenchmark [quick]}.
 * Spark MLlib's side of the comparison lives in the jobs module (Spark is confined there).
 */
public final class StratificationBenchmark {
  private StratificationBenchmark() {}

  public static void main(String[] args) {
    boolean quick = List.of(args).contains("quick");
    boolean onlyConsensus = List.of(args).contains("consensus");
    System.out.printf(
        Locale.ROOT,
        "JDK %s, %d processors, max heap %d MiB%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    int[] sizes =
        onlyConsensus ? new int[0] : quick ? new int[] {100_000} : new int[] {100_000, 1_000_000};
    for (int n : sizes) {
      int[] truth = new int[n];
      double[][] x = blobs(n, 50, 5, 3.0, 1, truth);
      ClusterInput in = new ClusterInput(x, new double[][][] {x});
      time(
          "kmeans (Smile, k-means++, best of 5)",
          n,
          50,
          () -> Method.KMEANS.cluster(in, 5, 1),
          truth);
      if (n <= 100_000 || !quick) {
        time("gmm (diagonal EM from k-means)", n, 50, () -> Method.GMM.cluster(in, 5, 1), truth);
      }
    }
    // Consensus: 1000 patients x 2000 features (2 layers of 1000), 100 resamples, k = 4.
    int n = 1000;
    int[] truth = new int[n];
    double[][] sig = blobs(n, 2000, 4, 0.6, 2, truth);
    List<OmicsMatrix> layers = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("P" + i);
    }
    for (int l = 0; l < 2; l++) {
      List<String> feats = new ArrayList<>();
      double[][] v = new double[1000][n];
      for (int f = 0; f < 1000; f++) {
        feats.add("f" + l + "_" + f);
        for (int i = 0; i < n; i++) {
          v[f][i] = sig[i][l * 1000 + f];
        }
      }
      layers.add(new OmicsMatrix("layer" + l, feats, ids, v));
    }
    long t0 = System.nanoTime();
    double c0 = cpuSeconds();
    PreparedData prep = Preparation.fit(FeatureMatrix.of(layers), PreparationOptions.defaults(), 3);
    double prepS = (System.nanoTime() - t0) / 1e9;
    ClusterInput in = new ClusterInput(prep.data(), new double[][][] {prep.data()});
    long t1 = System.nanoTime();
    Consensus c = Consensus.run(Method.KMEANS, in, 4, quick ? 20 : 100, 0.8, 4);
    double consS = (System.nanoTime() - t1) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "consensus kmeans 1000 x 2000 x %d resamples: wall preparation %.1f s + consensus %.1f s ="
            + " %.1f s, process CPU %.1f s; ARI %.3f, PAC %.3f%n",
        quick ? 20 : 100,
        prepS,
        consS,
        prepS + consS,
        cpuSeconds() - c0,
        ClusterAgreement.adjustedRand(c.labels(), truth),
        c.pac());
  }

  interface Run {
    int[] labels();
  }

  static void time(String what, int n, int d, Run run, int[] truth) {
    long t = System.nanoTime();
    double c = cpuSeconds();
    int[] y = run.labels();
    double s = (System.nanoTime() - t) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-42s %8d x %d: wall %7.1f s, process CPU %7.1f s, ARI %.3f%n",
        what,
        n,
        d,
        s,
        cpuSeconds() - c,
        ClusterAgreement.adjustedRand(y, truth));
  }

  /**
   * CPU time of this process: on a shared machine wall-clock time also counts other people's work,
   * CPU time does not.
   */
  public static double cpuSeconds() {
    return ProcessHandle.current()
            .info()
            .totalCpuDuration()
            .map(java.time.Duration::toNanos)
            .orElse(0L)
        / 1e9;
  }

  /**
   * n points in d dimensions around k centres; each centre differs from the origin in 10% of the
   * coordinates by +-sep (the other 90% are noise), unit-variance noise.
   */
  public static double[][] blobs(int n, int d, int k, double sep, long seed, int[] truth) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centre = new double[k][d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < Math.max(1, d / 10); j++) {
        centre[c][j] = (r.nextInt(3) - 1) * sep;
      }
    }
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(k);
      truth[i] = c;
      for (int j = 0; j < d; j++) {
        x[i][j] = centre[c][j] + r.nextGaussian();
      }
    }
    return x;
  }
}
