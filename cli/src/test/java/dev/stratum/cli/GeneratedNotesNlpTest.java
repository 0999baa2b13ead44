package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clinical NLP against the synthetic generator's own truth, end to end through the real
 * subcommands: {@code stratum generate} writes notes and {@code truth/facts.csv} (every clinical
 * mention its templates write, with span and assertion), {@code stratum nlp evaluate} extracts
 * facts from the notes and scores them. The floor of 0.95 for precision and for recall of facts
 * (concept + negated/uncertain/historical/experiencer) is issue 3's acceptance criterion.
 */
class GeneratedNotesNlpTest {
  /** Issue 3: "precision and recall of note facts >= 0.95 against the generator's truth". */
  static final double ISSUE_3_FLOOR = 0.95;

  @Test
  void extractionMeetsIssue3FloorOnAGeneratedCohort(@TempDir Path tmp) throws Exception {
    // Seed 11, not the seed 7 the truth was inspected with, so the floor is not tuned to one draw.
    CliHarness gen =
        CliHarness.run(
            "generate",
            "--patients",
            "200",
            "--seed",
            "11",
            "--out",
            tmp.toString(),
            "--format",
            "json");
    assertEquals(0, gen.exitCode(), gen.err());

    CliHarness eval =
        CliHarness.run(
            "nlp",
            "evaluate",
            "--notes",
            tmp.resolve("omop/note.csv").toString(),
            "--truth",
            tmp.resolve("truth/facts.csv").toString(),
            "--format",
            "json");
    assertEquals(0, eval.exitCode(), eval.err());
    JsonNode facts = new ObjectMapper().readTree(eval.out()).get("facts");
    // Each of the 200 patients has a consultation note with at least its cancer, fatigue, chest
    // pain, fever and smoking status; a near-empty truth would make the scores meaningless.
    assertTrue(facts.get("gold").asInt() >= 200 * 5, "gold facts: " + facts);
    double precision = facts.get("precision").asDouble();
    double recall = facts.get("recall").asDouble();
    assertTrue(precision >= ISSUE_3_FLOOR, "precision " + precision + ": " + facts);
    assertTrue(recall >= ISSUE_3_FLOOR, "recall " + recall + ": " + facts);
  }

  @Test
  void missingTruthFileIsAUserError(@TempDir Path tmp) {
    CliHarness eval =
        CliHarness.run(
            "nlp",
            "evaluate",
            "--notes",
            tmp.resolve("note.csv").toString(),
            "--truth",
            tmp.resolve("facts.csv").toString(),
            "--format",
            "json");
    assertEquals(2, eval.exitCode(), eval.out() + eval.err());
    assertEquals("", eval.out());
  }
}
