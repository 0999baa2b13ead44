package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.matching.PatientIndex;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratum index} and {@code stratum match} end to end on one generated cohort (one Spark
 * build per class), and the matcher's quality against the cohort's truth.
 *
 * <p>Run on another cohort with {@code -Dstratum.quality.raw=DIR -Dstratum.quality.store=DIR
 * -Dstratum.quality.key=FILE} (the figures in docs/matching.md come from such runs).
 */
class MatchCommandTest {
  static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
  static final String KEY_HEX = "0123456789abcdef".repeat(4);

  @TempDir static Path tmp;
  static Path raw;
  static Path store;
  static Path index;
  static Pseudonymizer key;

  @BeforeAll
  static void cohort() throws Exception {
    String extRaw = System.getProperty("stratum.quality.raw");
    if (extRaw != null) {
      raw = Path.of(extRaw);
      store = Path.of(System.getProperty("stratum.quality.store"));
      key = Pseudonymizer.fromKeyFile(Path.of(System.getProperty("stratum.quality.key")));
    } else {
      // the generated cohort and store shared with IdentifierScanTest (one Spark build)
      GeneratedStore.Built g = GeneratedStore.get();
      raw = g.raw();
      store = g.store();
      key = g.key();
    }
    index = tmp.resolve("index");
    CliHarness i =
        CliHarness.run(
            "index", "--store", store.toString(), "--index", index.toString(), "--format", "json");
    assertEquals(0, i.exitCode(), i.err());
    JsonNode j = Output.json().readTree(i.out());
    assertTrue(j.get("patients").asInt() > 0);
    assertTrue(j.get("without_consent").asInt() > 0, "the generator declines ~8% of consents");
  }

  @Test
  void indexingTheSameSnapshotAgainIsSkipped() throws Exception {
    CliHarness again =
        CliHarness.run(
            "index", "--store", store.toString(), "--index", index.toString(), "--format", "json");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(Output.json().readTree(again.out()).get("skipped").asBoolean());
  }

  @Test
  void matchWritesCountsFunnelAndPatientsWithEvidence() throws Exception {
    Path trial = raw.resolve("trials/NCT90000106.json");
    CliHarness m =
        CliHarness.run(
            "match",
            "--index",
            index.toString(),
            "--trial",
            trial.toString(),
            "--as-of",
            AS_OF.toString(),
            "--limit",
            "5",
            "--format",
            "json");
    assertEquals(0, m.exitCode(), m.err());
    JsonNode j = Output.json().readTree(m.out());
    assertEquals("NCT90000106", j.get("trial").asText());
    long total =
        j.get("counts").get("eligible").asLong()
            + j.get("counts").get("needs_review").asLong()
            + j.get("counts").get("ineligible").asLong();
    try (PatientIndex idx = PatientIndex.open(index)) {
      assertEquals(idx.size(), total, "every indexed patient is counted once");
    }
    JsonNode funnel = j.get("funnel");
    for (int k = 1; k < funnel.size(); k++) {
      assertTrue(
          funnel.get(k).get("remaining").asLong() <= funnel.get(k - 1).get("remaining").asLong());
    }
    JsonNode p = j.get("patients").get(0);
    assertTrue(
        List.of("eligible", "needs_review", "ineligible").contains(p.get("status").asText()));
    for (JsonNode c : p.get("criteria")) {
      assertTrue(
          c.has("id") && c.has("text") && c.has("result") && c.has("evidence"), c.toString());
    }

    CliHarness table =
        CliHarness.run(
            "match",
            "--index",
            index.toString(),
            "--trial",
            trial.toString(),
            "--as-of",
            AS_OF.toString(),
            "--format",
            "table");
    assertEquals(0, table.exitCode(), table.err());
    assertTrue(table.out().contains("remaining"), table.out());

    String someone = p.get("person_id").asText();
    CliHarness byPatient =
        CliHarness.run(
            "match",
            "--index",
            index.toString(),
            "--patient",
            someone,
            "--trials",
            raw.resolve("trials").toString(),
            "--as-of",
            AS_OF.toString(),
            "--format",
            "json");
    assertEquals(0, byPatient.exitCode(), byPatient.err());
    assertEquals(12, Output.json().readTree(byPatient.out()).get("trials").size());
  }

