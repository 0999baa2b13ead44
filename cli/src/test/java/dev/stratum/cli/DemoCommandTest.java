package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole flow on a small cohort: every step runs and recovers what was planted. */
class DemoCommandTest {

  @Test
  void runsEveryStepAndRecoversThePlantedTruth(@TempDir Path dir) throws Exception {
    CliHarness r =
        CliHarness.run(
            "demo",
            "--patients",
            "300",
            "--reps",
            "400",
            "--seed",
            "3",
            "--out",
            dir.toString(),
            "--format",
            "json",
            "--no-spark");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode d = Output.json().readTree(r.out());
    assertEquals(0, d.path("validate").path("quarantined").asLong(), "generated data is valid");
    assertEquals(
        d.path("validate").path("read").asLong(), d.path("validate").path("accepted").asLong());
    // The planted strata are recovered (issue floor: ARI >= 0.9 at the defaults).
    assertEquals(4, d.path("stratify").path("k").asInt());
    assertTrue(d.path("stratify").path("ari_vs_truth").asDouble() >= 0.9, r.out());
    // Simulated power agrees with the analytic power within 4 Monte-Carlo SEs (theory:
    // SE = sqrt(p(1-p)/reps)).
    JsonNode sim = d.path("simulate");
    double p = sim.path("analytic_power").asDouble();
    assertEquals(p, sim.path("power").asDouble(), 4 * Math.sqrt(p * (1 - p) / 400));
    // k = 4 strata: the enrichment design is tested by the closed combination test
    assertEquals("closed-inverse-normal", d.path("enrichment").path("enrichment_test").asText());
    assertTrue(d.path("enrichment").has("familywise_error"), r.out());
    assertTrue(d.path("nlp").path("facts").path("recall").asDouble() > 0.9);
    assertTrue(Files.isRegularFile(dir.resolve("strata/report.html")));
    assertTrue(Files.isRegularFile(dir.resolve("survival.csv")));
  }

  @Test
  void tooFewPatientsIsBadInput(@TempDir Path dir) {
    CliHarness r = CliHarness.run("demo", "--patients", "5", "--out", dir.toString());
    assertEquals(Stratum.BAD_INPUT, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("--patients"), r.err());
  }
}
