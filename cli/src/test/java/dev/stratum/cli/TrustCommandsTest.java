package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.jobs.ReidentificationMap;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles, consent, audit and re-identification through the real subcommands on a generated cohort
 * (120 patients, seed 7): {@code survival}, {@code nlp extract}, {@code stratify}, {@code reid} and
 * {@code audit verify}.
 */
class TrustCommandsTest {
  static final String KEY_HEX = "5a".repeat(32);
  static final Pseudonymizer KEY = Pseudonymizer.ofHex(KEY_HEX);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path cohort;
  static Set<String> consented = new HashSet<>();
  static Set<String> everyone = new HashSet<>();

  /** note_id -> planted identifiers (kind, text). */
  static Map<String, List<String[]>> identifiers = new HashMap<>();

  @TempDir Path dir;
  Path audit;
  Path revocations;

  @BeforeAll
  static void generate() throws Exception {
    CliHarness g =
        CliHarness.run(
            "generate",
            "--patients",
            "120",
            "--seed",
            "7",
            "--out",
            cohort.toString(),
            "--format",
            "json");
    assertEquals(0, g.exitCode(), g.err());
    for (CSVRecord r : csv(cohort.resolve("truth/consent.csv"))) {
      everyone.add(r.get("person_id"));
      if (Boolean.parseBoolean(r.get("research_consent"))) {
        consented.add(r.get("person_id"));
      }
    }
    assertTrue(consented.size() > 20 && consented.size() < everyone.size(), "some decline");
    for (CSVRecord r : csv(cohort.resolve("truth/identifiers.csv"))) {
      identifiers
          .computeIfAbsent(r.get("note_id"), k -> new ArrayList<>())
          .add(new String[] {r.get("kind"), r.get("text")});
    }
  }

