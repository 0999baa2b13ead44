package dev.stratum.stratification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.genomics.OmicsMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PreparationTest {

  static OmicsMatrix layer(String name, int p, int n, double base, boolean counts, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> f = new ArrayList<>();
    List<String> s = new ArrayList<>();
    double[][] v = new double[p][n];
    for (int j = 0; j < n; j++) {
      s.add("S" + j);
    }
    for (int i = 0; i < p; i++) {
      f.add(name + i);
      for (int j = 0; j < n; j++) {
        double x = base + (i + 1) * 0.1 * r.nextGaussian();
        v[i][j] = counts ? Math.round(Math.pow(2, x)) : x;
      }
    }
    return new OmicsMatrix(name, f, s, v);
  }

  @Test
  void logTransformVarianceFilterPcaAndEqualLayerWeight() {
    OmicsMatrix counts = layer("rna", 50, 80, 10, true, 1);
    OmicsMatrix z = layer("prot", 30, 80, 0, false, 2);
    PreparationOptions o =
        new PreparationOptions(PreparationOptions.LogTransform.AUTO, 20, 0.5, 5, 5, false);
    PreparedData p = Preparation.fit(FeatureMatrix.of(List.of(counts, z)), o, 3);
    LayerTransform rna = p.transforms().get(0);
    LayerTransform prot = p.transforms().get(1);
    assertTrue(rna.log2(), "counts above 100 are log-transformed");
    assertFalse(prot.log2(), "z-scores are not");
    assertEquals(20, rna.features().size());
    // Feature i has SD proportional to i + 1: the variance filter keeps the 20 widest (30..49).
    assertEquals("rna30", rna.features().get(0));
    assertEquals(5, rna.dimension());
    assertEquals(10, p.dimension());
    // Each block has total variance 1 after weighting.
    double[][] x = p.data();
    for (int block = 0; block < 2; block++) {
      double total = 0;
      for (int c = block * 5; c < block * 5 + 5; c++) {
        double s = 0;
        double ss = 0;
        for (double[] row : x) {
          s += row[c];
          ss += row[c] * row[c];
        }
        total += (ss - s * s / x.length) / (x.length - 1);
      }
      assertEquals(1.0, total, 1e-9);
    }
  }

  @Test
  void patientsMissingALayerGetTheirNeighboursBlockAndMissingnessColumns() {
    OmicsMatrix a = layer("a", 20, 60, 0, false, 4);
    // Layer b lacks the last 5 samples.
    OmicsMatrix full = layer("b", 20, 60, 0, false, 5);
    double[][] v = full.values();
    double[][] cut = new double[20][55];
    for (int i = 0; i < 20; i++) {
      System.arraycopy(v[i], 0, cut[i], 0, 55);
    }
    OmicsMatrix b = new OmicsMatrix("b", full.featureIds(), full.sampleIds().subList(0, 55), cut);
    PreparationOptions o =
        new PreparationOptions(PreparationOptions.LogTransform.NEVER, 100, 0.5, 3, 4, true);
    PreparedData p = Preparation.fit(FeatureMatrix.of(List.of(a, b)), o, 6);
    assertEquals(60, p.size());
    assertEquals(5, p.samplesMissingALayer());
    assertFalse(p.present(1, 57));
    assertEquals(3 + 3 + 2, p.dimension(), "two missingness columns");
    assertEquals(1.0, p.missingFraction()[1][57], 0);
    // The imputed block is an average of observed blocks, so it is not all zeros.
    double[] row = p.data()[57];
    assertTrue(Math.abs(row[3]) + Math.abs(row[4]) + Math.abs(row[5]) > 0);
  }

  @Test
  void optionsValidateThemselves() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new PreparationOptions(PreparationOptions.LogTransform.AUTO, 1, 0.5, 5, 5, false));
    assertTrue(e.getMessage().contains("maxFeaturesPerLayer must be >= 2, got 1"));
    assertThrows(
        IllegalArgumentException.class, () -> StratifierOptions.defaults(1).withKRange(5, 3));
    assertThrows(IllegalArgumentException.class, () -> StratifierOptions.defaults(1).withK(1));
  }

  @Test
  void sameSeedSamePreparation() {
    OmicsMatrix a = layer("a", 40, 50, 0, false, 7);
    PreparationOptions o = PreparationOptions.defaults();
    PreparedData p1 = Preparation.fit(FeatureMatrix.of(List.of(a)), o, 8);
    PreparedData p2 = Preparation.fit(FeatureMatrix.of(List.of(a)), o, 8);
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(p1.data()[i], p2.data()[i], 0);
    }
  }
}
