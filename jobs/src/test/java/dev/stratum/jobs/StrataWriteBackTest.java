package dev.stratum.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Strata written back as a derived snapshot; one Spark session builds the parent store. */
class StrataWriteBackTest {
  static SparkSession spark;
  @TempDir static Path tmp;
  static Path store;
  static FeatureJobSummary parent;
  static List<String> ids;

  @BeforeAll
  static void build() {
    spark =
        FeatureJob.session(
            "local[1]",
            Map.of("spark.sql.shuffle.partitions", "1", "spark.default.parallelism", "1"));
    store = tmp.resolve("store");
    parent =
        FeatureJob.run(
            spark,
            FeatureJobOptions.of(
                RawFixture.create(tmp.resolve("raw")),
                store,
                Pseudonymizer.ofHex("0f".repeat(32))));
    ids = new ArrayList<>();
    Table p = FeatureStore.open(store).current().tablesaw("patients");
    for (int i = 0; i < p.rowCount(); i++) {
      ids.add(p.stringColumn("person_id").get(i));
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static List<StrataWriteBack.Row> rows(int first) {
    List<StrataWriteBack.Row> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      out.add(new StrataWriteBack.Row(ids.get(i), first + i % 2, i == 0 ? Double.NaN : 0.9));
    }
    return out;
  }

  @Test
  void aCrashAtAnyStepLeavesTheParentCurrentThenReadersSeeTheStrata() throws Exception {
    // One store for the class (a Spark build costs minutes on a loaded machine): whatever is
    // current when this test starts is the parent here.
    String before = FeatureStore.open(store).currentId().orElseThrow();
    for (FailurePoint p : FailurePoint.values()) {
      assertThrows(
          FeatureJob.InjectedFailureException.class,
          () -> StrataWriteBack.write(store, before, "m-crash", Map.of("k", "2"), rows(1), p),
          p.name());
      FeatureStore fs = FeatureStore.open(store);
      assertEquals(before, fs.currentId().orElseThrow(), "after " + p);
      assertFalse(
          fs.current().tablesaw("patients").containsColumn("stratum_m_crash"), "after " + p);
      assertEquals(ids.size(), fs.current().tablesaw("patients").rowCount(), "after " + p);
    }
    StrataWriteBack.Result r =
        StrataWriteBack.write(store, before, "m-crash", Map.of("k", "2"), rows(1));
    FeatureStore fs = FeatureStore.open(store);
    assertEquals(r.snapshotId(), fs.currentId().orElseThrow());
    assertTrue(r.reused(), "AFTER_SNAPSHOT_RENAME had already published it: only CURRENT moves");
    assertEquals(before, fs.current().manifest().parent());
    assertTrue(fs.current().tablesaw("patients").containsColumn("stratum_m_crash"));
    try (var l = Files.list(store.resolve(".tmp"))) {
      assertEquals(0, l.count(), "leftovers of the crashed runs are cleaned");
    }
  }

  @Test
  void readersSeeTheStrataTableColumnsAndCatalog() {
    FeatureSnapshot before = FeatureStore.open(store).snapshot(parent.snapshotId());
    StrataWriteBack.Result r =
        StrataWriteBack.write(
            store, parent.snapshotId(), "stratum-kmeans-k2-seed7", Map.of("k", "2"), rows(1));
    FeatureStore fs = FeatureStore.open(store);
    FeatureSnapshot now = fs.current();
    assertEquals(r.snapshotId(), now.id());
    assertFalse(r.reused());
    assertEquals(parent.snapshotId(), now.manifest().parent());
    assertEquals("stratum-kmeans-k2-seed7", now.manifest().derivation().get("model"));
    assertEquals("strata", now.manifest().derivation().get("kind"));
    assertEquals((long) ids.size(), now.manifest().tables().get("strata"));

    // Spark-free reader
    Table strata = now.tablesaw("strata");
    assertEquals(ids.size(), strata.rowCount());
    assertEquals("stratum-kmeans-k2-seed7", strata.stringColumn("model_id").get(0));
    assertEquals("1", now.footer("strata").get("stratum.schema.version"));
    assertEquals(now.id(), now.footer("strata").get("stratum.snapshot"));
    Table patients = now.tablesaw("patients");
    assertTrue(patients.containsColumn("stratum_kmeans_k2_seed7"));
    assertTrue(patients.containsColumn("stratum_kmeans_k2_seed7_probability"));
    assertEquals(
        before.tablesaw("patients").columnCount() + 2, patients.columnCount(), "two columns added");
    assertTrue(
        now.catalog().stream()
            .anyMatch(
                e -> e.name().equals("stratum_kmeans_k2_seed7") && e.family().equals("strata")));
    assertEquals(before.catalog().size() + 2, now.catalog().size());
    assertEquals(now.catalog().size(), now.manifest().features());

    // Spark reader: the same rows, joined with an unchanged (hard-linked) table
    List<Row> counts =
        now.table(spark, "strata").groupBy("stratum").count().orderBy("stratum").collectAsList();
    assertEquals(2, counts.size());
    assertEquals(ids.size(), counts.get(0).getLong(1) + counts.get(1).getLong(1));
    assertEquals(
        ids.size(),
        now.table(spark, "patients")
            .join(now.table(spark, "persons"), "person_id")
            .filter("stratum_kmeans_k2_seed7 is not null")
            .count());
    assertEquals(before.table(spark, "conditions").count(), now.table(spark, "conditions").count());

    // the parent is untouched and still readable
    assertFalse(before.tables().contains("strata"));
    assertFalse(before.tablesaw("patients").containsColumn("stratum_kmeans_k2_seed7"));

    // a second model adds to the family; the same model again replaces its rows
    int snapshots = FeatureStore.open(store).snapshots().size();
    StrataWriteBack.Result other =
        StrataWriteBack.write(store, r.snapshotId(), "other-model", Map.of(), rows(1));
    StrataWriteBack.Result again =
        StrataWriteBack.write(
            store, other.snapshotId(), "stratum-kmeans-k2-seed7", Map.of(), rows(2));
    Table both = FeatureStore.open(store).current().tablesaw("strata");
    assertEquals(2 * ids.size(), both.rowCount());
    assertEquals(
        ids.size(),
        both.where(both.intColumn("stratum").isGreaterThanOrEqualTo(2)).rowCount()
            - both.where(
                    both.stringColumn("model_id")
                        .isEqualTo("other-model")
                        .and(both.intColumn("stratum").isEqualTo(2)))
                .rowCount(),
        "the model's rows were replaced (strata 2 and 3 now)");
    assertFalse(again.reused());
    assertEquals(snapshots + 2, FeatureStore.open(store).snapshots().size());
  }

  @Test
  void badInputIsRefused() {
    assertThrows(
        dev.stratum.core.error.InvalidInputException.class,
        () -> StrataWriteBack.write(store, null, "m", Map.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> new StrataWriteBack.Row("p", 0, 0.5));
    assertEquals("stratum_kmeans_k4_seed7", StrataWriteBack.columnName("stratum-kmeans-k4-seed7"));
    assertEquals("stratum_my_model", StrataWriteBack.columnName("My Model"));
  }
}