  @Test
  void matchBenchReportsLatencyAndCpuPerTrial() throws Exception {
    CliHarness b =
        CliHarness.run(
            "match-bench",
            "--index",
            index.toString(),
            "--trials",
            raw.resolve("trials").toString(),
            "--reps",
            "2",
            "--warmup",
            "1",
            "--as-of",
            AS_OF.toString(),
            "--format",
            "json");
    assertEquals(0, b.exitCode(), b.err());
    JsonNode trials = Output.json().readTree(b.out()).get("trials");
    assertEquals(12, trials.size());
    for (JsonNode t : trials) {
      assertTrue(t.get("cpu_p50_ms").asDouble() >= 0, t.toString());
      assertTrue(t.get("p99_ms").asDouble() >= t.get("p50_ms").asDouble(), t.toString());
    }
    CliHarness bad =
        CliHarness.run(
            "match-bench",
            "--index",
            index.toString(),
            "--trials",
            raw.resolve("trials").toString(),
            "--reps",
            "0");
    assertEquals(2, bad.exitCode());
  }

  @Test
  void badInputIsExitCodeTwo() {
    CliHarness none = CliHarness.run("match", "--index", index.toString());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("exactly one"), none.err());
    CliHarness noIndex =
        CliHarness.run("match", "--index", tmp.resolve("nope").toString(), "--criteria", "x.json");
    assertEquals(2, noIndex.exitCode());
    CliHarness early =
        CliHarness.run(
            "match",
            "--index",
            index.toString(),
            "--trial",
            raw.resolve("trials/NCT90000101.json").toString(),
            "--as-of",
            "2000-01-01");
    assertEquals(2, early.exitCode());
    assertTrue(early.err().contains("--as-of"), early.err());
    CliHarness badQuery =
        CliHarness.run(
            "match",
            "--index",
            index.toString(),
            "--trial",
            raw.resolve("trials/NCT90000101.json").toString(),
            "--as-of",
            AS_OF.toString(),
            "--query",
            "lung AND (");
    assertEquals(2, badQuery.exitCode());
  }

  @Test
  void eligibleSetsAgainstTruth() throws Exception {
    List<Path> gold = MatchQuality.goldCriteria(tmp.resolve("gold"));
    List<MatchQuality.Figure> storeOnly = MatchQuality.evaluate(raw, index, key, gold, AS_OF);
    Path complete = tmp.resolve("index-complete");
    var records = MatchQuality.records(raw, store, key, true);
    PatientIndex.build(complete, "complete", AS_OF, records);
    List<MatchQuality.Figure> full = MatchQuality.evaluate(raw, complete, key, gold, AS_OF);
    StringBuilder report = new StringBuilder("trial        truth  store P/R      complete P/R\n");
    for (int k = 0; k < full.size(); k++) {
      var s = storeOnly.get(k);
      var c = full.get(k);
      report.append(
          String.format(
              Locale.ROOT,
              "%s %5d  %.3f %.3f    %.3f %.3f%n",
              c.trial(),
              c.truth(),
              s.precision(),
              s.recall(),
              c.precision(),
              c.recall()));
    }
    int truth = full.stream().mapToInt(MatchQuality.Figure::truth).sum();
    int predicted = full.stream().mapToInt(MatchQuality.Figure::predicted).sum();
    int tp = full.stream().mapToInt(MatchQuality.Figure::truePositives).sum();
    report.append(
        String.format(
            Locale.ROOT,
            "pooled complete: precision %.3f recall %.3f%n",
            (double) tp / predicted,
            (double) tp / truth));
    System.err.println(report);
    // Pooled thresholds from the 2,000-patient demo cohort (docs/matching.md: pooled precision
    // 0.957, recall 0.993 with complete data). The per-trial 0.95 is not reached for every
    // trial: the remaining false positives are listed as a known gap in docs/matching.md.
    assertTrue((double) tp / truth >= 0.95, report.toString());
    assertTrue((double) tp / predicted >= 0.90, report.toString());
  }
}
