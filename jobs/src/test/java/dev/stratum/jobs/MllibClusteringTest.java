package dev.stratum.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MLlib k-means, bisecting k-means and GMM recover planted clusters; one local session. */
class MllibClusteringTest {
  static SparkSession spark;
  static final int N = 300;
  static final int D = 6;
  static final int K = 3;
  static double[][] x = new double[N][D];
  static int[] truth = new int[N];

  @BeforeAll
  static void start() {
    spark = MllibClustering.session("local[2]");
    // Three spherical Gaussian blobs, unit noise, centres 6 SD apart on distinct coordinates.
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < N; i++) {
      truth[i] = i % K;
      for (int j = 0; j < D; j++) {
        x[i][j] = r.nextGaussian() + (j == truth[i] ? 6 : 0);
      }
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * Adjusted Rand index, Hubert and Arabie (1985), J. Classification 2:193, eq. (5): computed here
   * because jobs may not depend on the stratification module.
   */
  static double ari(int[] a, int[] b) {
    int ka = 0;
    int kb = 0;
    for (int i = 0; i < a.length; i++) {
      ka = Math.max(ka, a[i] + 1);
      kb = Math.max(kb, b[i] + 1);
    }
    long[][] n = new long[ka][kb];
    long[] ra = new long[ka];
    long[] rb = new long[kb];
    for (int i = 0; i < a.length; i++) {
      n[a[i]][b[i]]++;
      ra[a[i]]++;
      rb[b[i]]++;
    }
    double index = 0;
    for (long[] row : n) {
      for (long v : row) {
        index += v * (v - 1) / 2.0;
      }
    }
    double sa = 0;
    double sb = 0;
    for (long v : ra) {
      sa += v * (v - 1) / 2.0;
    }
    for (long v : rb) {
      sb += v * (v - 1) / 2.0;
    }
    double total = a.length * (a.length - 1) / 2.0;
    double expected = sa * sb / total;
    return (index - expected) / ((sa + sb) / 2 - expected);
  }

  @Test
  void adjustedRandOfTheHelperOnAKnownTable() {
    // Hubert and Arabie's index is 1 for identical partitions up to renaming, and for
    // a = (0,0,1,1), b = (0,0,0,1): index 1, sa 2, sb 3, total 6, expected 1 -> (1-1)/(2.5-1) = 0.
    assertEquals(1.0, ari(new int[] {0, 0, 1, 1, 2}, new int[] {2, 2, 0, 0, 1}), 1e-12);
    assertEquals(0.0, ari(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1}), 1e-12);
  }

  @Test
  void everyAlgorithmRecoversPlantedClusters() {
    for (MllibClustering.Algorithm a : MllibClustering.Algorithm.values()) {
      // 10 iterations: blobs 6 SD apart converge in a few (each iteration is a Spark job).
      MllibClustering.Result r = MllibClustering.fit(spark, x, K, a, 5, 10);
      double ari = ari(r.labels(), truth);
      assertTrue(ari >= 0.9, a + ": ARI " + ari);
      assertEquals(K, r.centers().length);
      assertEquals(D, r.centers()[0].length);
      // a centre sits near its blob's mean: 6 on its own coordinate (SE about 1/sqrt(100))
      for (double[] c : r.centers()) {
        double max = 0;
        for (double v : c) {
          max = Math.max(max, v);
        }
        assertEquals(6, max, 0.5, a + " centre");
      }
      if (a == MllibClustering.Algorithm.GMM) {
        assertTrue(r.probability()[0] > 0.9, "GMM membership probability");
      }
    }
  }

  /**
   * Four planted clusters in 50 dimensions, unit noise; cluster c is shifted by +3 SD on its own 5
   * coordinates (5c..5c+4), so two clusters are sqrt(10 * 9) = 9.5 SD apart (the shape of the
   * benchmark's blobs: 10% signal coordinates, the rest noise). The same generator and seed are in
   * the stratification module's ClusteringMethodContractTest, for Smile's side.
   */
  static double[][] wide(int n, int[] labels) {
    SplittableRandom r = new SplittableRandom(2026);
    double[][] out = new double[n][50];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 4;
      for (int j = 0; j < 50; j++) {
        out[i][j] = r.nextGaussian() + (j / 5 == labels[i] ? 3 : 0);
      }
    }
    return out;
  }

  @Test
  void gmmRecoversPlantedClustersInFiftyDimensions() {
    int[] planted = new int[2000];
    double[][] w = wide(2000, planted);
    MllibClustering.Result r =
        MllibClustering.fit(spark, w, 4, MllibClustering.Algorithm.GMM, 7, 20);
    double ari = ari(r.labels(), planted);
    assertTrue(ari >= 0.9, "MLlib GMM on 50-d data, ARI " + ari);
    // means come back in the original units: 3 on the cluster's own coordinates, 0 elsewhere,
    // each a mean of 500 unit-variance values (SE 0.045; 0.3 is more than 6 SE)
    for (double[] c : r.centers()) {
      int own = 0;
      for (int j = 0; j < 50; j++) {
        own += c[j] > 1.5 ? 1 : 0;
        assertEquals(c[j] > 1.5 ? 3 : 0, c[j], 0.3);
      }
      assertEquals(5, own);
    }
  }

  @Test
  void withoutTheRescalingMllibGmmMergesEverythingInFiftyDimensions() {
    // What the rescaling fixes, on the same data: MLlib's E-step adds EPSILON = 2.2e-16 to
    // densities of about exp(-25 * (log(2 pi) + 1)) = 1.6e-31, so all responsibilities are equal
    // and EM returns one cluster (ARI 0.000 on the 100k x 50 benchmark before the fix). If a
    // Spark upgrade makes this pass, the rescaling can go.
    int[] planted = new int[2000];
    double[][] w = wide(2000, planted);
    MllibClustering.Result r =
        MllibClustering.fit(spark, w, 4, MllibClustering.Algorithm.GMM, 7, 20, false);
    double ari = ari(r.labels(), planted);
    assertTrue(ari < 0.1, "raw MLlib GMM on 50-d data was expected to fail, ARI " + ari);
  }

  @Test
  void sameSeedSameLabels() {
    int[] a = MllibClustering.fit(spark, x, K, MllibClustering.Algorithm.KMEANS, 3, 5).labels();
    int[] b = MllibClustering.fit(spark, x, K, MllibClustering.Algorithm.KMEANS, 3, 5).labels();
    assertArrayEquals(a, b);
  }

  @Test
  void badParametersAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MllibClustering.fit(spark, x, 1, MllibClustering.Algorithm.KMEANS, 1, 20));
    assertThrows(IllegalArgumentException.class, () -> MllibClustering.Algorithm.parse("ward"));
    assertEquals(
        MllibClustering.Algorithm.BISECTING_KMEANS,
        MllibClustering.Algorithm.parse("bisecting-kmeans"));
  }
}
