package dev.stratum.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Consent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawDatasetTest {
  @TempDir Path tmp;

  static long count(Stream<?> s) {
    try (s) {
      return s.count();
    }
  }

  @Test
  void typedStreamsOverTheFixtureDirectory() {
    RawDataset raw = RawDataset.open(Fixtures.good());
    ReadPolicy strict = ReadPolicy.strict();
    assertEquals(3, count(raw.persons(strict)));
    assertEquals(3, count(raw.observationPeriods(strict)));
    assertEquals(4 + 3 + 4 + 4 + 2, count(raw.events(strict)));
    assertEquals(1, count(raw.deaths(strict)));
    assertEquals(2, count(raw.notes(strict)));
    assertEquals(4, count(raw.variantSites(strict)));
    assertEquals(5, count(raw.variants(strict)), "carriers: ALK 1, EGFR 1, KRAS 2, ERBB2 1");
    assertEquals(List.of("expression", "methylation"), raw.omicsLayers());
    assertEquals(4, raw.omics("expression", strict).featureCount());
    assertEquals(2, count(raw.trials(strict)));
    try (Stream<Consent> c = raw.consents(strict)) {
      assertEquals(List.of("1001", "1002"), c.map(Consent::personId).toList());
    }
  }

  @Test
  void validateCountsEveryFileAndIsClean() {
    ValidationReport r = RawDataset.open(Fixtures.good()).validate(5);
    assertTrue(r.clean());
    assertEquals(14, r.files().size(), "9 OMOP tables, 1 VCF, 2 omics layers, 2 trials");
    assertEquals(3 + 3 + 4 + 3 + 4 + 4 + 2 + 1 + 2 + 4 + 4 + 2 + 1 + 1, r.read());
    assertEquals(r.read(), r.accepted());
    assertTrue(r.skipped().isEmpty());
    RawDataset.open(Fixtures.good()).validateStrict();
  }

  /** A copy of the fixture directory with one file replaced. */
  Path copyWith(String relative, String content) throws IOException {
    Path dir = tmp.resolve("raw");
    try (Stream<Path> files = Files.walk(Fixtures.good())) {
      for (Path p : files.toList()) {
        Path target = dir.resolve(Fixtures.good().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Files.writeString(dir.resolve(relative), content, StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void validateReportsQuarantinedRecordsAndFileErrors() throws IOException {
    Path dir =
        copyWith(
            "omop/measurement.csv",
            OmopMeasurementReaderContractTest.HEADER
                + OmopMeasurementReaderContractTest.row("1", "2023-03-01", "4548-4", "8.2", "%")
                + OmopMeasurementReaderContractTest.row(
                    "1", "2023-03-01", "4548-4", "8.2", "mg/dq"));
    Files.writeString(
        dir.resolve("trials/NCT1.json"), "{\"protocolSection\": [", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("omop/visit_detail.csv"), "x\n", StandardCharsets.UTF_8);
    List<QuarantinedRecord> q = new ArrayList<>();
    ValidationReport r = RawDataset.open(dir).validate(5, false, q::add, f -> {});
    assertFalse(r.clean());
    ValidationReport.FileReport m =
        r.files().stream()
            .filter(f -> f.path().endsWith("measurement.csv"))
            .findFirst()
            .orElseThrow();
    assertEquals(2, m.read());
    assertEquals(1, m.accepted());
    assertEquals(1, m.quarantined());
    assertEquals(3, m.problems().get(0).line());
    assertEquals("unit_source_value", m.problems().get(0).field());
    assertEquals(1, q.size());
    assertTrue(q.get(0).raw().contains("mg/dq"), "the sink gets the raw record");
    ValidationReport.FileReport json =
        r.files().stream().filter(f -> f.path().endsWith("NCT1.json")).findFirst().orElseThrow();
    assertTrue(json.fileError().isPresent());
    assertEquals(List.of(dir.resolve("omop/visit_detail.csv").toString()), r.skipped());
    assertEquals(m.problems().get(0), r.firstProblem().orElseThrow());

    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> RawDataset.open(dir).validateStrict());
    assertEquals(dir.resolve("omop/measurement.csv") + ":3", e.getMessage().split(": ")[0]);
  }

  @Test
  void directoryWithoutRawData() throws IOException {
    Files.createDirectories(tmp.resolve("empty/truth"));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> RawDataset.open(tmp.resolve("empty")).validate(5));
    assertTrue(e.getMessage().contains("no raw data found"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> RawDataset.open(tmp.resolve("missing")));
  }
}
