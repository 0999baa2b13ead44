package dev.stratum.stratification.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import smile.clustering.CentroidClustering;
import smile.clustering.HierarchicalClustering;
import smile.clustering.KMeans;
import smile.clustering.SpectralClustering;
import smile.clustering.linkage.UPGMALinkage;
import smile.clustering.linkage.WardLinkage;
import smile.math.matrix.Matrix;

/** The clustering methods, each a function (input, k, seed) -> labels 0..k-1. */
public enum Method implements Clusterer {
  /**
   * k-means with k-means++ seeding (Arthur and Vassilvitskii 2007) by Smile, best of {@value
   * #KMEANS_STARTS} starts by within-cluster sum of squares.
   */
  KMEANS("kmeans") {
    @Override
    public int[] cluster(ClusterInput in, int k, long seed) {
      return kmeans(in.data(), k, seed, KMEANS_STARTS);
    }
  },
  /**
   * Gaussian mixture with diagonal covariances fitted by EM from a k-means start ({@link
   * DiagonalGaussianMixture}); each patient goes to the component of highest posterior probability.
   */
  GMM("gmm") {
    @Override
    public int[] cluster(ClusterInput in, int k, long seed) {
      double[][] x = in.data();
      // EM from a k-means start: random starts often merge components.
      int[] start = kmeans(x, k, seed, 3);
      int[] y = DiagonalGaussianMixture.fit(x, start, max(start) + 1, 200, 1e-7);
      return relabel(y);
    }
  },
  /** Agglomerative clustering with Ward's minimum-variance linkage (Ward 1963), Smile. */
  WARD("ward") {
    @Override
    public int[] cluster(ClusterInput in, int k, long seed) {
      return relabel(HierarchicalClustering.fit(WardLinkage.of(in.data())).partition(k));
    }
  },
  /** Agglomerative clustering with average linkage (UPGMA, Sokal and Michener 1958), Smile. */
  AVERAGE("average") {
    @Override
    public int[] cluster(ClusterInput in, int k, long seed) {
      return relabel(HierarchicalClustering.fit(UPGMALinkage.of(in.data())).partition(k));
    }
  },
  /**
   * Spectral clustering (Ng, Jordan and Weiss 2002) with a Gaussian kernel whose width is the mean
   * distance to the 10th nearest neighbour, by Smile.
   */
  SPECTRAL("spectral") {
    @Override
    public int[] cluster(ClusterInput in, int k, long seed) {
      double[][] x = in.data();
      double sigma = kernelWidth(x, 10);
      CentroidClustering<double[], double[]> c =
          SmileSeed.with(
              seed, () -> SpectralClustering.fit(x, new SpectralClustering.Options(k, sigma, 100)));
      return relabel(c.group());
    }
  },
  /**
   * Similarity Network Fusion (Wang et al. 2014, Nature Methods 11:333) over the layers, then
   * spectral clustering of the fused network. See {@link SimilarityNetworkFusion}.
   */
  SNF("snf") {
    @Override
    public int[] cluster(ClusterInput in, int k, long seed) {
      double[][] w = SimilarityNetworkFusion.fuse(in.blocks(), 20, 0.5, 20);
      double[][] embedding = SmileSeed.with(seed, () -> SpectralClustering.embed(Matrix.of(w), k));
      return kmeans(embedding, k, seed, 5);
    }
  };

  /**
   * k-means++ starts per k-means fit. With unequal strata 5 starts often split a large cluster
   * instead of finding a small one (on a simulated 800-patient cohort with a 10% stratum, 5 starts
   * gave ARI 0.70 at the planted k, 20 starts 0.98).
   */
  public static final int KMEANS_STARTS = 20;

  private final String cliName;

  Method(String cliName) {
    this.cliName = cliName;
  }

  /** Labels 0..k-1 (fewer when the method leaves a cluster empty), numbered by first appearance. */
  public abstract int[] cluster(ClusterInput in, int k, long seed);

  /** The name used on the command line and in model.json. */
  public String cliName() {
    return cliName;
  }

  /** The method called {@code name} (case-insensitive). */
  public static Method parse(String name) {
    for (Method m : values()) {
      if (m.cliName.equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown method '"
            + name
            + "'; expected one of "
            + Arrays.stream(values())
                .map(Method::cliName)
                .toList()
                .toString()
                .toLowerCase(Locale.ROOT));
  }

  static int max(int[] y) {
    int m = 0;
    for (int v : y) {
      m = Math.max(m, v);
    }
    return m;
  }

  /**
   * Smile k-means (k-means++ seeding, at most 100 Lloyd iterations), best of {@code starts} starts
   * by distortion; each start seeded from its own draw of {@code seed}. Public for benchmarks that
   * compare one start with engines that run one initialisation (MLlib's k-means||).
   */
  public static int[] kmeans(double[][] x, int k, long seed, int starts) {
    SplittableRandom r = new SplittableRandom(seed);
    CentroidClustering<double[], double[]> best = null;
    for (int s = 0; s < starts; s++) {
      long sd = r.nextLong();
      CentroidClustering<double[], double[]> c = SmileSeed.with(sd, () -> KMeans.fit(x, k, 100));
      if (best == null || c.distortion() < best.distortion()) {
        best = c;
      }
    }
    return relabel(best.group());
  }

  /** Renumbers labels 0.. by first appearance, so equal partitions give equal arrays. */
  public static int[] relabel(int[] y) {
    int max = 0;
    for (int v : y) {
      max = Math.max(max, v);
    }
    int[] map = new int[max + 1];
    Arrays.fill(map, -1);
    int next = 0;
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0) {
        throw new IllegalStateException("clustering returned an outlier label " + y[i]);
      }
      if (map[y[i]] < 0) {
        map[y[i]] = next++;
      }
      out[i] = map[y[i]];
    }
    return out;
  }

  /** Mean Euclidean distance to the m-th nearest neighbour (a local scale, Zelnik-Manor 2004). */
  static double kernelWidth(double[][] x, int m) {
    int n = x.length;
    m = Math.min(m, n - 1);
    double sum = 0;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < x[i].length; c++) {
          double t = x[i][c] - x[j][c];
          s += t * t;
        }
        d[j] = s;
      }
      Arrays.sort(d);
      sum += Math.sqrt(d[m]);
    }
    return sum / n;
  }
}
