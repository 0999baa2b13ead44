package dev.stratum.notebooks;

import dev.stratum.datasets.synth.CohortGenerator;
import dev.stratum.datasets.synth.GeneratorOptions;
import dev.stratum.jobs.FeatureJob;
import dev.stratum.jobs.FeatureJobOptions;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.matching.PatientIndex;
import dev.stratum.notebooks.store.SnapshotPatients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A small demo output as {@code stratum demo} lays it out ({@code raw/}, {@code store/}, {@code
 * index/}), built once per test JVM: 60 synthetic patients (seed 7), one Spark feature job in local
 * mode, one Lucene index. Kept small so that the tests that read it stay fast.
 */
public final class DemoStore {
  public static final int PATIENTS = 60;
  private static Path built;

  private DemoStore() {}

  /** The demo folder under {@code target/} (built on first use). */
  public static synchronized Path get() {
    if (built != null) {
      return built;
    }
    Path dir = Path.of("target", "demo-store").toAbsolutePath();
    Path store = dir.resolve("store");
    Path index = dir.resolve("index");
    try {
      if (!Files.isRegularFile(store.resolve("CURRENT"))) {
        deleteTree(dir);
        CohortGenerator.generate(
            new GeneratorOptions(
                PATIENTS,
                7,
                dev.stratum.datasets.synth.TrialCatalog.get().size(),
                GeneratorOptions.DEFAULT_STRATA,
                GeneratorOptions.DEFAULT_AS_OF,
                2),
            dir.resolve("raw"));
        SparkSession spark =
            FeatureJob.session(
                "local[2]",
                Map.of(
                    "spark.sql.shuffle.partitions",
                    "2",
                    "spark.default.parallelism",
                    "2",
                    "spark.ui.enabled",
                    "false"));
        try {
          FeatureJob.run(
              spark,
              FeatureJobOptions.of(
                  dir.resolve("raw"), store, Pseudonymizer.ofHex("5a".repeat(32))));
        } finally {
          spark.stop();
        }
      }
      FeatureSnapshot snap = FeatureStore.open(store).current();
      if (!Files.isRegularFile(dir.resolve("index.done"))) {
        deleteTree(index); // a build that failed half way
        PatientIndex.build(index, snap.id(), null, SnapshotPatients.of(snap));
        Files.writeString(dir.resolve("index.done"), snap.id());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    built = dir;
    return dir;
  }

  /** A shipped paragraph's text with its {@code demo-out/} paths pointing at {@link #get()}. */
  public static String localize(String text) {
    return text.replace("demo-out/", get().toString() + "/");
  }

  /** The inverse of {@link #localize}. */
  public static String unlocalize(String text) {
    return built == null ? text : text.replace(built.toString() + "/", "demo-out/");
  }

  /**
   * A private copy of the demo folder ({@code raw/}, {@code store/}, {@code index/}) in {@code
   * dir}, for tests that change the store: the shipped biostatistician note writes strata back (a
   * new current snapshot), which must not leak into the shared {@link #get()} folder that other
   * tests count snapshots in (and that survives between builds under {@code target/}).
   */
  public static Path copy(Path dir) {
    Path from = get();
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path to = dir.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().equals("write.lock")) {
          Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.toAbsolutePath();
  }

  /** {@link #localize} onto a {@link #copy}. */
  public static String localize(String text, Path copy) {
    return text.replace("demo-out/", copy.toAbsolutePath() + "/");
  }

  /** The inverse of {@link #localize(String, Path)}. */
  public static String unlocalize(String text, Path copy) {
    return text.replace(copy.toAbsolutePath() + "/", "demo-out/");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
