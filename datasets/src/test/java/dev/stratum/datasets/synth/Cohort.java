package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A cohort generated once per test JVM (1500 patients, seed 7) and read back with commons-csv, so
 * the tests check the files as a reader sees them, not the generator's memory.
 */
final class Cohort {
  static final long PATIENTS = 1500;
  static final long SEED = 7;

  private static Cohort shared;

  final Path dir;
  final GenerationSummary summary;
  final GeneratorOptions options;

  private Cohort(Path dir, GeneratorOptions options, GenerationSummary summary) {
    this.dir = dir;
    this.options = options;
    this.summary = summary;
  }

  static synchronized Cohort shared() {
    if (shared == null) {
      try {
        Path dir = Path.of("target", "test-cohort-" + SEED);
        Files.createDirectories(dir);
        GeneratorOptions o = GeneratorOptions.of(PATIENTS, SEED);
        shared = new Cohort(dir, o, CohortGenerator.generate(o, dir));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return shared;
  }

  private final Map<String, List<CSVRecord>> cache = new java.util.concurrent.ConcurrentHashMap<>();

  /** All records of a CSV file under the cohort directory, header by name (read once, cached). */
  List<CSVRecord> csv(String relative) {
    return cache.computeIfAbsent(relative, this::read);
  }

  private List<CSVRecord> read(String relative) {
    try (Reader r = Files.newBufferedReader(dir.resolve(relative), StandardCharsets.UTF_8)) {
      List<CSVRecord> out =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(r)
              .getRecords();
      return List.copyOf(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** person_id -> stratum from truth/strata.csv. */
  Map<Long, Integer> strata() {
    Map<Long, Integer> m = new TreeMap<>();
    for (CSVRecord r : csv("truth/strata.csv")) {
      m.put(Long.parseLong(r.get("person_id")), Integer.parseInt(r.get("stratum")));
    }
    assertEquals(PATIENTS, m.size());
    return m;
  }
}
