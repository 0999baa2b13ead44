package dev.stratum.cli;

import static dev.stratum.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.stratification.stats.ClusterAgreement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code stratum stratify --store}: a raw cohort with 3 planted strata in two omics layers, consent
 * observations, deaths and observation periods goes through {@code stratum features} (one Spark
 * job, local[1]), then is stratified from the snapshot, with consent rules, write-back and the
 * MLlib engine.
 */
class StratifyStoreCommandTest {
  @TempDir static Path tmp;
  static Path store;
  static Path key;
  static final int N = 90;
  static final Map<String, Integer> TRUTH = new LinkedHashMap<>(); // source person_id -> stratum

  static final String PERSON =
      "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,"
          + "race_concept_id,ethnicity_concept_id,location_id,provider_id,care_site_id,"
          + "person_source_value,gender_source_value,gender_source_concept_id,race_source_value,"
          + "race_source_concept_id,ethnicity_source_value,ethnicity_source_concept_id";
  static final String PERIOD =
      "observation_period_id,person_id,observation_period_start_date,"
          + "observation_period_end_date,period_type_concept_id";
  static final String OBSERVATION =
      "observation_id,person_id,observation_concept_id,observation_date,observation_datetime,"
          + "observation_type_concept_id,value_as_number,value_as_string,value_as_concept_id,"
          + "qualifier_concept_id,unit_concept_id,provider_id,visit_occurrence_id,"
          + "visit_detail_id,observation_source_value,observation_source_concept_id,"
          + "unit_source_value,qualifier_source_value,value_source_value,observation_event_id,"
          + "obs_event_field_concept_id";
  static final String DEATH =
      "person_id,death_date,death_datetime,death_type_concept_id,cause_concept_id,"
          + "cause_source_value,cause_source_concept_id";

  static String row(String header, Map<String, String> v) {
    List<String> out = new ArrayList<>();
    for (String c : header.split(",")) {
      out.add(v.getOrDefault(c, ""));
    }
    return String.join(",", out);
  }

