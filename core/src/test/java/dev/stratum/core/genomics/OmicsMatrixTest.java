package dev.stratum.core.genomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OmicsMatrixTest {

  @Test
  void copiesInAndOut() {
    double[][] v = {{1, 2, 3}, {4, 5, Double.NaN}};
    OmicsMatrix m =
        new OmicsMatrix("expression", List.of("EGFR", "KRAS"), List.of("a", "b", "c"), v);
    v[0][0] = 99;
    assertEquals(1, m.get(0, 0));
    m.values()[0][0] = 99;
    assertEquals(1, m.get(0, 0));
    assertArrayEquals(new double[] {3, Double.NaN}, m.sampleVector(2));
    assertArrayEquals(new double[] {1, 4}, m.samplesByFeatures()[0]);
    assertEquals(2, m.sampleIndex().get("c"));
  }

  @Test
  void rejectsRaggedRows() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new OmicsMatrix(
                    "protein",
                    List.of("A", "B"),
                    List.of("s1", "s2"),
                    new double[][] {{1, 2}, {3}}));
    assertEquals("row 1 has 1 values, expected 2", e.getMessage());
  }

  @Test
  void variantLabelReadsLikeAClinician() {
    assertEquals(
        "EGFR L858R",
        new Variant("p1", "EGFR", "L858R", VariantKind.SNV, "chr7", 55191822, "T", "G", 0.31)
            .label());
    assertEquals(
        "ERBB2 amplification",
        new Variant(
                "p1",
                "ERBB2",
                "",
                VariantKind.AMPLIFICATION,
                "chr17",
                39688094,
                "N",
                "<DUP>",
                Double.NaN)
            .label());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Variant("p1", "EGFR", "", VariantKind.SNV, "chr7", 1, "A", "C", 1.5));
  }
}
