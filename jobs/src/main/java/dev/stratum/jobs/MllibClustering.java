package dev.stratum.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.BisectingKMeans;
import org.apache.spark.ml.clustering.BisectingKMeansModel;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Clustering of large cohorts with Spark MLlib ({@code org.apache.spark.ml.clustering}): the rows
 * of a prepared matrix (patients x clustering dimensions) are distributed over the session's
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
 *       Rubin 1977); each patient to its most probable component.
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
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("features", SQLDataTypes.VectorType(), false);
    List<Row> rows = new ArrayList<>(data.length);
    for (int i = 0; i < data.length; i++) {
      rows.add(RowFactory.create(i, Vectors.dense(data[i])));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = Math.max(1, Math.min(jsc.defaultParallelism() * 2, data.length / 1000 + 1));
    Dataset<Row> df =
        spark
            .createDataFrame(jsc.parallelize(rows, parts), schema)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int[] labels = new int[data.length];
      double[] prob = new double[data.length];
      java.util.Arrays.fill(prob, Double.NaN);
      double[][] centers;
      Dataset<Row> pred;
      switch (algorithm) {
        case KMEANS -> {
          KMeansModel m = new KMeans().setK(k).setSeed(seed).setMaxIter(maxIterations).fit(df);
          centers = toArrays(m.clusterCenters());
          pred = m.transform(df).select("id", "prediction");
        }
        case BISECTING_KMEANS -> {
          BisectingKMeansModel m =
              new BisectingKMeans().setK(k).setSeed(seed).setMaxIter(maxIterations).fit(df);
          centers = toArrays(m.clusterCenters());
          pred = m.transform(df).select("id", "prediction");
        }
        default -> {
          GaussianMixtureModel m =
              new GaussianMixture().setK(k).setSeed(seed).setMaxIter(maxIterations).fit(df);
          centers = new double[m.gaussians().length][];
          for (int c = 0; c < centers.length; c++) {
            centers[c] = m.gaussians()[c].mean().toArray();
          }
          pred = m.transform(df).select("id", "prediction", "probability");
        }
      }
      boolean withProb = algorithm == Algorithm.GMM;
      for (Row r : pred.collectAsList()) {
        int i = r.getInt(0);
        labels[i] = r.getInt(1);
        if (withProb) {
          Vector p = (Vector) r.get(2);
          prob[i] = p.apply(labels[i]);
        }
      }
      return new Result(labels, centers, prob);
    } finally {
      df.unpersist();
    }
  }

  private static double[][] toArrays(Vector[] vs) {
    double[][] out = new double[vs.length][];
    for (int i = 0; i < vs.length; i++) {
      out[i] = vs[i].toArray();
    }
    return out;
  }
}
