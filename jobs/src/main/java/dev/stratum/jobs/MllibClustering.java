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
 *       Fitted on per-dimension rescaled data so that MLlib's additive {@code EPSILON} in the
 *       E-step does not swamp the densities of wide data (see {@link #gmm}); the means are returned
 *       in the original units.
 * </ul>
 */
public final class MllibClustering {
  private MllibClustering() {}

  /**
   * A session for clustering: {@code master} (local[*], spark://host:port, yarn, ...), UI off; in
   * local mode the driver binds to 127.0.0.1. The caller stops it.
   */
  public static SparkSession session(String master) {
    return SparkSessions.builder("stratum-stratify", master, java.util.Map.of()).getOrCreate();
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
    return fit(spark, data, k, algorithm, seed, maxIterations, true);
  }

  /**
   * As {@link #fit(SparkSession, double[][], int, Algorithm, long, int)}; tests may switch off the
   * GMM rescaling.
   */
  static Result fit(
      SparkSession spark,
      double[][] data,
      int k,
      Algorithm algorithm,
      long seed,
      int maxIterations,
      boolean rescaleGmm) {
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
          Gmm g = gmm(jsc, parts, data, rows, rdd, k, seed, maxIterations, rescaleGmm);
          centers = g.centers();
          System.arraycopy(g.labels(), 0, labels, 0, labels.length);
          System.arraycopy(g.probability(), 0, prob, 0, prob.length);
        }
      }
      return new Result(labels, centers, prob);
    } finally {
      rdd.unpersist(false);
    }
  }

  /** Labels, component means (original units) and assigned-component probabilities of a GMM fit. */
  record Gmm(int[] labels, double[][] centers, double[] probability) {}

  /**
   * The scaled density of a typical point: {@code 1 / sqrt(2 pi e)} is the standard deviation at
   * which a one-dimensional normal density, averaged in log over its own distribution, is 1: {@code
   * E[log phi(x; mu, s^2)] = -log(2 pi s^2)/2 - 1/2 = 0} for {@code s^2 = 1/(2 pi e)}.
   */
  static final double TYPICAL_SD = 1 / Math.sqrt(2 * Math.PI * Math.E);

  /**
   * EM for a Gaussian mixture with full covariances (MLlib), started from MLlib k-means, on
   * <em>rescaled</em> data; the means are mapped back to the original units.
   *
   * <p>Why rescale: MLlib's E-step (both {@code mllib} and {@code ml}, Spark 4.2, {@code
   * GaussianMixture.computeExpectations} / {@code computeSoftAssignments}) weighs component {@code
   * c} of point {@code x} by {@code EPSILON + w_c * pdf_c(x)} with {@code EPSILON = 2.2e-16}
   * (machine epsilon). A normal density is a product of {@code d} per-dimension factors, so in 50
   * dimensions of unit variance the density of a typical point is about {@code exp(-50/2 * (log(2
   * pi) + 1)) = 1e-31}: {@code EPSILON} swamps every term, all responsibilities are equal, the
   * first M-step puts every mean at the grand mean and EM returns one merged cluster (ARI 0.000 on
   * 100k x 50 blobs before this change, docs/benchmarks/stratification.md). A Gaussian mixture is
   * affine equivariant (McLachlan and Peel 2000, Finite Mixture Models, section 3.2: under {@code z
   * = A x + b} the maximum-likelihood means are {@code A mu + b}, the covariances {@code A Sigma
   * A^T} and the responsibilities unchanged), so fitting {@code z} and mapping back changes nothing
   * but the size of the densities. Each dimension {@code j} is centred at its mean and divided by
   * {@code s_j * sqrt(2 pi e)}, where {@code s_j} is the pooled within-cluster standard deviation
   * of the k-means start: then the starting components have unit-free per-dimension spread {@code
   * 1/sqrt(2 pi e)} ({@link #TYPICAL_SD}), each dimension contributes a factor about 1 to the
   * density of a typical point, and its log-density is near 0 whatever {@code d} (it varies by
   * about {@code sqrt(d/2)} around 0, far from under- or overflow). Per-dimension scaling also
   * evens out the eigenvalues that MLlib's pseudo-inverse compares against its own {@code
   * EPSILON}-relative tolerance.
   *
   * @param rescale false only to show (in tests) what MLlib does without the rescaling
   */
  static Gmm gmm(
      JavaSparkContext jsc,
      int parts,
      double[][] data,
      List<Vector> rows,
      JavaRDD<Vector> rdd,
      int k,
      long seed,
      int maxIterations,
      boolean rescale) {
    int n = data.length;
    int d = data[0].length;
    // EM from a k-means start (as the Smile-side GMM): MLlib's default start from random samples
    // split a planted cluster in tests.
    KMeansModel start = new KMeans().setK(k).setSeed(seed).setMaxIterations(20).run(rdd.rdd());
    int[] startLabels = new int[n];
    for (int i = 0; i < n; i++) {
      startLabels[i] = start.predict(rows.get(i));
    }
    double[] shift = new double[d];
    double[] scale = new double[d];
    java.util.Arrays.fill(scale, 1);
    if (rescale) {
      double[][] mean = new double[k][d];
      int[] count = new int[k];
      for (int i = 0; i < n; i++) {
        count[startLabels[i]]++;
        for (int j = 0; j < d; j++) {
          mean[startLabels[i]][j] += data[i][j];
          shift[j] += data[i][j];
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          mean[c][j] /= Math.max(count[c], 1);
        }
      }
      double[] within = new double[d];
      double[] total = new double[d];
      for (int j = 0; j < d; j++) {
        shift[j] /= n;
      }
      for (int i = 0; i < n; i++) {
        double[] m = mean[startLabels[i]];
        for (int j = 0; j < d; j++) {
          double t = data[i][j] - m[j];
          within[j] += t * t;
          double u = data[i][j] - shift[j];
          total[j] += u * u;
        }
      }
      int clusters = 0;
      for (int c : count) {
        clusters += c > 0 ? 1 : 0;
      }
      for (int j = 0; j < d; j++) {
        double sd = Math.sqrt(within[j] / Math.max(n - clusters, 1));
        if (!(sd > 0)) {
          // constant within every start cluster: the overall spread, else leave the unit alone
          sd = Math.sqrt(total[j] / Math.max(n - 1, 1));
        }
        scale[j] = sd > 0 ? 1 / (sd / TYPICAL_SD) : 1;
      }
    }
    List<Vector> zrows = new ArrayList<>(n);
    double[][] z = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] r = new double[d];
      for (int j = 0; j < d; j++) {
        r[j] = (data[i][j] - shift[j]) * scale[j];
      }
      z[i] = r;
      zrows.add(Vectors.dense(r));
    }
    JavaRDD<Vector> zrdd =
        rescale ? jsc.parallelize(zrows, parts).persist(StorageLevel.MEMORY_AND_DISK()) : rdd;
    try {
      GaussianMixtureModel m =
          new GaussianMixture()
              .setK(k)
              .setSeed(seed)
              .setMaxIterations(maxIterations)
              .setInitialModel(startingMixture(z, startLabels, k))
              .run(zrdd.rdd());
      double[][] centers = new double[m.k()][];
      for (int c = 0; c < centers.length; c++) {
        // a copy: DenseVector.toArray() hands out the model's own array
        double[] mu = m.gaussians()[c].mu().toArray().clone();
        for (int j = 0; j < d; j++) {
          mu[j] = mu[j] / scale[j] + shift[j];
        }
        centers[c] = mu;
      }
      int[] labels = new int[n];
      double[] prob = new double[n];
      for (int i = 0; i < n; i++) {
        double[] p = m.predictSoft(zrows.get(i));
        int best = 0;
        for (int c = 1; c < p.length; c++) {
          if (p[c] > p[best]) {
            best = c;
          }
        }
        labels[i] = best;
        prob[i] = p[best];
      }
      return new Gmm(labels, centers, prob);
    } finally {
      if (rescale) {
        zrdd.unpersist(false);
      }
    }
  }

  /**
   * A mixture whose components are the k-means clusters (labels {@code start}, in the units of
   * {@code data}): weight = cluster share, mean = cluster mean, covariance = diagonal of the
   * within-cluster variances (floored at 1e-6 so that no component starts singular; an empty
   * cluster gets the grand mean and unit variances).
   */
  static GaussianMixtureModel startingMixture(double[][] data, int[] start, int k) {
    int d = data[0].length;
    double[][] mu = new double[k][d];
    double[][] ss = new double[k][d];
    double[] grand = new double[d];
    int[] n = new int[k];
    for (int i = 0; i < data.length; i++) {
      int c = start[i];
      n[c]++;
      for (int j = 0; j < d; j++) {
        mu[c][j] += data[i][j];
        grand[j] += data[i][j] / data.length;
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        mu[c][j] = n[c] > 0 ? mu[c][j] / n[c] : grand[j];
      }
    }
    for (int i = 0; i < data.length; i++) {
      int c = start[i];
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