  static List<CSVRecord> csv(Path f) throws Exception {
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(r)
          .getRecords();
    }
  }

  @BeforeEach
  void environment() throws Exception {
    audit = dir.resolve("audit.jsonl");
    revocations = dir.resolve("revoked.csv");
    Files.writeString(revocations, "person_id\n", StandardCharsets.UTF_8);
    Path config = dir.resolve("config.properties");
    Files.writeString(
        config,
        "role.default = counts-only\nconsent.revocations = revoked.csv\n",
        StandardCharsets.UTF_8);
    TrustContext.environment =
        Map.of(
            "STRATUM_CONFIG",
            config.toString(),
            "STRATUM_AUDIT_LOG",
            audit.toString(),
            "STRATUM_PSEUDONYM_KEY",
            KEY_HEX);
  }

  @AfterEach
  void reset() {
    TrustContext.environment = null;
  }

  private static JsonNode json(CliHarness r) throws Exception {
    assertEquals(0, r.exitCode(), r.err());
    return JSON.readTree(r.out());
  }

  @Test
  void survivalShowsEachRoleItsView() throws Exception {
    JsonNode rec =
        json(
            CliHarness.run(
                "survival", "--raw", cohort.toString(), "--format", "json", "--role", "recruiter"));
    Set<String> ids = new HashSet<>();
    rec.path("rows").forEach(r -> ids.add(r.path("person_id").asText()));
    assertFalse(ids.isEmpty());
    assertTrue(consented.containsAll(ids), "only patients with research consent");
    assertTrue(rec.path("without_consent").asInt() > 0);

    JsonNode bio =
        json(
            CliHarness.run(
                "survival",
                "--raw",
                cohort.toString(),
                "--format",
                "json",
                "--role",
                "biostatistician"));
    Set<String> pseud = new HashSet<>();
    bio.path("rows").forEach(r -> pseud.add(r.path("person_id").asText()));
    Set<String> expected = new HashSet<>();
    ids.forEach(i -> expected.add(KEY.pseudonym(i)));
    assertEquals(expected, pseud, "the same patients under their keyed pseudonyms");

    // counts-only is the configured default: no rows, small counts suppressed
    JsonNode cnt = json(CliHarness.run("survival", "--raw", cohort.toString(), "--format", "json"));
    assertEquals("counts-only", cnt.path("role").asText());
    assertTrue(cnt.path("rows").isMissingNode());
    assertEquals(ids.size(), cnt.path("analysable").asInt());
    assertCountsOnly(cnt);

    // bad role, and a biostatistician without a key: exit 2 with a reason
    CliHarness bad = CliHarness.run("survival", "--raw", cohort.toString(), "--role", "admin");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--role"), bad.err());
    TrustContext.environment =
        Map.of(
            "STRATUM_AUDIT_LOG",
            audit.toString(),
            "STRATUM_CONFIG",
            dir.resolve("config.properties").toString());
    CliHarness noKey =
        CliHarness.run("survival", "--raw", cohort.toString(), "--role", "biostatistician");
    assertEquals(2, noKey.exitCode());
    assertTrue(noKey.err().contains("STRATUM_PSEUDONYM_KEY"), noKey.err());
  }

  static void assertCountsOnly(JsonNode n) {
    n.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              if (v.isNumber()) {
                assertTrue(v.asLong() >= 11, e.getKey() + " = " + v + " shown");
              } else if (!e.getKey().equals("role")) {
                assertTrue(
                    v.asText().equals("<11") || v.asText().equals("suppressed"),
                    e.getKey() + " = " + v);
              }
            });
  }

  @Test
  void auditVerifyDetectsTampering() throws Exception {
    json(
        CliHarness.run(
            "survival", "--raw", cohort.toString(), "--format", "json", "--role", "recruiter"));
    json(CliHarness.run("survival", "--raw", cohort.toString(), "--format", "json"));
    JsonNode v =
        json(CliHarness.run("audit", "verify", "--log", audit.toString(), "--format", "json"));
    assertTrue(v.path("intact").asBoolean());
    assertEquals(2, v.path("entries").asInt());
    // without --log: STRATUM_AUDIT_LOG
    assertEquals(0, CliHarness.run("audit", "verify").exitCode());
    List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
    assertTrue(lines.get(0).contains("\"action\":\"export\""), lines.get(0));
    assertEquals(
        System.getProperty("user.name"), JSON.readTree(lines.get(0)).path("user").asText());
    assertTrue(lines.get(1).contains("\"role\":\"counts-only\""), lines.get(1));
    // patients are logged as pseudonyms, never as source ids
    JsonNode first = JSON.readTree(lines.get(0));
    assertTrue(first.path("patients").size() > 0);
    first.path("patients").forEach(p -> assertTrue(p.asText().matches("[0-9a-f]{32}")));

    lines.set(0, lines.get(0).replace("\"role\":\"recruiter\"", "\"role\":\"counts-only\""));
    Files.write(audit, lines, StandardCharsets.UTF_8);
    CliHarness broken =
        CliHarness.run("audit", "verify", "--log", audit.toString(), "--format", "json");
    assertEquals(1, broken.exitCode(), broken.err());
    assertEquals(1, JSON.readTree(broken.out()).path("broken_line").asInt());
    assertEquals(2, CliHarness.run("audit", "verify", "--format", "xml").exitCode());
  }

  @Test
  void auditVerifyDetectsACutOffEndThroughTheAnchor() throws Exception {
    for (int i = 0; i < 3; i++) {
      json(CliHarness.run("survival", "--raw", cohort.toString(), "--format", "json"));
    }
    Path anchor = dir.resolve("audit.jsonl.head");
    assertTrue(Files.isRegularFile(anchor), "every append writes the anchor beside the log");
    Path offsite = dir.resolve("offsite.head");
    Files.copy(anchor, offsite);
    List<String> lines = Files.readAllLines(audit, StandardCharsets.UTF_8);
    // the last entry removed: a valid chain of 2, but the anchor records 3
    Files.write(audit, lines.subList(0, 2), StandardCharsets.UTF_8);
    CliHarness cut =
        CliHarness.run("audit", "verify", "--log", audit.toString(), "--format", "json");
    assertEquals(1, cut.exitCode(), cut.err());
    JsonNode j = JSON.readTree(cut.out());
    assertFalse(j.path("intact").asBoolean());
    assertEquals(3, j.path("broken_line").asInt());
    assertTrue(j.path("reason").asText().contains("log truncated"), j.toString());
    assertTrue(cut.err().contains("broken at line 3"), cut.err());
    // ... and the anchor deleted too: only a warning locally, caught by the off-machine copy
    Files.delete(anchor);
    CliHarness warned = CliHarness.run("audit", "verify", "--log", audit.toString());
    assertEquals(0, warned.exitCode(), warned.err());
    assertTrue(warned.out().contains("intact (with warnings)"), warned.out());
    assertTrue(
        warned.err().contains("warning") && warned.err().contains("no anchor"), warned.err());
    CliHarness offsiteCheck =
        CliHarness.run(
            "audit", "verify", "--log", audit.toString(), "--anchor", offsite.toString());
    assertEquals(1, offsiteCheck.exitCode(), offsiteCheck.out());
    assertTrue(offsiteCheck.out().contains("log truncated"), offsiteCheck.out());
    CliHarness noCopy =
        CliHarness.run(
            "audit", "verify", "--log", audit.toString(), "--anchor", dir.resolve("x").toString());
    assertEquals(2, noCopy.exitCode());
    assertTrue(noCopy.err().contains("--anchor"), noCopy.err());
  }

  @Test
  void reidIsForRecruitersAndAudited() throws Exception {
    Path store = dir.resolve("store");
    String p = KEY.pseudonym("17");
    ReidentificationMap.write(store, "snap1", Map.of(p, "17", KEY.pseudonym("18"), "18"));
    JsonNode r =
        json(
            CliHarness.run(
                "reid",
                "--store",
                store.toString(),
                "--snapshot",
                "snap1",
                "--pseudonym",
                p,
                "--role",
                "recruiter",
                "--format",
                "json"));
    assertEquals("17", r.path("source_person_id").asText());
    CliHarness bio =
        CliHarness.run(
            "reid",
            "--store",
            store.toString(),
            "--snapshot",
            "snap1",
            "--pseudonym",
            p,
            "--role",
            "biostatistician");
    assertEquals(2, bio.exitCode());
    assertTrue(bio.err().contains("recruiter"), bio.err());
    assertEquals(
        2,
        CliHarness.run(
                "reid",
                "--store",
                store.toString(),
                "--snapshot",
                "snap1",
                "--pseudonym",
                KEY.pseudonym("99"),
                "--role",
                "recruiter")
            .exitCode());
    String log = Files.readString(audit, StandardCharsets.UTF_8);
    assertEquals(2, log.lines().count(), "found and not found are both audited");
    assertTrue(log.contains("\"action\":\"reidentify\"") && log.contains(p), log);
  }

  @Test
  void stratifyUsesConsentedPatientsUnderPseudonymsWithRepresentativeness() throws Exception {
    Path out = dir.resolve("strata");
    JsonNode j =
        json(
            CliHarness.run(
                "stratify",
                "--omics",
                "expression=" + cohort.resolve("omics/expression.tsv"),
                "--k",
                "2",
                "--bootstraps",
                "2",
                "--seed",
                "3",
                "--consent-from",
                cohort.toString(),
                "--role",
                "biostatistician",
                "--out",
                out.toString(),
                "--format",
                "json"));
    assertTrue(j.path("left_out_for_consent").asInt() > 0);
    Set<String> allowed = new HashSet<>();
    consented.forEach(c -> allowed.add(KEY.pseudonym(c)));
    List<String> rows = Files.readAllLines(out.resolve("assignments.csv"));
    assertTrue(rows.size() > 10);
    for (String row : rows.subList(1, rows.size())) {
      String id = row.substring(0, row.indexOf(','));
      assertTrue(allowed.contains(id), "not a consented patient's pseudonym: " + id);
    }
    JsonNode rep = j.path("representativeness");
    assertEquals(2, rep.size());
    assertTrue(rep.get(0).path("groups").size() >= 4, rep.toString());
    assertEquals("sex", rep.get(0).path("groups").get(0).path("dimension").asText());
    assertTrue(Files.readString(audit).contains("\"command\":\"stratify\""));
  }

  @Test
  void countsOnlyMayNotStratify() {
    CliHarness r =
        CliHarness.run(
            "stratify",
            "--omics",
            "expression=" + cohort.resolve("omics/expression.tsv"),
            "--out",
            dir.resolve("s").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("counts-only"), r.err());
    assertEquals("", r.out());
  }

  /**
   * Randomized: many role, revocation, protocol and command combinations (seed printed on failure);
   * in every output no patient without research consent (or revoked) appears, under any id, and for
   * the biostatistician and counts-only roles no planted identifier appears.
   */
  @Test
  void noNonConsentedPatientAndNoIdentifierInAnyOutput() throws Exception {
    long seed = 20261128L;
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> people = new ArrayList<>(everyone);
    java.util.Collections.sort(people);
    String[] roles = {"recruiter", "biostatistician", "counts-only"};
    for (int i = 0; i < 10; i++) {
      String where = "seed " + seed + " iteration " + i;
      Set<String> revoked = new HashSet<>();
      StringBuilder sb = new StringBuilder("person_id\n");
      for (String p : people) {
        if (rng.nextDouble() < 0.15) {
          revoked.add(p);
          sb.append(p).append('\n');
        }
      }
      Files.writeString(revocations, sb.toString(), StandardCharsets.UTF_8);
      String role = roles[rng.nextInt(roles.length)];
      boolean notes = rng.nextBoolean();
      List<String> args = new ArrayList<>();
      if (notes) {
        args.addAll(List.of("nlp", "extract", "--in", cohort.resolve("omop/note.csv").toString()));
      } else {
        args.addAll(List.of("survival", "--raw", cohort.toString()));
      }
      args.addAll(List.of("--format", "json", "--role", role));
      CliHarness r = CliHarness.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode(), where + ": " + r.err());
      JsonNode out = JSON.readTree(r.out());
      Set<String> forbidden = new HashSet<>();
      for (String p : people) {
        if (!consented.contains(p) || revoked.contains(p)) {
          forbidden.add(p);
          forbidden.add(KEY.pseudonym(p));
        }
      }
      List<JsonNode> rows = new ArrayList<>();
      if (out.isArray()) {
        out.forEach(rows::add);
      } else {
        out.path("rows").forEach(rows::add);
      }
      if (role.equals("counts-only")) {
        assertTrue(rows.isEmpty(), where + ": counts-only listed patients");
        assertCountsOnly(out);
        continue;
      }
      for (JsonNode row : rows) {
        String id = row.path("person_id").asText();
        assertFalse(forbidden.contains(id), where + ": " + role + " sees " + id);
        if (role.equals("biostatistician")) {
          assertTrue(id.matches("[0-9a-f]{32}"), where + ": not a pseudonym " + id);
        }
      }
      if (!role.equals("recruiter")) {
        String text = r.out();
        for (Map.Entry<String, List<String[]>> e : identifiers.entrySet()) {
          for (String[] id : e.getValue()) {
            if (!id[0].equals("date") && id[1].length() >= 4) {
              assertFalse(text.contains(id[1]), where + ": identifier " + id[0] + " " + id[1]);
            }
          }
        }
      }
    }
    assertTrue(
        Files.readAllLines(audit).size() == 10, "every run audited: " + Files.readAllLines(audit));
  }
}
