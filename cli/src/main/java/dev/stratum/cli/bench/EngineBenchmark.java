package dev.stratum.cli.bench;

import dev.stratum.jobs.MllibClustering;
import dev.stratum.stratification.bench.StratificationBenchmark;
import dev.stratum.stratification.cluster.ClusterInput;
import dev.stratum.stratification.cluster.Method;
import dev.stratum.stratification.stats.ClusterAgreement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Smile and Spark MLlib side by side on the same data and seeds (issue 6): k-means and Gaussian
 * mixtures on n x 50 Gaussian blobs (5 centres; {@link StratificationBenchmark#blobs}), by wall
 * clock and process CPU time (all threads: Spark's local executors run in this JVM), with the ARI
 * against the generating labels to show each run is real. Run from the distribution:
 *
 * <pre>
 * java -Xmx12g $SPARK_MODULE_OPTIONS -cp 'cli/target/dist/lib/*:cli/target/dist/stratum-cli.jar' \
 *   dev.stratum.cli.bench.EngineBenchmark [--sizes 100000,1000000] [--master local[2]]
 *   [--methods kmeans,bisecting,gmm] [--csv FILE]
 * </pre>
 *
 * Consensus clustering (1,000 x 2,000 x 100 resamples) is measured by {@link
 * StratificationBenchmark} ({@code consensus}).
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  record Line(String engine, String method, int n, double wall, double cpu, double ari) {}

  public static void main(String[] args) throws IOException {
    List<Integer> sizes = List.of(100_000, 1_000_000);
    String master = "local[2]";
    Path csv = null;
    List<String> methods = List.of("kmeans", "bisecting", "gmm");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sizes" ->
            sizes = List.of(args[++i].split(",")).stream().map(Integer::parseInt).toList();
        case "--master" -> master = args[++i];
        case "--csv" -> csv = Path.of(args[++i]);
        case "--methods" -> methods = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "JDK %s, %d processors, max heap %d MiB, load average %.2f, Spark master %s%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        master);
    int k = 5;
    long seed = 1;
    List<Line> lines = new ArrayList<>();
    SparkSession spark = MllibClustering.session(master);
    try {
      for (int n : sizes) {
        int[] truth = new int[n];
        double[][] x = StratificationBenchmark.blobs(n, 50, k, 3.0, seed, truth);
        ClusterInput in = new ClusterInput(x, new double[][][] {x});
        if (methods.contains("kmeans")) {
          lines.add(
              time("Smile", "k-means++, 1 start", n, truth, () -> Method.kmeans(x, k, seed, 1)));
          lines.add(
              time(
                  "MLlib",
                  "k-means|| (20 iter)",
                  n,
                  truth,
                  () ->
                      MllibClustering.fit(spark, x, k, MllibClustering.Algorithm.KMEANS, seed, 20)
                          .labels()));
        }
        if (methods.contains("bisecting")) {
          lines.add(
              time(
                  "MLlib",
                  "bisecting k-means (20 iter)",
                  n,
                  truth,
                  () ->
                      MllibClustering.fit(
                              spark, x, k, MllibClustering.Algorithm.BISECTING_KMEANS, seed, 20)
                          .labels()));
        }
        if (methods.contains("gmm")) {
          lines.add(
              time(
                  "Smile+ours",
                  "GMM diagonal, EM from k-means",
                  n,
                  truth,
                  () -> Method.GMM.cluster(in, k, seed)));
          lines.add(
              time(
                  "MLlib",
                  "GMM full covariance (max 20 iter)",
                  n,
                  truth,
                  () ->
                      MllibClustering.fit(spark, x, k, MllibClustering.Algorithm.GMM, seed, 20)
                          .labels()));
        }
      }
    } finally {
      spark.stop();
    }
    if (csv != null) {
      StringBuilder sb = new StringBuilder("engine,method,n,d,wall_s,cpu_s,ari\n");
      for (Line l : lines) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%s,%s,%d,50,%.1f,%.1f,%.3f%n",
                l.engine(),
                l.method(),
                l.n(),
                l.wall(),
                l.cpu(),
                l.ari()));
      }
      Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    }
  }

  static Line time(String engine, String method, int n, int[] truth, Supplier<int[]> run) {
    long t = System.nanoTime();
    double c = StratificationBenchmark.cpuSeconds();
    int[] y = run.get();
    Line l =
        new Line(
            engine,
            method,
            n,
            (System.nanoTime() - t) / 1e9,
            StratificationBenchmark.cpuSeconds() - c,
            ClusterAgreement.adjustedRand(y, truth));
    System.out.printf(
        Locale.ROOT,
        "%-10s %-34s %8d x 50: wall %7.1f s, process CPU %7.1f s, ARI %.3f, load %.2f%n",
        engine,
        method,
        n,
        l.wall(),
        l.cpu(),
        l.ari(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.flush();
    return l;
  }
}
