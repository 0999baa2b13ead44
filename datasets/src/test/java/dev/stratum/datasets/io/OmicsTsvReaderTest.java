package dev.stratum.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.OmicsMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmicsTsvReaderTest {
  @TempDir Path tmp;

  @Test
  void fixtureMatrixWithMissingValues() {
    OmicsMatrix m =
        new OmicsTsvReader().readMatrix(Fixtures.good("omics/expression.tsv"), ReadPolicy.strict());
    assertEquals("expression", m.layer());
    assertEquals(List.of("1001", "1002", "1003"), m.sampleIds());
    assertEquals(List.of("EGFR", "ERBB2", "ALK", "ESR1"), m.featureIds());
    assertArrayEquals(new double[] {11.2, 7.9, 8.4}, m.values()[0]);
    assertEquals(Double.NaN, m.get(2, 1), "NA");
    assertEquals(Double.NaN, m.get(3, 2), "empty");
  }

  Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  InvalidInputException strictError(Path p) {
    return assertThrows(
        InvalidInputException.class,
        () -> new OmicsTsvReader().read(p, ReadPolicy.strict(), r -> {}));
  }

  @Test
  void duplicateSampleIsAHeaderError() throws IOException {
    Path p = write("protein.tsv", "feature_id\tS1\tS2\tS1\nA\t1\t2\t3\n");
    assertEquals(
        p + ":1: field 'S1': sample id appears twice in the header", strictError(p).getMessage());
  }

  @Test
  void duplicateFeatureNamesTheFirstLine() throws IOException {
    Path p = write("protein.tsv", "feature_id\tS1\nA\t1\nB\t2\nA\t3\n");
    assertEquals(
        p + ":4: field 'feature_id': feature id appears twice (first on line 2)",
        strictError(p).getMessage());
  }

  @Test
  void nonNumericValueNamesTheSample() throws IOException {
    Path p = write("protein.tsv", "feature_id\tS1\tS2\nA\t1\tlow\n");
    assertEquals(
        p + ":2: field 'S2': not a number (missing values are NA or empty)",
        strictError(p).getMessage());
  }

  @Test
  void methylationBetaValuesAreInTheUnitInterval() throws IOException {
    Path p = write("methylation.tsv", "feature_id\tS1\ncg1\t1.2\n");
    assertEquals(
        p + ":2: field 'S1': methylation beta value outside [0, 1]", strictError(p).getMessage());
  }

  @Test
  void lenientMatrixLeavesQuarantinedRowsOut() throws IOException {
    Path p = write("protein.tsv", "feature_id\tS1\nA\t1\nB\tx\nC\t3\n");
    List<QuarantinedRecord> q = new java.util.ArrayList<>();
    OmicsMatrix m = new OmicsTsvReader().readMatrix(p, ReadPolicy.lenient(q::add));
    assertEquals(List.of("A", "C"), m.featureIds());
    assertEquals("B\tx", q.get(0).raw());
  }

  @Test
  void rowParserForBatchJobs() {
    List<String> samples = OmicsTsvReader.parseHeader("x.tsv", "feature_id\t7\t8");
    OmicsRow r = OmicsTsvReader.parseRow("x.tsv", "protein", samples, 9, "TP53\t-1.5\tNA");
    assertArrayEquals(new double[] {-1.5, Double.NaN}, r.values());
    assertArrayEquals(
        new double[] {5, 0.001},
        OmicsTsvReader.parseRow("x.tsv", "protein", samples, 10, "MYC\t5.\t1e-3").values());
    assertEquals(
        "x.tsv:11: field '8': not a finite decimal number",
        assertThrows(
                InvalidInputException.class,
                () -> OmicsTsvReader.parseRow("x.tsv", "protein", samples, 11, "MYC\t1\t2d"))
            .getMessage());
  }
}
