package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.core.model.Sex;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.jobs.ReidentificationMap;
import dev.stratum.matching.MatchCriterion;
import dev.stratum.matching.MatchJson;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.MatchResult;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import dev.stratum.matching.PatientRecord;
import dev.stratum.trust.SmallCellSuppression;
import dev.stratum.trust.SmallCellSuppression.Cell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust layer on {@code stratum match} and {@code stratum index} (issue 9 where it meets issue
 * 5): each role's output, revocations at query time, the audit chain, re-identification and
 * representativeness. Small indexes are built from in-memory {@link PatientRecord}s.
 */
class MatchTrustTest {
  static final String KEY_HEX = "3c".repeat(32);
  static final Pseudonymizer KEY = Pseudonymizer.ofHex(KEY_HEX);
  static final LocalDate D = LocalDate.of(2025, 6, 30);
  static final String SNAP = "snap-t1";

  /** Criteria menu: lung cancer (inclusion, condition), hemoglobin >= 100 g/L, no breast cancer. */
  static final String[] MENU = {
    "{\"id\":\"C1\",\"kind\":\"inclusion\",\"type\":\"condition\",\"text\":\"NSCLC\","
        + "\"code\":\"ICD10CM:C34.90\"}",
    "{\"id\":\"L1\",\"kind\":\"inclusion\",\"type\":\"lab\",\"text\":\"Hb >= 100 g/L\","
        + "\"code\":\"LOINC:718-7\",\"operator\":\">=\",\"value\":100,\"unit\":\"g/L\"}",
    "{\"id\":\"X1\",\"kind\":\"exclusion\",\"type\":\"condition\",\"text\":\"breast cancer\","
        + "\"code\":\"ICD10CM:C50.919\"}",
    "{\"id\":\"X2\",\"kind\":\"exclusion\",\"type\":\"condition\",\"text\":\"myocardial"
        + " infarction\",\"code\":\"ICD10CM:I21.9\"}"
  };

  @TempDir Path dir;
  Path audit;
  Path config;
  Path store;
  Path index;
  Path criteria;

  /** Source ids of the cohort by role in the test. */
  List<String> consented = new ArrayList<>();

  List<String> declined = new ArrayList<>();
  String revoked = "src-007";

  @BeforeEach
  void environment() throws IOException {
    audit = dir.resolve("audit.jsonl");
    Files.writeString(dir.resolve("revoked.csv"), "person_id\n" + revoked + "\n");
    config = dir.resolve("config.properties");
    Files.writeString(config, "consent.revocations = revoked.csv\n", StandardCharsets.UTF_8);
    env(true);
    // 40 lung-cancer patients (30 with Hb 120, 10 without a value), 3 declined consent
    List<PatientRecord> records = new ArrayList<>();
    Map<String, String> reid = new HashMap<>();
    for (int i = 0; i < 43; i++) {
      String src = String.format(Locale.ROOT, "src-%03d", i);
      boolean yes = i < 40;
      (yes ? consented : declined).add(src);
      PatientRecord.Builder b =
          PatientRecord.builder(KEY.pseudonym(src))
              .person(
                  i % 3 == 0 ? Sex.MALE : Sex.FEMALE,
                  LocalDate.of(1950 + i % 30, 1, 1),
                  i % 4 == 0 ? "Black or African American" : "White",
                  i % 5 == 0 ? "Hispanic or Latino" : "Not Hispanic or Latino")
              .consent(yes, LocalDate.of(2020, 1, 1))
              .condition("C34.11", LocalDate.of(2024, 1, 5), null, "c");
      if (i % 4 != 3) {
        b.measurement("718-7", D.minusDays(3), 120, "g/L", 160, "m");
      }
      records.add(b.build());
      reid.put(KEY.pseudonym(src), src);
    }
    for (int i = 43; i < 60; i++) { // no lung cancer: outside the reference population
      String src = String.format(Locale.ROOT, "src-%03d", i);
      consented.add(src);
      records.add(
          PatientRecord.builder(KEY.pseudonym(src))
              .person(Sex.FEMALE, LocalDate.of(1970, 1, 1), "Asian", "Not Hispanic or Latino")
              .consent(true, LocalDate.of(2020, 1, 1))
              .build());
      reid.put(KEY.pseudonym(src), src);
    }
    index = dir.resolve("index");
    PatientIndex.build(index, SNAP, D, records);
    store = dir.resolve("store");
    Files.createDirectories(store);
    ReidentificationMap.write(store, SNAP, reid);
    criteria = dir.resolve("t1.json");
    Files.writeString(criteria, criteriaJson("T1", List.of(MENU[0], MENU[1], MENU[2])));
  }

