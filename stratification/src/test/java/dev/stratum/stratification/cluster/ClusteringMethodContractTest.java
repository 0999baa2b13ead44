package dev.stratum.stratification.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.stratification.stats.ClusterAgreement;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract every clustering method passes (STYLE.md 12). */
class ClusteringMethodContractTest {

  /** Three well separated blobs (centres 8 SD apart) of 60, 40 and 20 points in 2 layers. */
  static ClusterInput blobs(long seed, int[] truth) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = truth.length;
    double[][] a = new double[n][4];
    double[][] b = new double[n][3];
    for (int i = 0; i < n; i++) {
      truth[i] = i < 60 ? 0 : i < 100 ? 1 : 2;
      for (int j = 0; j < 4; j++) {
        a[i][j] = (j == truth[i] ? 8 : 0) + r.nextGaussian();
      }
      for (int j = 0; j < 3; j++) {
        b[i][j] = (j == truth[i] ? 8 : 0) + r.nextGaussian();
      }
    }
    double[][] all = new double[n][7];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, all[i], 0, 4);
      System.arraycopy(b[i], 0, all[i], 4, 3);
    }
    return new ClusterInput(all, new double[][][] {a, b});
  }

  /**
   * The Smile-engine GMM on the data that broke Spark MLlib's GMM: four planted clusters in 50
   * dimensions, unit noise, cluster c shifted by +3 SD on coordinates 5c..5c+4. Same generator and
   * seed as the jobs module's MllibClusteringTest.wide (copied: the modules may not depend on each
   * other). MLlib added EPSILON = 2.2e-16 to densities of about 1e-31 and merged everything; the
   * diagonal EM here works in log space (log-sum-exp E-step), so wide data cannot underflow it.
   */
  @org.junit.jupiter.api.Test
  void gmmRecoversPlantedClustersInFiftyDimensions() {
    SplittableRandom r = new SplittableRandom(2026);
    int n = 2000;
    int[] planted = new int[n];
    double[][] x = new double[n][50];
    for (int i = 0; i < n; i++) {
      planted[i] = i % 4;
      for (int j = 0; j < 50; j++) {
        x[i][j] = r.nextGaussian() + (j / 5 == planted[i] ? 3 : 0);
      }
    }
    int[] y = Method.GMM.cluster(new ClusterInput(x, new double[][][] {x}), 4, 7);
    double ari = ClusterAgreement.adjustedRand(y, planted);
    assertTrue(ari >= 0.9, "Smile-engine GMM on 50-d data, ARI " + ari);
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void labelsAreCanonicalReproducibleAndRecoverObviousClusters(Method m) {
    int[] truth = new int[120];
    ClusterInput in = blobs(11, truth);
    int[] y = m.cluster(in, 3, 5);
    assertEquals(120, y.length);
    assertEquals(0, y[0], "labels numbered by first appearance");
    int max = 0;
    for (int v : y) {
      assertTrue(v >= 0 && v < 3, m + " label " + v);
      assertTrue(v <= max + 1, "first appearance order");
      max = Math.max(max, v);
    }
    assertArrayEquals(y, m.cluster(in, 3, 5), m + " same seed, same labels");
    double ari = ClusterAgreement.adjustedRand(y, truth);
    // Average linkage isolates outliers on noisy data; on blobs this clean it must still work.
    assertTrue(ari > 0.95, m + " ARI " + ari);
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void worksOnSubsetsAsConsensusUsesThem(Method m) {
    int[] truth = new int[120];
    ClusterInput in = blobs(12, truth);
    int[] rows = new int[96];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i * 120 / 96;
    }
    int[] y = m.cluster(in.subset(rows), 3, 9);
    assertEquals(96, y.length);
    int[] t = new int[96];
    for (int i = 0; i < 96; i++) {
      t[i] = truth[rows[i]];
    }
    assertTrue(ClusterAgreement.adjustedRand(y, t) > 0.95, m.toString());
  }

  @org.junit.jupiter.api.Test
  void consensusOfCleanBlobsIsCrisp() {
    int[] truth = new int[120];
    ClusterInput in = blobs(13, truth);
    Consensus c = Consensus.run(Method.KMEANS, in, 3, 20, 0.8, 3);
    assertEquals(1.0, ClusterAgreement.adjustedRand(c.labels(), truth), 1e-12);
    assertEquals(0.0, c.pac(), 1e-12);
    double[] cdf = c.cdf(new double[] {0.1, 0.9});
    // Pairs in different clusters (consensus 0) vs same cluster (1): CDF(0.1) = share of
    // different-cluster pairs = 1 - (C(60,2) + C(40,2) + C(20,2)) / C(120,2) = 1 - (1770 + 780 +
    // 190)/7140.
    assertEquals(1 - 2740.0 / 7140, cdf[0], 1e-12);
    assertEquals(cdf[0], cdf[1], 1e-12);
  }
}
