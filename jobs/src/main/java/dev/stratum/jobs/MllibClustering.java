package dev.stratum.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.BisectingKMeans;
import org.apache.spark.mllib.clustering.BisectingKMeansModel;
import org.apache.spark.mllib.clustering.GaussianMixture;
import org.apache.spark.mllib.clustering.GaussianMixtureModel;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Clustering of large cohorts with Spark MLlib ({@code org.apache.spark.mllib.clustering}): the
 * rows of a prepared matrix (patients x clustering dimensions) are distributed over the session's
 * executors, clustered, and the labels and centres come back to the driver. The stratification
 * module (which may not use Spark) receives them through its {@code Clusterer} interface; the CLI
 * composes the two.
 *
 * <ul>
 *   <li>{@link Algorithm#KMEANS}: k-means with k-means|| initialisation (Bahmani et al. 2012,
 *       scalable k-means++), Lloyd iterations.
 *   <li>{@link Algorithm#BISECTING_KMEANS}: bisecting k-means (Steinbach, Karypis and Kumar 2000),
 *       top-down splits of the largest/most divisible cluster.
 *   <li>{@link Algorithm#GMM}: Gaussian mixture with full covariances by EM (Dempster, Laird and
 *       Rubin 1977) started from the k-means clusters; each patient to its most probable component.
 * </ul>
 */
public final class MllibClustering {
  private MllibClustering() {}

  /**
   * A session for clustering: {@code master} (local[*], spark://host:port, yarn, ...), UI off; in
   * local mode the driver binds to 127.0.0.1. The caller stops it.
   */
  public static SparkSession session(String master) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("stratum-stratify")
            .master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC");
    if (master.startsWith("local")) {
      b =
          b.config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1");
    }
    return b.getOrCreate();
  }

  /** The MLlib estimators offered. */
  public enum Algorithm {
    KMEANS("kmeans"),
    BISECTING_KMEANS("bisecting"),
    GMM("gmm");

    private final String cliName;

    Algorithm(String cliName) {
      this.cliName = cliName;
    }

    /** The name used on the command line and in model names ({@code mllib-<name>}). */
    public String cliName() {
      return cliName;
    }

    /** Parses kmeans, bisecting (or bisecting-kmeans) or gmm. */
    public static Algorithm parse(String s) {
      String n = s.strip().toLowerCase(Locale.ROOT);
      for (Algorithm a : values()) {
        if (a.cliName.equals(n)) {
          return a;
        }
      }
      if (n.equals("bisecting-kmeans") || n.equals("bisectingkmeans")) {
        return BISECTING_KMEANS;
      }
      throw new IllegalArgumentException(
          "MLlib method must be kmeans, bisecting or gmm, got '" + s + "'");
    }
  }

  /**
   * The result of one fit.
   *
   * @param labels cluster 0..k-1 of each input row, in input order
   * @param centers cluster centres (component means for GMM), {@code [k][dim]}
   * @param probability probability of the assigned component per row (GMM), else NaN
   */
  public record Result(int[] labels, double[][] centers, double[] probability) {
    public Result {
      labels = labels.clone();
      probability = probability.clone();
      double[][] c = new double[centers.length][];
      for (int i = 0; i < c.length; i++) {
        c[i] = centers[i].clone();
      }
      centers = c;
    }

    @Override
    public int[] labels() {
      return labels.clone();
    }
  }

  /**
   * Clusters the rows of {@code data} into {@code k} clusters with {@code algorithm} in {@code
   * spark}, seeded by {@code seed} (MLlib results are reproducible for a seed and partitioning).
   *
   * @param maxIterations Lloyd/EM iterations (MLlib defaults: 20 for k-means and bisecting, 100 for
   *     GMM)
   */
  public static Result fit(
      SparkSession spark,
      double[][] data,
      int k,
      Algorithm algorithm,
      long seed,
      int maxIterations) {
    if (k < 2 || k > data.length) {
      throw new IllegalArgumentException("k must be in [2, rows = " + data.length + "], got " + k);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    // The RDD-based estimators (org.apache.spark.mllib.clustering): the DataFrame-based ones run
    // the same algorithms but first validate every vector element through an interpreted SQL
    // expression, which in Spark 4.2 builds a SQLConf per element and dominated the run time
    // (minutes for 100k x 50 in local mode).
    List<Vector> rows = new ArrayList<>(data.length);
    for (double[] row : data) {
      rows.add(Vectors.dense(row));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = Math.max(1, Math.min(jsc.defaultParallelism() * 2, data.length / 1000 + 1));
    JavaRDD<Vector> rdd = jsc.parallelize(rows, parts).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int[] labels = new int[data.length];
      double[] prob = new double[data.length];
      java.util.Arrays.fill(prob, Double.NaN);
      double[][] centers;
      switch (algorithm) {
        case KMEANS -> {
          KMeansModel m =
              new KMeans().setK(k).setSeed(seed).setMaxIterations(maxIterations).run(rdd.rdd());
          centers = toArrays(m.clusterCenters());
          for (int i = 0; i < data.length; i++) {
            labels[i] = m.predict(rows.get(i));
          }
        }
        case BISECTING_KMEANS -> {
          BisectingKMeansModel m =
              new BisectingKMeans()
                  .setK(k)
                  .setSeed(seed)
                  .setMaxIterations(maxIterations)
                  .run(rdd.rdd());
          centers = toArrays(m.clusterCenters());
          for (int i = 0; i < data.length; i++) {
            labels[i] = m.predict(rows.get(i));
          }
        }
        default -> {
          // EM from a k-means start (as the Smile-side GMM): MLlib's default start from random
          // samples split a planted cluster in tests.
          KMeansModel start =
              new KMeans().setK(k).setSeed(seed).setMaxIterations(20).run(rdd.rdd());
          GaussianMixtureModel m =
              new GaussianMixture()
                  .setK(k)
                  .setSeed(seed)
                  .setMaxIterations(maxIterations)
                  .setInitialModel(startingMixture(data, rows, start, k))
                  .run(rdd.rdd());
          centers = new double[m.k()][];
          for (int c = 0; c < centers.length; c++) {
            centers[c] = m.gaussians()[c].mu().toArray();
          }
          for (int i = 0; i < data.length; i++) {
            double[] p = m.predictSoft(rows.get(i));
            int best = 0;
            for (int c = 1; c < p.length; c++) {
              if (p[c] > p[best]) {
                best = c;
              }
            }
            labels[i] = best;
            prob[i] = p[best];
          }
        }
      }
      return new Result(labels, centers, prob);
    } finally {
      rdd.unpersist(false);
    }
  }

  /**
   * A mixture whose components are the k-means clusters: weight = cluster share, mean = centre,
   * covariance = diagonal of the within-cluster variances (floored at 1e-6 so that no component
   * starts singular).
   */
  static GaussianMixtureModel startingMixture(
      double[][] data, List<Vector> rows, KMeansModel start, int k) {
    int d = data[0].length;
    double[][] mu = new double[k][d];
    double[][] ss = new double[k][d];
    int[] n = new int[k];
    Vector[] centres = start.clusterCenters();
    for (int c = 0; c < k; c++) {
      mu[c] = centres[Math.min(c, centres.length - 1)].toArray();
    }
    for (int i = 0; i < data.length; i++) {
      int c = start.predict(rows.get(i));
      n[c]++;
      for (int j = 0; j < d; j++) {
        double t = data[i][j] - mu[c][j];
        ss[c][j] += t * t;
      }
    }
    double[] w = new double[k];
    org.apache.spark.mllib.stat.distribution.MultivariateGaussian[] g =
        new org.apache.spark.mllib.stat.distribution.MultivariateGaussian[k];
    for (int c = 0; c < k; c++) {
      w[c] = Math.max(n[c], 1) / (double) (data.length + k);
      double[] cov = new double[d * d];
      for (int j = 0; j < d; j++) {
        cov[j * d + j] = Math.max(n[c] > 1 ? ss[c][j] / (n[c] - 1) : 1, 1e-6);
      }
      g[c] =
          new org.apache.spark.mllib.stat.distribution.MultivariateGaussian(
              Vectors.dense(mu[c]), org.apache.spark.mllib.linalg.Matrices.dense(d, d, cov));
    }
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    for (int c = 0; c < k; c++) {
      w[c] /= sum;
    }
    return new GaussianMixtureModel(w, g);
  }

  private static double[][] toArrays(Vector[] vs) {
    double[][] out = new double[vs.length][];
    for (int i = 0; i < vs.length; i++) {
      out[i] = vs[i].toArray();
    }
    return out;
  }
}
