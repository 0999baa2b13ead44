package dev.stratum.cli;

import static dev.stratum.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @TempDir Path tmp;

  /** The hand-written raw-data fixture of the datasets module. */
  static Path good() {
    return Path.of(System.getProperty("stratum.root"), "datasets/src/test/resources/raw/good");
  }

  Path copyOfGood() throws IOException {
    Path dir = tmp.resolve("raw");
    try (Stream<Path> files = Files.walk(good())) {
      for (Path p : files.toList()) {
        Path target = dir.resolve(good().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return dir;
  }

  @Test
  void cleanDirectoryExitsZeroWithCountsOnly() {
    CliHarness r = run("validate", "--raw", good().toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().contains("omop/person.csv"), r.out());
    // totals: 38 records in 14 files (26 OMOP rows, 4 VCF sites, 6 omics rows, 2 trials), all
    // accepted (counted by hand from the fixture files)
    assertTrue(r.out().lines().anyMatch(l -> l.matches("total\\s+38\\s+38\\s+0\\s+ok")), r.out());
    // no patient data: no person id, no note text, no date of birth
    assertFalse(r.out().contains("1001"));
    assertFalse(r.out().contains("osimertinib"));
    assertFalse(r.out().contains("1961"));
  }

  @Test
  void jsonReport() throws IOException {
    CliHarness r = run("validate", "--raw", good().toString(), "--format", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode root = Output.json().readTree(r.out());
    assertTrue(root.get("clean").asBoolean());
    assertEquals(38, root.at("/totals/read").asLong());
    assertEquals(14, root.get("files").size());
    assertEquals("omop/person.csv", root.at("/files/0/file").asText());
    assertEquals(3, root.at("/files/0/accepted").asLong());
  }

  @Test
  void strictModeGivesOneLineWithPathLineAndField() throws IOException {
    Path dir = copyOfGood();
    Path m = dir.resolve("omop/measurement.csv");
    Files.writeString(m, Files.readString(m).replace(",g/dL,", ",g/dq,"), StandardCharsets.UTF_8);
    CliHarness r = run("validate", "--raw", dir.toString(), "--strict");
    assertEquals(2, r.exitCode());
    assertEquals("", r.out());
    assertEquals(
        "stratum: "
            + m
            + ":2: field 'unit_source_value': unknown unit 'g/dq' (expected a UCUM unit such as"
            + " mg/dL, %)\n",
        r.err().replace("\r\n", "\n"));
  }

  @Test
  void lenientModeReportsAndExitsTwo() throws IOException {
    Path dir = copyOfGood();
    Path p = dir.resolve("omop/person.csv");
    Files.writeString(p, Files.readString(p) + "1004,8507,1980\n", StandardCharsets.UTF_8);
    CliHarness r = run("validate", "--raw", dir.toString());
    assertEquals(2, r.exitCode());
    assertTrue(
        r.out()
            .lines()
            .anyMatch(
                l -> l.matches("omop/person\\.csv\\s+omop:person\\s+4\\s+3\\s+1\\s+quarantined")),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "omop/person.csv:5: field 'month_of_birth': row has 3 fields but the header has 18"
                    + " (truncated row)"),
        r.out());
    assertFalse(r.out().contains("1004"), "the raw record is not printed");
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("stratum: " + p + ":5: field 'month_of_birth'"), r.err());
  }

  @Test
  void missingDirectoryIsBadInput() {
    CliHarness r = run("validate", "--raw", tmp.resolve("nope").toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("not a directory"), r.err());
  }
}