  void env(boolean withKey) {
    Map<String, String> e = new HashMap<>();
    e.put("STRATUM_CONFIG", config.toString());
    e.put("STRATUM_AUDIT_LOG", audit.toString());
    if (withKey) {
      e.put("STRATUM_PSEUDONYM_KEY", KEY_HEX);
    }
    TrustContext.environment = Map.copyOf(e);
  }

  @AfterEach
  void reset() {
    TrustContext.environment = null;
  }

  static String criteriaJson(String id, List<String> crits) {
    return "{\"trial\":\"" + id + "\",\"criteria\":[" + String.join(",", crits) + "]}";
  }

  CliHarness match(String role, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "match",
                "--index",
                index.toString(),
                "--criteria",
                criteria.toString(),
                "--format",
                "json",
                "--as-of",
                D.toString()));
    if (role != null) {
      a.add("--role");
      a.add(role);
    }
    a.addAll(List.of(more));
    return CliHarness.run(a.toArray(String[]::new));
  }

  static JsonNode json(CliHarness r) throws IOException {
    assertEquals(0, r.exitCode(), r.err());
    return Output.json().readTree(r.out());
  }

  List<JsonNode> auditLines() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(audit)) {
      out.add(Output.json().readTree(l));
    }
    return out;
  }

  @Test
  void biostatisticianSeesThePseudonymsAsStoredAndTheDefaultRoleIsBiostatistician()
      throws IOException {
    for (String role : new String[] {"biostatistician", null}) {
      JsonNode j = json(match(role));
      assertEquals("biostatistician", j.path("role").asText());
      // 39 consented lung-cancer patients (i in 0..39, src-007 revoked): the 30 with Hb 120
      // (i % 4 != 3) eligible, the other 9 (i % 4 == 3 minus i = 7) need review (no value);
      // the 17 without C34 are ineligible
      assertEquals(30, j.path("counts").path("eligible").asInt());
      assertEquals(9, j.path("counts").path("needs_review").asInt());
      assertEquals(17, j.path("counts").path("ineligible").asInt());
      Set<String> ids = new HashSet<>();
      j.path("patients").forEach(p -> ids.add(p.path("person_id").asText()));
      // every admitted patient is listed (limit 100), ineligible ones last, as pseudonyms
      Set<String> expected = new HashSet<>();
      consented.stream()
          .filter(s -> !s.equals(revoked))
          .forEach(s -> expected.add(KEY.pseudonym(s)));
      assertEquals(expected, ids);
    }
  }

  @Test
  void recruiterGetsSourceIdsThroughTheReidentificationMapAndItIsAudited() throws IOException {
    JsonNode j = json(match("recruiter", "--store", store.toString(), "--limit", "5"));
    assertEquals("recruiter", j.path("role").asText());
    assertEquals(5, j.path("patients").size());
    List<String> pseudonyms = new ArrayList<>();
    for (JsonNode p : j.path("patients")) {
      String id = p.path("person_id").asText();
      assertTrue(consented.contains(id) && !id.equals(revoked), id);
      pseudonyms.add(KEY.pseudonym(id));
    }
    List<JsonNode> log = auditLines();
    assertEquals(2, log.size());
    assertEquals("match", log.get(0).path("action").asText());
    assertEquals("reidentify", log.get(1).path("action").asText());
    for (JsonNode e : log) {
      List<String> ps = new ArrayList<>();
      e.path("patients").forEach(p -> ps.add(p.asText()));
      assertEquals(pseudonyms, ps, "the log holds pseudonyms, never source ids");
      assertEquals("recruiter", e.path("role").asText());
    }
    assertEquals(0, CliHarness.run("audit", "verify", "--log", audit.toString()).exitCode());
  }

  @Test
  void recruiterFindsTheStoreRecordedByIndexAndFailsClearlyWithoutAMap() throws IOException {
    IndexCommand.recordStore(index, store);
    JsonNode j = json(match("recruiter"));
    assertTrue(consented.contains(j.path("patients").get(0).path("person_id").asText()));
    Files.delete(ReidentificationMap.file(store, SNAP));
    CliHarness r = match("recruiter");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("no re-identification map for snapshot " + SNAP), r.err());
    assertTrue(r.out().isEmpty(), "nothing written when the map is unavailable");
    Files.delete(index.resolve(IndexCommand.STORE_FILE));
    CliHarness none = match("recruiter");
    assertEquals(2, none.exitCode(), none.err());
    assertTrue(none.err().contains("--store"), none.err());
  }

  @Test
  void countsOnlyHasNoPatientsAndSuppressesSmallCounts() throws IOException {
    Files.writeString(criteria, criteriaJson("T1", List.of(MENU[0], MENU[1], MENU[3])));
    JsonNode j = json(match("counts-only"));
    assertFalse(j.has("patients"), j.toString());
    assertEquals("counts-only", j.path("role").asText());
    assertEquals(30, j.path("counts").path("eligible").asInt());
    // needs review is 9: primary suppression; the funnel's last step (39 = 30 + 9) would give it
    // back, so no shown funnel value may differ from a shown count by less than 11
    assertEquals("<11", j.path("counts").path("needs_review").asText());
    for (JsonNode f : j.path("funnel")) {
      JsonNode v = f.path("remaining");
      assertTrue(!v.isNumber() || v.asLong() >= 11, f.toString());
    }
    assertTrue(auditLines().get(0).path("patients").isEmpty());
    assertEquals("<11", auditLines().get(0).path("counts").path("needs_review").asText());
    // one patient's trials are patient-level: refused
    Path trials = dir.resolve("trials");
    Files.createDirectories(trials);
    CliHarness p =
        CliHarness.run(
            "match",
            "--index",
            index.toString(),
            "--patient",
            "src-001",
            "--trials",
            trials.toString(),
            "--role",
            "counts-only");
    assertEquals(2, p.exitCode(), p.err());
    assertTrue(p.err().contains("counts-only"), p.err());
  }

  @Test
  void revokedAndNonConsentedPatientsAppearInNoResultForAnyRole() throws IOException {
    Set<String> forbidden = new HashSet<>(declined);
    forbidden.add(revoked);
    Set<String> forbiddenPseudonyms = new HashSet<>();
    forbidden.forEach(s -> forbiddenPseudonyms.add(KEY.pseudonym(s)));
    for (String role : new String[] {"recruiter", "biostatistician", "counts-only"}) {
      CliHarness r =
          match(role, "--store", store.toString(), "--limit", "1000", "--representativeness");
      JsonNode j = json(r);
      long total = 0;
      for (String k : new String[] {"eligible", "needs_review", "ineligible"}) {
        total += j.path("counts").path(k).asLong(0);
      }
      if (!role.equals("counts-only")) {
        assertEquals(56, total, role + ": 60 patients - 3 declined - 1 revoked");
      }
      for (String s : forbidden) {
        assertFalse(r.out().contains("\"" + s + "\""), role + " shows " + s);
      }
      for (String s : forbiddenPseudonyms) {
        assertFalse(r.out().contains(s), role + " shows " + s);
      }
    }
    // revocations need the key to be applied to a pseudonymized index: refuse without it
    env(false);
    CliHarness noKey = match("biostatistician");
    assertEquals(2, noKey.exitCode(), noKey.err());
    assertTrue(noKey.err().contains("STRATUM_PSEUDONYM_KEY"), noKey.err());
  }

  @Test
  void recruiterNamesOnePatientBySourceIdAndRevokedPatientsGetNoTrials() throws IOException {
    Path trials = dir.resolve("trials");
    Files.createDirectories(trials);
    Files.writeString(
        trials.resolve("t.txt"),
        "Inclusion Criteria:\n- Non-small cell lung cancer\n\nExclusion Criteria:\n- Pregnancy\n");
    String[] base = {"match", "--index", index.toString(), "--trials", trials.toString()};
    List<String> a = new ArrayList<>(List.of(base));
    a.addAll(List.of("--patient", "src-001", "--role", "recruiter", "--format", "json"));
    JsonNode j = json(CliHarness.run(a.toArray(String[]::new)));
    assertEquals("src-001", j.path("person_id").asText());
    assertEquals(1, j.path("trials").size());
    assertEquals(KEY.pseudonym("src-001"), auditLines().get(0).path("patients").get(0).asText());
    List<String> b = new ArrayList<>(List.of(base));
    b.addAll(List.of("--patient", revoked, "--role", "recruiter", "--format", "json"));
    assertEquals(0, json(CliHarness.run(b.toArray(String[]::new))).path("trials").size());
  }

  @Test
  void representativenessComparesThePoolWithThePatientsWithTheCondition() throws IOException {
    JsonNode rep =
        json(match("biostatistician", "--representativeness")).path("representativeness");
    assertEquals(30, rep.path("pool_size").asInt());
    // reference: the 39 consented, non-revoked lung-cancer patients (C1 only; L1 and X1 left out)
    assertEquals(39, rep.path("reference_size").asInt());
    assertEquals("C1", rep.path("reference_criteria").get(0).asText());
    JsonNode male = group(rep, "sex", "male");
    // males are i % 3 == 0 among i in 0..39 minus 7: 14 - 0 = 14 (7 is female); in the pool
    // (i % 4 != 3): i in {0,3,...,39} with i % 4 != 3 -> 0,6,9,12,18,21,24,30,33,36 = 10
    assertEquals(14, male.path("reference_count").asInt());
    assertEquals(10, male.path("pool_count").asInt());
    // PPR = (10/30) / (14/39) = 0.9286 (Poon et al. 2013): adequate (>= 0.8)
    assertEquals((10.0 / 30) / (14.0 / 39), male.path("ratio").asDouble(), 1e-12);
    assertEquals("adequate", male.path("flag").asText());
    // counts-only: pool counts below 11 hidden, no reference counts, ratio only where shown
    JsonNode co = json(match("counts-only", "--representativeness")).path("representativeness");
    assertFalse(co.has("reference_size"));
    JsonNode m = group(co, "sex", "male");
    assertEquals("<11", m.path("pool_count").asText());
    assertFalse(m.has("ratio") || m.has("reference_count") || m.has("pool_share"), m.toString());
    // table output carries it too
    CliHarness t =
        CliHarness.run(
            "match",
            "--index",
            index.toString(),
            "--criteria",
            criteria.toString(),
            "--as-of",
            D.toString(),
            "--format",
            "table",
            "--representativeness");
    assertEquals(0, t.exitCode(), t.err());
    assertTrue(t.out().contains("representativeness") && t.out().contains("age_group"), t.out());
  }

  private static JsonNode group(JsonNode rep, String dim, String g) {
    for (JsonNode x : rep.path("groups")) {
      if (x.path("dimension").asText().equals(dim) && x.path("group").asText().equals(g)) {
        return x;
      }
    }
    throw new AssertionError(dim + ":" + g + " missing in " + rep);
  }

  @Test
  void indexTakesTheRole() {
    CliHarness r =
        CliHarness.run(
            "index",
            "--store",
            dir.resolve("nope").toString(),
            "--index",
            index.toString(),
            "--role",
            "nobody");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--role"), r.err());
  }

  @Test
  void aFunnelLongerThanTheAtomLimitHidesItsLaterSteps() {
    // 25 criteria, each dropping 3 patients from 200: 125 remain (100 eligible, 25 review)
    List<MatchResult.FunnelStep> funnel = new ArrayList<>();
    for (int k = 0; k < 25; k++) {
      funnel.add(new MatchResult.FunnelStep("C" + k, "criterion " + k, 200 - 3 * (k + 1)));
    }
    MatchResult r =
        new MatchResult(
            "T", "s", D, new MatchResult.Counts(100, 25, 75), funnel, List.of(), List.of());
    MatchView.SuppressedCounts s =
        MatchView.suppress(r.counts(), funnel, SmallCellSuppression.Rule.standard());
    assertEquals(25, s.funnel().size());
    for (int k = 17; k < 25; k++) {
      assertFalse(s.funnel().get(k).shown(), "steps beyond the atom limit are hidden");
    }
    // drops of 3 are small: no two consecutive steps may both be shown
    checkNoSmallDisclosure(r, s);
    assertTrue(s.eligible().shown() && s.needsReview().shown());
  }

  // ------------------------------------------------------------------ property

  /**
   * Over random small cohorts and random criteria from the menu, the counts-only view never shows a
   * count below 11, and no difference of nested shown counts (funnel steps, status counts and the
   * funnel's last step = eligible + needs review) is a small group; the shown set also passes the
   * exact span check. Revoked and non-consented patients are in no count.
   */
  @Property(tries = 40)
  void countsOnlyRevealsNoSmallCellDirectlyOrByDifference(
      @ForAll @IntRange(min = 1, max = 90) int n, @ForAll long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    Path tmp = Files.createTempDirectory("match-trust");
    try {
      List<PatientRecord> recs = new ArrayList<>();
      Set<String> excluded = new HashSet<>();
      int admitted = 0;
      for (int i = 0; i < n; i++) {
        String id = "p" + i;
        boolean consent = rnd.nextInt(10) > 0; // an index may end up empty: it must match nobody
        PatientRecord.Builder b =
            PatientRecord.builder(id)
                .person(
                    rnd.nextBoolean() ? Sex.FEMALE : Sex.MALE,
                    LocalDate.of(1940 + rnd.nextInt(60), 1, 1),
                    "",
                    "")
                .consent(consent, LocalDate.of(2020, 1, 1));
        if (rnd.nextInt(3) > 0) {
          b.condition("C34.11", LocalDate.of(2024, 1, 5), null, "c");
        }
        if (rnd.nextInt(5) == 0) {
          b.condition("C50.911", LocalDate.of(2023, 1, 5), null, "c");
        }
        if (rnd.nextInt(6) == 0) {
          b.condition("I21.4", LocalDate.of(2023, 1, 5), null, "c");
        }
        if (rnd.nextInt(4) > 0) {
          b.measurement("718-7", D.minusDays(3), 80 + rnd.nextInt(60), "g/L", 160, "m");
        }
        recs.add(b.build());
        if (consent && rnd.nextInt(12) == 0) {
          excluded.add(id);
        } else if (consent) {
          admitted++;
        }
      }
      List<String> chosen = new ArrayList<>();
      for (String c : MENU) {
        if (rnd.nextBoolean()) {
          chosen.add(c);
        }
      }
      Path crit = tmp.resolve("c.json");
      Files.writeString(
          crit,
          "{\"trial\":\"R\",\"min_age\":"
              + (30 + rnd.nextInt(40))
              + ",\"criteria\":["
              + String.join(",", chosen)
              + "]}");
      MatchJson.ParsedCriteria pc = MatchJson.readCriteria(crit);
      List<MatchCriterion> cs =
          Matcher.criteriaOf(pc.minAge(), pc.maxAge(), pc.sex(), pc.criteria());
      Path idx = tmp.resolve("idx");
      PatientIndex.build(idx, "s", D, recs);
      MatchResult r;
      try (PatientIndex pi = PatientIndex.open(idx)) {
        r =
            Matcher.match(
                pi, "R", cs, MatchOptions.defaults().withEvaluationDate(D).withExcluded(excluded));
      }
      assertEquals(admitted, r.counts().total(), "only consented, non-revoked patients count");
      MatchView.SuppressedCounts s =
          MatchView.suppress(r.counts(), r.funnel(), SmallCellSuppression.Rule.standard());
      checkNoSmallDisclosure(r, s);
    } finally {
      try (var w = Files.walk(tmp)) {
        w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Independent of the suppression's own span check: direct values and nested differences. */
  static void checkNoSmallDisclosure(MatchResult r, MatchView.SuppressedCounts s) {
    int m = r.funnel().size();
    // atoms: drops 0..m-1, eligible (m), needs review (m+1); each published cell as its atom set
    List<Set<Integer>> sets = new ArrayList<>();
    List<Cell> cells = new ArrayList<>();
    cells.add(s.eligible());
    sets.add(Set.of(m));
    cells.add(s.needsReview());
    sets.add(Set.of(m + 1));
    cells.add(s.ineligible());
    sets.add(range(0, m));
    for (int k = 0; k < m; k++) {
      cells.add(s.funnel().get(k));
      sets.add(range(k + 1, m + 2));
      assertEquals(r.funnel().get(k).remaining(), s.funnel().get(k).value());
    }
    assertEquals(r.counts().eligible(), s.eligible().value());
    List<Set<Integer>> shown = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      if (c.shown()) {
        assertTrue(c.value() >= 11, "shown small count " + c);
        shown.add(sets.get(i));
        values.add(c.value());
      } else if (c.value() >= 11) {
        assertEquals("suppressed", c.text());
      } else {
        assertEquals("<11", c.text());
      }
    }
    // the total, derivable when all three status counts are shown
    if (s.eligible().shown() && s.needsReview().shown() && s.ineligible().shown()) {
      shown.add(range(0, m + 2));
      values.add(r.counts().total());
    }
    for (int a = 0; a < shown.size(); a++) {
      for (int b = 0; b < shown.size(); b++) {
        if (a != b
            && shown.get(a).containsAll(shown.get(b))
            && shown.get(a).size() > shown.get(b).size()) {
          long d = values.get(a) - values.get(b);
          assertFalse(d < 11, "difference " + d + " of " + shown.get(a) + " - " + shown.get(b));
          for (int c = 0; c < shown.size(); c++) {
            if (c != a
                && c != b
                && shown.get(a).containsAll(shown.get(c))
                && java.util.Collections.disjoint(shown.get(b), shown.get(c))
                && shown.get(a).size() > shown.get(b).size() + shown.get(c).size()) {
              // a non-empty group: a minus the disjoint b and c
              long d2 = d - values.get(c);
              assertFalse(d2 < 11, "difference " + d2 + " of three shown counts");
            }
          }
        }
      }
    }
    // and the exact criterion (span of shown sums), when the funnel fits the atom limit
    if (m + 2 <= SmallCellSuppression.MAX_ATOMS) {
      long[] atoms = new long[m + 2];
      long before = r.counts().total();
      for (int k = 0; k < m; k++) {
        atoms[k] = before - r.funnel().get(k).remaining();
        before = r.funnel().get(k).remaining();
      }
      atoms[m] = r.counts().eligible();
      atoms[m + 1] = r.counts().needsReview();
      List<int[]> rows = new ArrayList<>();
      shown.forEach(x -> rows.add(x.stream().mapToInt(Integer::intValue).toArray()));
      assertTrue(SmallCellSuppression.isSafe(atoms, rows, SmallCellSuppression.Rule.standard()));
    }
  }

  private static Set<Integer> range(int from, int to) {
    Set<Integer> s = new HashSet<>();
    IntStream.range(from, to).forEach(s::add);
    return s;
  }
}