  /**
   * Persons 1..90 in 3 strata (i % 3); stratum 2 is mostly male, the others mostly female. Research
   * consent: granted except persons 5 and 10 (declined) and 15 (no record). Stratum 0 dies early.
   */
  @BeforeAll
  static void buildStore() throws Exception {
    Path raw = tmp.resolve("raw");
    Files.createDirectories(raw.resolve("omop"));
    Files.createDirectories(raw.resolve("omics"));
    List<String> persons = new ArrayList<>(List.of(PERSON));
    List<String> periods = new ArrayList<>(List.of(PERIOD));
    List<String> obs = new ArrayList<>(List.of(OBSERVATION));
    List<String> deaths = new ArrayList<>(List.of(DEATH));
    SplittableRandom r = new SplittableRandom(3);
    for (int p = 1; p <= N; p++) {
      int s = p % 3;
      TRUTH.put(Integer.toString(p), s);
      boolean male = s == 2 ? r.nextDouble() < 0.8 : r.nextDouble() < 0.2;
      persons.add(
          row(
              PERSON,
              Map.of(
                  "person_id",
                  "" + p,
                  "gender_concept_id",
                  male ? "8507" : "8532",
                  "year_of_birth",
                  "" + (1940 + r.nextInt(40)),
                  "race_source_value",
                  r.nextBoolean() ? "White" : "Asian",
                  "ethnicity_source_value",
                  "Not Hispanic or Latino")));
      periods.add(
          row(
              PERIOD,
              Map.of(
                  "observation_period_id",
                  "" + p,
                  "person_id",
                  "" + p,
                  "observation_period_start_date",
                  "2018-01-01",
                  "observation_period_end_date",
                  "2023-12-31")));
      if (p != 15) {
        obs.add(
            row(
                OBSERVATION,
                Map.of(
                    "observation_id",
                    "" + p,
                    "person_id",
                    "" + p,
                    "observation_date",
                    "2018-01-01",
                    "value_as_string",
                    p == 5 || p == 10 ? "declined" : "granted",
                    "observation_source_value",
                    "STRATUM:consent_research")));
      }
      if (s == 0 || r.nextDouble() < 0.2) {
        deaths.add(
            row(
                DEATH,
                Map.of(
                    "person_id",
                    "" + p,
                    "death_date",
                    String.format(
                        Locale.ROOT, "2019-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)))));
      }
    }
    write(raw.resolve("omop/person.csv"), persons);
    write(raw.resolve("omop/observation_period.csv"), periods);
    write(raw.resolve("omop/observation.csv"), obs);
    write(raw.resolve("omop/death.csv"), deaths);
    omics(raw.resolve("omics/expression.tsv"), 12, 1, r);
    omics(raw.resolve("omics/protein.tsv"), 6, 2, r);
    store = tmp.resolve("store");
    key = tmp.resolve("pseudonym.key");
    CliHarness f =
        run(
            "features",
            "--raw",
            raw.toString(),
            "--store",
            store.toString(),
            "--key-file",
            key.toString(),
            "--create-key",
            "--master",
            "local[1]",
            "--format",
            "json");
    assertEquals(0, f.exitCode(), f.err());
  }

  /** Features down, persons across; the first {@code signal} features shift by 3 SD per stratum. */
  static void omics(Path file, int features, int signal, SplittableRandom r) {
    List<String> lines = new ArrayList<>();
    StringBuilder h = new StringBuilder("feature_id");
    for (int p = 1; p <= N; p++) {
      h.append('\t').append(p);
    }
    lines.add(h.toString());
    for (int f = 0; f < features; f++) {
      StringBuilder b = new StringBuilder("G" + f);
      for (int p = 1; p <= N; p++) {
        double shift = f < signal * 2 ? 3.0 * ((p % 3 + f) % 3) : 0;
        b.append('\t').append(String.format(Locale.ROOT, "%.4f", shift + r.nextGaussian()));
      }
      lines.add(b.toString());
    }
    write(file, lines);
  }

  static void write(Path p, List<String> lines) {
    try {
      Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** ARI of assignments.csv (pseudonyms) against the planted strata (source ids). */
  static double ari(Path assignments) throws Exception {
    Pseudonymizer pz = Pseudonymizer.fromKeyFile(key);
    Map<String, Integer> bySeudonym = new LinkedHashMap<>();
    TRUTH.forEach((id, s) -> bySeudonym.put(pz.pseudonym(id), s));
    List<String> lines = Files.readAllLines(assignments, StandardCharsets.UTF_8);
    int[] a = new int[lines.size() - 1];
    int[] b = new int[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      a[i - 1] = Integer.parseInt(f[1]);
      b[i - 1] = bySeudonym.get(f[0]);
    }
    return ClusterAgreement.adjustedRand(a, b);
  }

  static List<String> common(Path out) {
    return new ArrayList<>(
        List.of(
            "stratify",
            "--store",
            store.toString(),
            "--k",
            "3",
            "--bootstraps",
            "3",
            "--resamples",
            "5",
            "--min-cluster-size",
            "5",
            "--seed",
            "4",
            "--out",
            out.toString(),
            "--format",
            "json"));
  }

  @Test
  void stratifiesConsentingPatientsOfTheSnapshotWithSurvivalAndDemographics() throws Exception {
    Path out = tmp.resolve("strata-consent");
    CliHarness r = run(common(out).toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Output.json().readTree(r.out());
    assertEquals(N - 3, j.get("samples").asInt(), "persons 5, 10 (declined) and 15 (no record)");
    assertEquals(
        List.of("omics:expression", "omics:protein"),
        Output.json().convertValue(j.at("/input/families"), List.class));
    assertTrue(j.at("/input/approved_protocol").isNull());
    assertTrue(
        j.at("/input/cohort/0").asText().contains("granted 87, declined 2, no record 1"),
        j.at("/input/cohort").toString());
    double ari = ari(out.resolve("assignments.csv"));
    assertTrue(ari >= 0.9, "ARI " + ari);
    // survival from observation periods and deaths: stratum 0 all died in 2019
    assertEquals(N - 3, j.at("/survival/patients").asInt());
    assertTrue(j.at("/survival/p").asDouble() < 1e-4, j.at("/survival").toString());
    // demographics: sex differs by construction
    JsonNode sex = j.get("demographics").get(0);
    assertEquals("sex", sex.get("variable").asText());
    assertTrue(sex.get("p").asDouble() < 1e-3, sex.toString());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("Demographic composition"));
    assertTrue(html.contains("excluded (no --approved-protocol)"));
    String model = Files.readString(out.resolve("model.json"), StandardCharsets.UTF_8);
    assertTrue(model.contains("\"training_data\""));
    assertTrue(model.contains("\"approved_protocol\" : null"));
  }

  @Test
  void anApprovedProtocolIncludesEveryoneAndIsRecorded() throws Exception {
    Path out = tmp.resolve("strata-irb");
    List<String> a = common(out);
    a.addAll(List.of("--approved-protocol", "IRB-2026-017"));
    CliHarness r = run(a.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Output.json().readTree(r.out());
    assertEquals(N, j.get("samples").asInt());
    assertEquals("IRB-2026-017", j.at("/input/approved_protocol").asText());
    assertTrue(
        Files.readString(out.resolve("model.json"), StandardCharsets.UTF_8)
            .contains("\"approved_protocol\" : \"IRB-2026-017\""));
    assertTrue(
        Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8)
            .contains("Approved protocol IRB-2026-017"));
  }

  /**
   * Revocations recorded after the snapshot (the configured revocation list, source ids) leave
   * those patients out of stratification until the next snapshot, like a declined consent; an
   * approved protocol covers them as it covers the declined. A list that cannot be applied (no
   * pseudonym key) is refused.
   */
  @Test
  void revokedPatientsAreLeftOutUnlessAnApprovedProtocolCoversThem() throws Exception {
    Path conf = tmp.resolve("revocation-config");
    Files.createDirectories(conf);
    // persons 1, 2 and 3 consented in the snapshot and revoked since; 5 had declined already
    Files.writeString(conf.resolve("revoked.csv"), "person_id,date\n1,2026-11-01\n2\n3\n5\n");
    Files.writeString(conf.resolve("config.properties"), "consent.revocations = revoked.csv\n");
    String keyHex = Files.readString(key, StandardCharsets.US_ASCII).strip();
    Map<String, String> env =
        Map.of(
            "STRATUM_CONFIG",
            conf.resolve("config.properties").toString(),
            "STRATUM_AUDIT_LOG",
            conf.resolve("audit.jsonl").toString(),
            "STRATUM_PSEUDONYM_KEY",
            keyHex);
    Pseudonymizer pz = Pseudonymizer.fromKeyFile(key);
    TrustContext.environment = env;
    try {
      Path out = tmp.resolve("strata-revoked");
      CliHarness r = run(common(out).toArray(String[]::new));
      assertEquals(0, r.exitCode(), r.err());
      JsonNode j = Output.json().readTree(r.out());
      assertEquals(
          N - 3 - 3, j.get("samples").asInt(), "5, 10, 15 without consent; 1, 2, 3 revoked");
      List<String> ids =
          Files.readAllLines(out.resolve("assignments.csv"), StandardCharsets.UTF_8).stream()
              .skip(1)
              .map(l -> l.split(",")[0])
              .toList();
      for (String revoked : List.of("1", "2", "3")) {
        assertFalse(ids.contains(pz.pseudonym(revoked)), "revoked person " + revoked);
      }
      assertTrue(ids.contains(pz.pseudonym("4")));
      assertTrue(
          j.at("/input/cohort").toString().contains("granted 84, declined 5, no record 1")
              && j.at("/input/cohort").toString().contains("3 of the declined revoked"),
          j.at("/input/cohort").toString());

      Path irb = tmp.resolve("strata-revoked-irb");
      List<String> a = common(irb);
      a.addAll(List.of("--approved-protocol", "IRB-2026-017"));
      CliHarness withProtocol = run(a.toArray(String[]::new));
      assertEquals(0, withProtocol.exitCode(), withProtocol.err());
      assertEquals(N, Output.json().readTree(withProtocol.out()).get("samples").asInt());

      Map<String, String> noKey = new LinkedHashMap<>(env);
      noKey.remove("STRATUM_PSEUDONYM_KEY");
      TrustContext.environment = noKey;
      CliHarness refused = run(common(tmp.resolve("strata-nokey")).toArray(String[]::new));
      assertEquals(2, refused.exitCode(), refused.err());
      assertTrue(refused.err().contains("consent.revocations"), refused.err());
    } finally {
      TrustContext.environment = null;
    }
  }

  @Test
  void writeBackPublishesASnapshotWithTheStrataFamily() throws Exception {
    String before = FeatureStore.open(store).currentId().orElseThrow();
    Path out = tmp.resolve("strata-wb");
    List<String> a = common(out);
    a.add("--write-back");
    CliHarness r = run(a.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Output.json().readTree(r.out());
    FeatureSnapshot now = FeatureStore.open(store).current();
    assertEquals(j.at("/write_back/snapshot").asText(), now.id());
    assertEquals(before, now.manifest().parent());
    assertEquals(j.get("model").asText(), now.manifest().derivation().get("model"));
    Table strata = now.tablesaw("strata");
    assertEquals(N - 3, strata.rowCount());
    assertTrue(now.tablesaw("patients").containsColumn("stratum_kmeans_k3_seed4"));
    // the parent snapshot still reads, and stratifying the new one ignores the strata family
    assertFalse(FeatureStore.open(store).snapshot(before).tables().contains("strata"));
    Path again = tmp.resolve("strata-again");
    List<String> b = common(again);
    b.addAll(List.of("--snapshot", before));
    assertEquals(0, run(b.toArray(String[]::new)).exitCode());
    assertEquals(
        Files.readString(out.resolve("assignments.csv")),
        Files.readString(again.resolve("assignments.csv")),
        "same snapshot content, same seed: same strata");
  }

  @Test
  void theMllibEngineGivesTheSameOutputs() throws Exception {
    Path out = tmp.resolve("strata-mllib");
    List<String> a = common(out);
    a.addAll(List.of("--engine", "mllib", "--master", "local[1]"));
    CliHarness r = run(a.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Output.json().readTree(r.out());
    assertEquals("mllib-kmeans", j.get("method").asText());
    assertTrue(ari(out.resolve("assignments.csv")) >= 0.9);
    String model = Files.readString(out.resolve("model.json"), StandardCharsets.UTF_8);
    assertTrue(model.contains("\"method\" : \"mllib-kmeans\""));
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
  }

  @Test
  void badInputGivesExitCode2() {
    List<String> a = common(tmp.resolve("bad"));
    a.addAll(List.of("--families", "nosuch"));
    CliHarness r = run(a.toArray(String[]::new));
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("no feature family 'nosuch'"), r.err());
    CliHarness r2 =
        run(
            "stratify",
            "--omics",
            "x=" + tmp.resolve("none.tsv"),
            "--write-back",
            "--out",
            tmp.resolve("bad2").toString());
    assertEquals(2, r2.exitCode());
    assertTrue(r2.err().contains("--write-back"), r2.err());
    List<String> c = common(tmp.resolve("bad3"));
    c.set(c.indexOf("3"), "auto");
    c.addAll(List.of("--engine", "mllib"));
    CliHarness r3 = run(c.toArray(String[]::new));
    assertEquals(2, r3.exitCode());
    assertTrue(r3.err().contains("fixed --k"), r3.err());
  }
}
