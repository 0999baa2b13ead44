package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files: a 5-patient cohort (seed 1) must be byte-identical to the checked-in copy under
 * src/test/resources/.../golden. This pins the formats and the random streams across JDK updates
 * (e.g. a change in {@code RandomGenerator.nextGaussian}). When a change is intended, bump {@link
 * CohortGenerator#FORMAT_VERSION} if a format changed and regenerate the copy with {@code
 * -Dstratum.golden.update=true}.
 */
class GoldenCohortTest {
  static final Path GOLDEN =
      Path.of("src/test/resources/dev/stratum/datasets/synth/golden/seed1-n5");

  @Test
  void smallCohortMatchesTheGoldenFiles(@TempDir Path tmp) throws IOException {
    GeneratorOptions o = GeneratorOptions.of(5, 1).withThreads(1);
    if (Boolean.getBoolean("stratum.golden.update")) {
      CohortGenerator.generate(o, GOLDEN);
    }
    CohortGenerator.generate(o, tmp);
    Map<String, String> expected = DeterminismTest.hashes(GOLDEN);
    Map<String, String> actual = DeterminismTest.hashes(tmp);
    assertEquals(expected.keySet(), actual.keySet(), "file list");
    for (String f : expected.keySet()) {
      if (!expected.get(f).equals(actual.get(f))) {
        // Show the first differing line for a readable failure.
        String[] a = Files.readString(GOLDEN.resolve(f), StandardCharsets.UTF_8).split("\n", -1);
        String[] b = Files.readString(tmp.resolve(f), StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
          assertEquals(a[i], b[i], f + " line " + (i + 1));
        }
        assertEquals(a.length, b.length, f + " line count");
      }
    }
  }
}
