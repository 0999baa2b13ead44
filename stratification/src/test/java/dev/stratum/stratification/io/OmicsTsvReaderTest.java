package dev.stratum.stratification.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.OmicsMatrix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmicsTsvReaderTest {
  @TempDir Path dir;

  Path write(String content) throws Exception {
    Path p = dir.resolve("expression.tsv");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsTcgaLayoutWithMissingValues() throws Exception {
    Path p = write("feature_id\tP1\tP2\tP3\nTP53\t1.5\tNA\t-2\nEGFR\t\t3e-1\t0\n");
    OmicsMatrix m = OmicsTsvReader.read("expression", p);
    assertEquals(List.of("P1", "P2", "P3"), m.sampleIds());
    assertEquals(List.of("TP53", "EGFR"), m.featureIds());
    assertTrue(Double.isNaN(m.get(0, 1)));
    assertTrue(Double.isNaN(m.get(1, 0)));
    assertEquals(0.3, m.get(1, 1), 0);
  }

  @Test
  void badNumberNamesPathLineAndSample() throws Exception {
    Path p = write("feature_id\tP1\tP2\nTP53\t1.5\t2\nEGFR\t1\tabc\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> OmicsTsvReader.read("expression", p));
    assertEquals(3, e.line());
    assertEquals("P2", e.field().orElseThrow());
    assertTrue(e.getMessage().startsWith(p + ":3: field 'P2'"), e.getMessage());
  }

  @Test
  void wrongFieldCountDuplicateIdsAndEmptyFilesAreRejected() throws Exception {
    Path short1 = write("feature_id\tP1\tP2\nTP53\t1.5\n");
    assertEquals(
        2,
        assertThrows(InvalidInputException.class, () -> OmicsTsvReader.read("x", short1)).line());
    Path dupSample = write("feature_id\tP1\tP1\nTP53\t1\t2\n");
    assertEquals(
        "P1",
        assertThrows(InvalidInputException.class, () -> OmicsTsvReader.read("x", dupSample))
            .field()
            .orElseThrow());
    Path dupFeature = write("feature_id\tP1\nA\t1\nA\t2\n");
    assertEquals(
        3,
        assertThrows(InvalidInputException.class, () -> OmicsTsvReader.read("x", dupFeature))
            .line());
    Path empty = write("");
    assertThrows(InvalidInputException.class, () -> OmicsTsvReader.read("x", empty));
    Path headerOnly = write("feature_id\tP1\n");
    assertThrows(InvalidInputException.class, () -> OmicsTsvReader.read("x", headerOnly));
    assertThrows(
        InvalidInputException.class, () -> OmicsTsvReader.read("x", dir.resolve("missing.tsv")));
  }

  @Test
  void survivalCsvIsValidated() throws Exception {
    Path ok = dir.resolve("s.csv");
    Files.writeString(ok, "person_id,time,event\nP1,10.5,1\nP2,3,0\n", StandardCharsets.UTF_8);
    assertEquals(2, SurvivalCsvReader.read(ok).size());
    assertTrue(SurvivalCsvReader.read(ok).get("P1").event());
    Path bad = dir.resolve("b.csv");
    Files.writeString(bad, "person_id,time,event\nP1,-1,1\n", StandardCharsets.UTF_8);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> SurvivalCsvReader.read(bad));
    assertEquals("time", e.field().orElseThrow());
    assertEquals(2, e.line());
  }
}
