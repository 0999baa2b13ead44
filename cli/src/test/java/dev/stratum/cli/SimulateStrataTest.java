package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratum simulate} of the enrichment design: the closed test's familywise error in the
 * JSON, strata from a stratification model.json and an eligible pool, and bad inputs (exit 2).
 */
class SimulateStrataTest {
  private static final Path ROOT = Path.of(System.getProperty("stratum.root"));
  private static final Path ENRICHMENT = ROOT.resolve("docs/designs/enrichment-2strata.json");
  // the stratification module's golden model: cluster sizes 30, 20, 10
  private static final Path MODEL =
      ROOT.resolve("stratification/src/test/resources/golden/model-v1.json");

  @Test
  void enrichmentDesignReportsTheFamilywiseErrorAndPopulations() {
    TrialDesignerCommandsTest.Run r =
        TrialDesignerCommandsTest.run(
            "simulate",
            "--design",
            ENRICHMENT.toString(),
            "--reps",
            "300",
            "--seed",
            "4",
            "--threads",
            "1",
            "--null",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    assertEquals("closed-inverse-normal", j.get("enrichment_test").asText());
    assertEquals("simes", j.get("intersection_test").asText());
    // under the global null every rejection is a type I error
    assertEquals(j.get("type_1_error").asDouble(), j.get("familywise_error").asDouble(), 0);
    assertEquals(
        "full population", j.get("populations_rejected").get(0).get("population").asText());
    assertTrue(j.get("populations_rejected").get(0).get("true_null").asBoolean());
  }

  @Test
  void strataFromAModelAndAPool(@TempDir Path dir) throws IOException {
    Path pool =
        Files.writeString(
            dir.resolve("match.json"),
            "{\"trial\": \"T1\", \"counts\": {\"eligible\": 550, \"needs_review\": 3,"
                + " \"ineligible\": 40}}",
            StandardCharsets.UTF_8);
    TrialDesignerCommandsTest.Run r =
        TrialDesignerCommandsTest.run(
            "simulate",
            "--design",
            ENRICHMENT.toString(),
            "--strata-from",
            MODEL.toString(),
            "--stratum-effects",
            "0.6,0.9,1",
            "--pool",
            pool.toString(),
            "--reps",
            "200",
            "--seed",
            "4",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    JsonNode strata = j.get("strata");
    assertEquals(3, strata.size());
    assertEquals("S1", strata.get(0).get("name").asText());
    assertEquals(0.5, strata.get(0).get("prevalence").asDouble(), 1e-15); // 30 / 60
    assertEquals(0.9, strata.get(1).get("effect").asDouble(), 0);
    assertEquals(3, j.get("strata_selected").size());
    assertTrue(j.get("expected_patients").asDouble() <= 550, j.toString());
    assertTrue(r.err().contains("capped at the eligible pool: 550"), r.err());
  }

  @Test
  void badUpstreamInputsExitWithTwo(@TempDir Path dir) throws IOException {
    TrialDesignerCommandsTest.Run wrongCount =
        TrialDesignerCommandsTest.run(
            "simulate",
            "--design",
            ENRICHMENT.toString(),
            "--strata-from",
            MODEL.toString(),
            "--stratum-effects",
            "0.6,0.9",
            "--reps",
            "10",
            "--seed",
            "1");
    assertEquals(2, wrongCount.code(), wrongCount.err());
    assertTrue(wrongCount.err().contains("--stratum-effects"), wrongCount.err());
    Path v9 =
        Files.writeString(
            dir.resolve("model.json"),
            "{\"format\": \"stratum-stratification-model\", \"schema_version\": 9}",
            StandardCharsets.UTF_8);
    TrialDesignerCommandsTest.Run version =
        TrialDesignerCommandsTest.run(
            "simulate",
            "--design",
            ENRICHMENT.toString(),
            "--strata-from",
            v9.toString(),
            "--reps",
            "10",
            "--seed",
            "1");
    assertEquals(2, version.code(), version.err());
    assertTrue(version.err().contains("schema version 9"), version.err());
    TrialDesignerCommandsTest.Run missing =
        TrialDesignerCommandsTest.run(
            "simulate",
            "--design",
            ENRICHMENT.toString(),
            "--pool",
            dir.resolve("none.json").toString(),
            "--reps",
            "10",
            "--seed",
            "1");
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("--pool"), missing.err());
  }

  @Test
  void sparkMasterGivesTheLocalResult() {
    String[] common = {
      "simulate",
      "--design",
      ENRICHMENT.toString(),
      "--reps",
      "300",
      "--seed",
      "12",
      "--format",
      "json"
    };
    TrialDesignerCommandsTest.Run local =
        TrialDesignerCommandsTest.run(concat(common, "--threads", "1"));
    TrialDesignerCommandsTest.Run spark =
        TrialDesignerCommandsTest.run(concat(common, "--master", "local[2]"));
    assertEquals(0, local.code(), local.err());
    assertEquals(0, spark.code(), spark.err());
    JsonNode a = local.json();
    JsonNode b = spark.json();
    // identical apart from the thread count the local run reports
    ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("threads");
    ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("threads");
    assertEquals(a, b);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
