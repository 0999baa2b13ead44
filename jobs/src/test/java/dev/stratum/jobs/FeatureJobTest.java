package dev.stratum.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The feature job on the hand-written fixture of {@link RawFixture}; one Spark session. */
class FeatureJobTest {
  static SparkSession spark;
  @TempDir static Path tmp;
  static Path raw;
  static final Pseudonymizer KEY = Pseudonymizer.ofHex("0f".repeat(32));
  static FeatureJobSummary all;
  static FeatureJobSummary asOf;

  @BeforeAll
  static void build() {
    spark =
        FeatureJob.session(
            "local[2]",
            Map.of("spark.sql.shuffle.partitions", "2", "spark.default.parallelism", "2"));
    raw = RawFixture.create(tmp.resolve("raw"));
    KeywordNoteFacts.CREATED.set(0);
    all =
        FeatureJob.run(
            spark,
            FeatureJobOptions.of(raw, tmp.resolve("store-all"), KEY)
                .withNoteFacts(new KeywordNoteFacts.Factory())
                .withNoteDeidentifier(new MarkerDeid.Factory()));
    asOf =
        FeatureJob.run(
            spark,
            FeatureJobOptions.of(raw, tmp.resolve("store-asof"), KEY)
                .withAsOf(LocalDate.parse(RawFixture.AS_OF))
                .withNoteFacts(new KeywordNoteFacts.Factory()));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static Dataset<Row> table(FeatureJobSummary s, String name) {
    return FeatureStore.open(s.snapshotDir().getParent().getParent()).current().table(spark, name);
  }

  @Test
  void everyRecordIsAcceptedOrQuarantinedWithItsReason() {
    // expected counts read off the commented records of RawFixture
    Map<String, long[]> want =
        Map.ofEntries(
            Map.entry("omop/person.csv", new long[] {5, 2}),
            Map.entry("omop/observation_period.csv", new long[] {3, 0}),
            Map.entry("omop/condition_occurrence.csv", new long[] {6, 3}),
            Map.entry("omop/drug_exposure.csv", new long[] {2, 1}),
            Map.entry("omop/measurement.csv", new long[] {6, 2}),
            Map.entry("omop/observation.csv", new long[] {4, 1}),
            Map.entry("omop/procedure_occurrence.csv", new long[] {1, 0}),
            Map.entry("omop/death.csv", new long[] {1, 0}),
            Map.entry("omop/note.csv", new long[] {3, 1}),
            Map.entry("genomics/somatic_00000.vcf", new long[] {5, 3}),
            Map.entry("omics/expression.tsv", new long[] {3, 1}),
            Map.entry("omics/methylation.tsv", new long[] {2, 1}));
    assertEquals(want.keySet(), all.sources().keySet());
    for (var e : want.entrySet()) {
      SourceCounts c = all.sources().get(e.getKey());
      assertEquals(e.getValue()[0], c.in(), e.getKey() + " in");
      assertEquals(e.getValue()[1], c.quarantined(), e.getKey() + " quarantined");
      assertEquals(c.in(), c.accepted() + c.quarantined(), e.getKey());
      assertEquals(0, c.afterAsOf(), "no as-of given");
    }
    Map<String, String> reasons =
        table(all, "quarantine").collectAsList().stream()
            .collect(
                Collectors.toMap(r -> r.getString(0) + ":" + r.getLong(1), r -> r.getString(2)));
    assertEquals(15, reasons.size(), "2+3+1+2+1+1 OMOP, 3 VCF, 2 omics");
    assertTrue(reasons.get("omop/person.csv:5").contains("'person_id'"), reasons.toString());
    assertTrue(reasons.get("omop/person.csv:6").contains("duplicate #, first at line 2"));
    assertTrue(reasons.get("omop/condition_occurrence.csv:5").contains("2020-13-01"));
    assertTrue(reasons.get("omop/condition_occurrence.csv:6").contains("# is not in"));
    assertTrue(reasons.get("omop/condition_occurrence.csv:7").contains("malformed CSV"));
    assertTrue(reasons.get("omop/drug_exposure.csv:3").contains("before"));
    assertTrue(reasons.get("omop/measurement.csv:6").contains("furlongs"));
    assertTrue(reasons.get("omop/measurement.csv:7").contains("'high'"));
    assertTrue(reasons.get("omop/observation.csv:5").contains("ECOG"));
    assertTrue(reasons.get("omop/note.csv:6").contains("'note_date'"), reasons.toString());
    assertTrue(reasons.get("genomics/somatic_00000.vcf:16").contains("AF"));
    assertTrue(reasons.get("genomics/somatic_00000.vcf:17").contains("GENE"));
    assertTrue(reasons.get("genomics/somatic_00000.vcf:18").startsWith("htsjdk"));
    assertTrue(reasons.get("omics/expression.tsv:4").contains("'x'"));
    assertTrue(reasons.get("omics/methylation.tsv:2").contains("[0, 1]"));
    Row raw5 =
        spark
            .read()
            .parquet(
                ReidentificationMap.restrictedDir(storeAll(), "quarantine")
                    .resolve(all.snapshotId())
                    .toString())
            .filter("source = 'omop/condition_occurrence.csv' and line = 7")
            .first();
    assertEquals(
        "6,1001,0", raw5.getString(2), "the raw record is kept verbatim, in the steward's folder");
    assertEquals(
        List.of("source", "line", "reason"),
        List.of(table(all, "quarantine").columns()),
        "the snapshot's quarantine has no raw records");
    for (String reason : reasons.values()) {
      assertFalse(reason.matches(".*\\b(1001|1002|1003|9999)\\b.*"), "source id in " + reason);
    }
  }

  static Path storeAll() {
    return all.snapshotDir().getParent().getParent();
  }

  @Test
  void notesAreDeidentifiedAndConsentIsMarked() throws Exception {
    List<Row> notes = table(all, "notes").orderBy("note_id").collectAsList();
    assertEquals(2, notes.size(), "note 3 has no date and is quarantined");
    Row n1 = notes.get(0);
    assertEquals(KEY.pseudonym("1001"), n1.getString(0));
    assertEquals("1", n1.getString(1));
    assertEquals("2020-05-05", String.valueOf(n1.<Object>getAs("note_date")));
    assertEquals("Oncology", n1.getString(3));
    // the de-identifier saw the 32-digit pseudonym and replaced the stand-in name
    assertTrue(n1.getString(4).startsWith("[NAME] with lung adenocarcinoma."), n1.getString(4));
    assertTrue(n1.getString(4).endsWith(" {32}"), n1.getString(4));
    assertEquals(
        List.of("person_id", "note_id", "note_date", "note_type", "text", "source"),
        List.of(table(all, "notes").columns()));
    // facts are read from the de-identified text, so their spans point into the stored text
    Row fact = table(all, "note_facts").filter("note_id = '1'").orderBy("begin").first();
    String text = n1.getString(4);
    assertEquals(
        "lung adenocarcinoma",
        text.substring(fact.<Integer>getAs("begin"), fact.<Integer>getAs("end"))
            .toLowerCase(java.util.Locale.ROOT));
    // without a de-identifier the store keeps no note text
    assertTrue(
        table(asOf, "notes").collectAsList().stream().allMatch(r -> r.isNullAt(4)),
        "no text without a de-identifier");

    List<Row> consents = table(all, "consents").collectAsList();
    assertEquals(1, consents.size());
    assertEquals(KEY.pseudonym("1002"), consents.get(0).getString(0));
    assertEquals("research", consents.get(0).getString(1));
    assertTrue(consents.get(0).getBoolean(2));
    Map<String, Boolean> consent =
        table(all, "persons").collectAsList().stream()
            .collect(
                Collectors.toMap(r -> r.getString(0), r -> r.<Boolean>getAs("research_consent")));
    assertEquals(
        Map.of(
            KEY.pseudonym("1001"),
            false,
            KEY.pseudonym("1002"),
            true,
            KEY.pseudonym("1003"),
            false),
        consent);

    Path map = ReidentificationMap.file(storeAll(), all.snapshotId());
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(map)));
    assertEquals(
        "rwx------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(map.getParent())));
    assertEquals(
        java.util.Optional.of("1002"),
        ReidentificationMap.lookup(storeAll(), all.snapshotId(), KEY.pseudonym("1002")));
    assertEquals(4, java.nio.file.Files.readAllLines(map).size(), "header and three patients");
    assertFalse(
        java.nio.file.Files.exists(all.snapshotDir().resolve("reid")),
        "the map is not inside the snapshot");
  }

