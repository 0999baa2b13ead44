package dev.stratum.stratification.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AgreementAndSilhouetteTest {

  @Test
  void adjustedRandHandComputed() {
    // Hubert and Arabie (1985) eq. 5 by hand: a = {0,0,0,1,1,1}, b = {0,0,1,1,2,2}.
    // Contingency [[2,1,0],[0,1,2]]: sum C(n_ij,2) = 1 + 1 = 2; rows C(3,2)*2 = 6;
    // columns C(2,2)*3 = 3; C(6,2) = 15; expected = 6*3/15 = 1.2; max = (6+3)/2 = 4.5;
    // ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3.
    int[] a = {0, 0, 0, 1, 1, 1};
    int[] b = {0, 0, 1, 1, 2, 2};
    assertEquals(0.8 / 3.3, ClusterAgreement.adjustedRand(a, b), 1e-12);
    assertEquals(ClusterAgreement.adjustedRand(b, a), ClusterAgreement.adjustedRand(a, b), 1e-15);
    // Relabelling does not change a partition.
    assertEquals(1.0, ClusterAgreement.adjustedRand(a, new int[] {1, 1, 1, 0, 0, 0}), 1e-15);
  }

  @Test
  void adjustedRandOfIndependentPartitionsIsNearZero() {
    // E[ARI] = 0 under random labelling (Hubert and Arabie 1985); for n = 2000 and k = 4 its SD
    // is well below 0.01, so |mean of 20 draws| < 0.01 is a generous bound.
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    double s = 0;
    for (int rep = 0; rep < 20; rep++) {
      int[] a = new int[2000];
      int[] b = new int[2000];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextInt(4);
        b[i] = r.nextInt(4);
      }
      s += ClusterAgreement.adjustedRand(a, b);
    }
    assertEquals(0, s / 20, 0.01);
  }

  @Test
  void silhouetteHandComputed() {
    // Rousseeuw (1987) s(i) = (b - a) / max(a, b) on the line: x = {0, 1, 10, 11, 5},
    // clusters {0, 1} and {10, 11, 5}.
    // x=0: a = 1, b = (10 + 11 + 5)/3 = 26/3 -> 1 - 3/26; x=1: a = 1, b = (9 + 10 + 4)/3 -> 1 -
    // 3/23;
    // x=10: a = (1 + 5)/2 = 3, b = (10 + 9)/2 = 9.5 -> 1 - 3/9.5; x=11: a = 3.5, b = 10.5;
    // x=5: a = (5 + 6)/2 = 5.5, b = (5 + 4)/2 = 4.5 -> (4.5 - 5.5)/5.5.
    double[][] x = {{0}, {1}, {10}, {11}, {5}};
    int[] y = {0, 0, 1, 1, 1};
    double[] expected = {1 - 3.0 / 26, 1 - 3.0 / 23, 1 - 3 / 9.5, 1 - 3.5 / 10.5, -1 / 5.5};
    assertArrayEquals(expected, Silhouette.widths(x, y), 1e-12);
  }

  @Test
  void benjaminiHochbergMatchesR() {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.050 0.050 0.025 0.500
    double[] q = MultipleTesting.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005, 0.5});
    assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.5}, q, 1e-12);
  }

  @Test
  void jaccard() {
    assertEquals(
        1.0 / 3,
        ClusterAgreement.jaccard(
            new boolean[] {true, true, false, false}, new boolean[] {false, true, true, false}),
        1e-15);
  }
}
