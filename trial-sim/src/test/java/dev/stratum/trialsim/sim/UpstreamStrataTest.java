package dev.stratum.trialsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.SchemaMismatchException;
import dev.stratum.core.strata.StratumSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strata from a stratification model and an eligible pool, read as files. */
class UpstreamStrataTest {
  private static final Path ROOT = Path.of(System.getProperty("stratum.root"));
  // the stratification module's golden model (schema version 1): cluster sizes 30, 20, 10
  private static final Path GOLDEN_MODEL =
      ROOT.resolve("stratification/src/test/resources/golden/model-v1.json");
  private static final Path ENRICHMENT = ROOT.resolve("docs/designs/enrichment-2strata.json");

  @TempDir Path dir;

  private Path write(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
  }

  @Test
  void readsTheStratificationGoldenModel() {
    List<StratumSummary> s = UpstreamStrata.readModel(GOLDEN_MODEL);
    assertEquals(3, s.size());
    assertEquals("S1", s.get(0).name());
    assertEquals(30.0 / 60, s.get(0).prevalence(), 1e-15);
    assertEquals(10.0 / 60, s.get(2).prevalence(), 1e-15);
    assertEquals(20, s.get(1).size());
  }

  @Test
  void refusesOtherFormatsAndVersions() throws IOException {
    Path other = write("m.json", "{\"format\": \"something\", \"schema_version\": 1}");
    assertThrows(SchemaMismatchException.class, () -> UpstreamStrata.readModel(other));
    Path v2 =
        write(
            "m2.json",
            "{\"format\": \"stratum-stratification-model\", \"schema_version\": 2,"
                + " \"cluster_sizes\": [1, 2]}");
    SchemaMismatchException e =
        assertThrows(SchemaMismatchException.class, () -> UpstreamStrata.readModel(v2));
    assertTrue(e.getMessage().contains("schema version 2"), e.getMessage());
    Path bad =
        write(
            "m3.json",
            "{\"format\": \"stratum-stratification-model\", \"schema_version\": 1,"
                + " \"cluster_sizes\": [3, -1]}");
    InvalidInputException b =
        assertThrows(InvalidInputException.class, () -> UpstreamStrata.readModel(bad));
    assertTrue(b.getMessage().contains("cluster_sizes[1]"), b.getMessage());
  }

  @Test
  void modelStrataWithEffectsReplaceTheDesignStrata() {
    TrialDesign design = DesignReader.read(ENRICHMENT);
    UpstreamStrata.Applied a =
        UpstreamStrata.apply(
            design, UpstreamStrata.readModel(GOLDEN_MODEL), new double[] {0.6, 0.9, 1.0}, null);
    TrialDesign d = a.design();
    assertEquals(3, d.strata().size());
    assertEquals(0.5, d.strata().get(0).prevalence(), 1e-15);
    assertEquals(0.9, d.strata().get(1).effect(), 0);
    assertEquals(design.enrichment(), d.enrichment());
    assertEquals(600, d.sampleSize());
    // and it simulates: the null stratum S3 is rarely rejected alone
    SimulationResult r = TrialSimulator.run(d, 200, 3L, 1);
    assertEquals(3, r.strataSelected().size());
  }

  @Test
  void withoutEffectsAModelOfAsManyStrataTakesTheDesignEffectsInOrder() throws IOException {
    TrialDesign design = DesignReader.read(ENRICHMENT);
    Path model =
        write(
            "model.json",
            "{\"format\": \"stratum-stratification-model\", \"schema_version\": 1, \"k\": 2,"
                + " \"cluster_sizes\": [150, 50]}");
    UpstreamStrata.Applied a =
        UpstreamStrata.apply(design, UpstreamStrata.readModel(model), null, null);
    assertEquals(0.75, a.design().strata().get(0).prevalence(), 1e-15);
    assertEquals(0.55, a.design().strata().get(0).effect(), 0);
    assertEquals(0.95, a.design().strata().get(1).effect(), 0);
  }

  @Test
  void poolCapsTheSampleSizeAndItsStrataCountsSetPrevalences() throws IOException {
    TrialDesign design = DesignReader.read(ENRICHMENT);
    Path pool =
        write(
            "match.json",
            "{\"trial\": \"NCT1\", \"counts\": {\"eligible\": 500, \"needs_review\": 30,"
                + " \"ineligible\": 900}, \"eligible_by_stratum\": {\"biomarker+\": 100,"
                + " \"biomarker-\": 300}}");
    UpstreamStrata.EligiblePool p = UpstreamStrata.readPool(pool);
    assertEquals(500, p.eligible());
    UpstreamStrata.Applied a = UpstreamStrata.apply(design, null, null, p);
    assertEquals(500, a.design().sampleSize());
    assertEquals(0.25, a.design().strata().get(0).prevalence(), 1e-15);
    assertEquals(0.55, a.design().strata().get(0).effect(), 0);
    assertTrue(a.notes().stream().anyMatch(n -> n.contains("capped")), a.notes().toString());
  }

  @Test
  void poolTooSmallOrSuppressedIsABadInput() throws IOException {
    TrialDesign design = DesignReader.read(ENRICHMENT);
    Path small = write("small.json", "{\"counts\": {\"eligible\": 300}}");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> UpstreamStrata.apply(design, null, null, UpstreamStrata.readPool(small)));
    assertTrue(e.getMessage().contains("too small"), e.getMessage());
    Path suppressed = write("s.json", "{\"counts\": {\"eligible\": \"<11\"}}");
    InvalidInputException s =
        assertThrows(InvalidInputException.class, () -> UpstreamStrata.readPool(suppressed));
    assertTrue(s.getMessage().contains("counts.eligible"), s.getMessage());
    Path missing =
        write(
            "m.json",
            "{\"counts\": {\"eligible\": 900}, \"eligible_by_stratum\": {\"biomarker+\": 100}}");
    InvalidInputException m =
        assertThrows(
            InvalidInputException.class,
            () -> UpstreamStrata.apply(design, null, null, UpstreamStrata.readPool(missing)));
    assertTrue(m.getMessage().contains("biomarker-"), m.getMessage());
  }
}