  @Test
  void multiLineNoteIsOneRecordStartingOnItsLine() {
    // note 1 spans lines 2-4, so note 2 starts on line 5 and the undated note on line 6
    assertEquals(3, all.sources().get("omop/note.csv").in());
    List<Row> facts = table(all, "note_facts").orderBy("note_id", "begin").collectAsList();
    Row f = facts.get(0);
    assertEquals("1", f.getString(1));
    assertEquals("lung adenocarcinoma", f.getString(16));
  }

  @Test
  void longTablesAndWideTable() {
    assertEquals(3, all.tables().get("persons"));
    assertEquals(3, all.tables().get("patients"));
    assertEquals(3, all.tables().get("conditions"));
    assertEquals(3, all.tables().get("variants"), "EGFR in 1001, ALK in 1002 and 1003");
    assertEquals(6, all.tables().get("omics"), "5 expression cells + 1 methylation cell");
    Map<String, Row> wide = byPerson(table(all, "patients"));
    Row p1 = wide.get(KEY.pseudonym("1001"));
    Row p2 = wide.get(KEY.pseudonym("1002"));
    Row p3 = wide.get(KEY.pseudonym("1003"));
    assertEquals(8.5, p1.<Double>getAs("lab_4548_4_last"), 1e-12, "latest HbA1c");
    // reference unit g/L (tie broken by name); 100 mg/dL = 1 g/L (UCUM: 1 mg/dL = 0.01 g/L)
    assertEquals(1.0, p2.<Double>getAs("lab_2345_7_last"), 1e-12);
    assertEquals(0.9, p3.<Double>getAs("lab_2345_7_last"), 1e-12);
    assertTrue(p1.<Boolean>getAs("condition_c34"));
    assertFalse(p2.<Boolean>getAs("condition_c34"));
    assertTrue(p2.<Boolean>getAs("condition_e11"));
    assertTrue(p1.<Boolean>getAs("variant_egfr_p_l858r"));
    assertTrue(p3.<Boolean>getAs("variant_alk_eml4_alk"));
    assertEquals("current", p2.getAs("obs_72166_2_text"));
    assertEquals(1.0, p1.<Double>getAs("obs_89247_1_last"), 0);
    assertEquals(5.1, p1.<Double>getAs("omics_expression_egfr"), 0);
    assertNull(p2.getAs("omics_expression_egfr"), "NA stays missing");
    assertTrue(p3.<Boolean>getAs("deceased"));
    // a fact known from structured data and from a note is kept twice, with both sources
    assertTrue(p1.<Boolean>getAs("note_condition_c34_90"));
    assertFalse(p1.<Boolean>getAs("note_condition_e11_9"), "\"No diabetes\" is negated");
  }

