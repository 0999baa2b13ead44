package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and options give byte-identical output whatever the thread count; seeds matter. */
class DeterminismTest {

  /** SHA-256 of every file under {@code dir}, keyed by relative path (sorted). */
  static Map<String, String> hashes(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        try {
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          out.put(
              dir.relativize(p).toString(),
              HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  @Test
  void sameSeedIsByteIdenticalAcrossThreadCounts(@TempDir Path tmp) throws IOException {
    // 330 patients in chunks of 100: four chunks and four VCF files, so chunk order matters.
    GeneratorOptions o = GeneratorOptions.of(330, 11);
    CohortGenerator.generate(o.withThreads(1), tmp.resolve("a"), x -> {}, 100);
    CohortGenerator.generate(o.withThreads(3), tmp.resolve("b"), x -> {}, 100);
    Map<String, String> a = hashes(tmp.resolve("a"));
    assertEquals(a, hashes(tmp.resolve("b")));
    assertEquals(
        List.of(
            "genomics/somatic_00000.vcf",
            "genomics/somatic_00001.vcf",
            "genomics/somatic_00002.vcf",
            "genomics/somatic_00003.vcf"),
        a.keySet().stream().filter(k -> k.endsWith(".vcf")).toList());
  }

  @Test
  void differentSeedGivesDifferentData(@TempDir Path tmp) throws IOException {
    CohortGenerator.generate(GeneratorOptions.of(100, 1), tmp.resolve("a"));
    CohortGenerator.generate(GeneratorOptions.of(100, 2), tmp.resolve("b"));
    Map<String, String> a = hashes(tmp.resolve("a"));
    Map<String, String> b = hashes(tmp.resolve("b"));
    for (String f :
        List.of("omop/person.csv", "omop/note.csv", "omics/expression.tsv", "truth/strata.csv")) {
      assertNotEquals(a.get(f), b.get(f), f);
    }
    // The trial files do not depend on the seed.
    assertEquals(a.get("trials/NCT90000101.json"), b.get("trials/NCT90000101.json"));
  }

  @Test
  void aPatientDoesNotDependOnCohortSize(@TempDir Path tmp) throws IOException {
    // Patient i draws from the i-th split of the master seed: the first 100 patients of a cohort
    // of 100 and of 150 are the same people.
    CohortGenerator.generate(GeneratorOptions.of(100, 5), tmp.resolve("a"));
    CohortGenerator.generate(GeneratorOptions.of(150, 5), tmp.resolve("b"));
    List<String> a = Files.readAllLines(tmp.resolve("a/omop/person.csv"));
    List<String> b = Files.readAllLines(tmp.resolve("b/omop/person.csv"));
    assertEquals(a, b.subList(0, a.size()));
  }
}
