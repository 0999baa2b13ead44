package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratum.jobs.Pseudonymizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One generated cohort and its Spark-built feature store per test JVM, shared (read-only) by the
 * test classes that need a store built from generated data with planted truth ({@link
 * MatchCommandTest}, {@link IdentifierScanTest}): {@code stratum generate --patients 600 --seed 11}
 * then {@code stratum features --as-of 2025-06-30 --master local[2]}. Built on first use (one Spark
 * job instead of one per class), deleted when the JVM exits. Users must not write into it.
 */
final class GeneratedStore {
  static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
  static final String KEY_HEX = "0123456789abcdef".repeat(4);

  /**
   * @param raw the generated raw data (omop/, omics/, trials/, truth/)
   * @param store the feature store built from it
   * @param keyFile the pseudonym key file
   * @param key the pseudonymizer of that key
   */
  record Built(Path raw, Path store, Path keyFile, Pseudonymizer key) {}

  private static Built built;

  private GeneratedStore() {}

  static synchronized Built get() {
    if (built == null) {
      built = build();
    }
    return built;
  }

  private static Built build() {
    try {
      // -Dstratum.test.generatedStore=DIR keeps the build in DIR and reuses it (development)
      String keep = System.getProperty("stratum.test.generatedStore");
      Path dir;
      if (keep != null) {
        dir = Path.of(keep);
        Files.createDirectories(dir);
      } else {
        dir = Files.createTempDirectory("stratum-generated-store-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      }
      Path raw = dir.resolve("raw");
      Path store = dir.resolve("store");
      Path keyFile = dir.resolve("key.hex");
      if (keep != null && Files.isDirectory(store.resolve("snapshots"))) {
        return new Built(raw, store, keyFile, Pseudonymizer.fromKeyFile(keyFile));
      }
      Files.writeString(keyFile, KEY_HEX + "\n", StandardCharsets.US_ASCII);
      CliHarness g =
          CliHarness.run("generate", "--patients", "600", "--seed", "11", "--out", raw.toString());
      assertEquals(0, g.exitCode(), g.err());
      CliHarness f =
          CliHarness.run(
              "features",
              "--raw",
              raw.toString(),
              "--store",
              store.toString(),
              "--key-file",
              keyFile.toString(),
              "--as-of",
              AS_OF.toString(),
              "--master",
              "local[2]",
              "--format",
              "json");
      assertEquals(0, f.exitCode(), f.err());
      return new Built(raw, store, keyFile, Pseudonymizer.fromKeyFile(keyFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }
}