  static Map<String, Row> byPerson(Dataset<Row> df) {
    return df.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("person_id"), r -> r));
  }

  @Test
  void asOfKeepsEveryLaterEventOut() {
    LocalDate day = LocalDate.parse(RawFixture.AS_OF);
    FeatureStore store = FeatureStore.open(asOf.snapshotDir().getParent().getParent());
    FeatureSnapshot s = store.current();
    assertEquals(RawFixture.AS_OF, s.manifest().asOf());
    for (String t : s.tables()) {
      Dataset<Row> df = s.table(spark, t);
      for (var f : df.schema().fields()) {
        if (f.dataType().typeName().equals("date")) {
          long late = df.filter(df.col(f.name()).gt(java.sql.Date.valueOf(day))).count();
          assertEquals(0, late, t + "." + f.name() + " has dates after " + day);
        }
      }
    }
    assertEquals(1, asOf.sources().get("omop/condition_occurrence.csv").afterAsOf());
    assertEquals(1, asOf.sources().get("omop/measurement.csv").afterAsOf());
    assertEquals(1, asOf.sources().get("omop/death.csv").afterAsOf());
    assertEquals(1, asOf.sources().get("omop/note.csv").afterAsOf());
    Map<String, Row> wide = byPerson(s.table(spark, "patients"));
    Row p1 = wide.get(KEY.pseudonym("1001"));
    Row p2 = wide.get(KEY.pseudonym("1002"));
    Row p3 = wide.get(KEY.pseudonym("1003"));
    assertEquals(7.1, p1.<Double>getAs("lab_4548_4_last"), 1e-12, "the 2021-06-01 value is later");
    assertFalse(p3.<Boolean>getAs("deceased"), "death on 2022-01-01 is after the as-of day");
    assertFalse(List.of(s.table(spark, "patients").columns()).contains("condition_e11"));
    assertFalse(
        List.of(s.table(spark, "patients").columns()).contains("note_condition_e11_9"),
        "the 2021 note is after the as-of day");
    // born 1960-03-15: 60 on 2021-01-01
    assertEquals(60, p1.<Integer>getAs("age_years"));
    Row c3 = s.table(spark, "conditions").filter("code = 'C34.1'").first();
    assertTrue(c3.isNullAt(c3.fieldIndex("end_date")), "end 2021-06-01 unknown on the as-of day");
    assertNotEquals(all.snapshotId(), asOf.snapshotId());
  }

  @Test
  void everyRowCarriesAKeyedPseudonym() {
    FeatureSnapshot s = FeatureStore.open(all.snapshotDir().getParent().getParent()).current();
    for (String t : s.tables()) {
      if (t.equals("catalog") || t.equals("quarantine")) {
        continue;
      }
      Dataset<Row> df = s.table(spark, t);
      assertEquals("person_id", df.columns()[0], t);
      for (Row r : df.select("person_id").collectAsList()) {
        assertTrue(r.getString(0).matches("[0-9a-f]{32}"), t + ": " + r.getString(0));
      }
    }
    assertEquals(
        List.of(KEY.pseudonym("1001"), KEY.pseudonym("1002"), KEY.pseudonym("1003")).stream()
            .sorted()
            .toList(),
        s.table(spark, "persons").select("person_id").orderBy("person_id").collectAsList().stream()
            .map(r -> r.getString(0))
            .toList());
    // HMAC-SHA256 truncated to 128 bits; a different key gives different pseudonyms
    assertNotEquals(KEY.pseudonym("1001"), Pseudonymizer.ofHex("0e".repeat(32)).pseudonym("1001"));
    assertFalse(s.manifest().toJson().contains("0f0f0f0f"), "the key is not in the manifest");
  }

  @Test
  void manifestFootersAndFingerprints() throws Exception {
    FeatureSnapshot s = FeatureStore.open(all.snapshotDir().getParent().getParent()).current();
    Manifest m = s.manifest();
    assertEquals(Manifest.SCHEMA_VERSION, m.schemaVersion());
    assertTrue(m.producer().startsWith("stratum-jobs "));
    assertEquals(12, m.inputs().size());
    for (Manifest.InputFile f : m.inputs()) {
      assertEquals(sha256(raw.resolve(f.path())), f.sha256(), f.path());
    }
    for (String t : s.tables()) {
      for (Path f : ParquetFooters.parquetFiles(s.tableDir(t))) {
        Map<String, String> kv = ParquetFooters.read(f);
        assertEquals("1", kv.get("stratum.schema.version"), f.toString());
        assertEquals(m.producer(), kv.get("stratum.producer"));
        assertEquals(t, kv.get("stratum.table"));
        assertTrue(kv.containsKey("org.apache.spark.sql.parquet.row.metadata"));
      }
    }
    Table patients = s.tablesaw("patients");
    assertEquals(3, patients.rowCount());
    List<CatalogEntry> catalog = s.catalog();
    CatalogEntry lab =
        catalog.stream().filter(c -> c.name().equals("lab_2345_7_last")).findFirst().orElseThrow();
    assertEquals("g/L", lab.unit());
    assertEquals("double", lab.type());
    assertEquals("measurements", lab.family());
    for (CatalogEntry c : catalog) {
      assertTrue(List.of(patients.columnNames().toArray()).contains(c.name()), c.name());
    }
    assertEquals(patients.columnCount() - 1, catalog.size(), "every column but person_id");
  }

  static String sha256(Path p) throws IOException, java.security.NoSuchAlgorithmException {
    try (InputStream in = Files.newInputStream(p)) {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    }
  }

  @Test
  void noteFactsUseOneExtractorPerPartition() {
    // two builds, each with one note partition (binaryFiles: one file); the extractor is created
    // on the executor and closed there, never serialized (it holds a Thread).
    assertTrue(KeywordNoteFacts.CREATED.get() >= 2, "created " + KeywordNoteFacts.CREATED.get());
    assertEquals(KeywordNoteFacts.CREATED.get(), KeywordNoteFacts.CLOSED.get());
    assertEquals("test-keywords 1", all.manifest().noteFactExtractor());
  }

  @Test
  void rerunIsIdempotent() {
    FeatureJobSummary again =
        FeatureJob.run(
            spark,
            FeatureJobOptions.of(raw, tmp.resolve("store-all"), KEY)
                .withNoteFacts(new KeywordNoteFacts.Factory())
                .withNoteDeidentifier(new MarkerDeid.Factory()));
    assertTrue(again.reused());
    assertEquals(all.snapshotId(), again.snapshotId());
    assertEquals(all.manifest(), again.manifest());
  }

  /** A raw directory holding only person.csv with the given ids (cheap to build). */
  static Path tinyRaw(String name, String... ids) {
    Path dir = tmp.resolve(name);
    List<String> lines = new java.util.ArrayList<>();
    lines.add(RawFixture.header(OmopTable.PERSON));
    for (String id : ids) {
      lines.add(
          RawFixture.row(
              OmopTable.PERSON,
              "person_id",
              id,
              "gender_concept_id",
              "8507",
              "year_of_birth",
              "1970"));
    }
    RawFixture.write(dir.resolve("omop").resolve("person.csv"), lines);
    return dir;
  }

  @Test
  void aCrashAtAnyCommitStepLeavesThePreviousSnapshotCurrent() throws IOException {
    Path store = tmp.resolve("store-crash");
    FeatureJobSummary a =
        FeatureJob.run(spark, FeatureJobOptions.of(tinyRaw("tiny-a", "1"), store, KEY));
    FeatureJobOptions second = FeatureJobOptions.of(tinyRaw("tiny-b", "1", "2"), store, KEY);
    // AFTER_SNAPSHOT_RENAME publishes the snapshot without pointing at it; the last point then
    // runs on the reuse path, which also only re-points CURRENT.
    for (FailurePoint p : FailurePoint.values()) {
      assertThrows(
          FeatureJob.InjectedFailureException.class,
          () -> FeatureJob.run(spark, second.withFailAt(p)),
          p.name());
      FeatureStore s = FeatureStore.open(store);
      assertEquals(a.snapshotId(), s.currentId().orElseThrow(), "after " + p);
      assertEquals(1, s.current().table(spark, "patients").count(), "readable after " + p);
      assertEquals(1, s.current().tablesaw("persons").rowCount(), "readable after " + p);
    }
    FeatureJobSummary b = FeatureJob.run(spark, second);
    FeatureStore s = FeatureStore.open(store);
    assertEquals(b.snapshotId(), s.currentId().orElseThrow());
    assertEquals(
        b.snapshotId(), Files.readString(store.resolve("CURRENT"), StandardCharsets.UTF_8).strip());
    assertEquals(2, s.current().table(spark, "patients").count());
    assertEquals(2, s.snapshots().size());
    assertEquals(
        1,
        s.snapshot(a.snapshotId()).table(spark, "patients").count(),
        "the old one stays readable");
    try (var l = Files.list(store.resolve(".tmp"))) {
      assertEquals(0, l.count(), "leftovers of the crashed runs are cleaned");
    }
  }
}
