package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Stratum.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void generatesACohortAndPrintsJsonSummary(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("cohort");
    Result r =
        run(
            "generate",
            "--patients",
            "60",
            "--seed",
            "3",
            "--out",
            dir.toString(),
            "--trials",
            "10",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = Output.json().readTree(r.out());
    assertEquals(60, j.get("patients").asInt());
    assertEquals(60, j.get("rows").get("omop/person.csv").asInt());
    assertEquals(10, j.get("eligible").size());
    assertTrue(Files.isRegularFile(dir.resolve("manifest.json")));
    assertTrue(Files.isRegularFile(dir.resolve("trials/NCT90000110.json")));
    assertTrue(Files.notExists(dir.resolve("trials/NCT90000111.json")));
    assertEquals("", r.err());
  }

  @Test
  void badSizesAreUserErrorsWithExitCode2(@TempDir Path tmp) {
    for (String n : new String[] {"0", "-3"}) {
      Result r = run("generate", "--patients", n, "--seed", "1", "--out", tmp.toString());
      assertEquals(2, r.code(), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains("--patients") && r.err().contains("got " + n), r.err());
      assertEquals("", r.out());
    }
    Result r =
        run("generate", "--patients", "5", "--seed", "1", "--out", tmp.toString(), "--trials", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--trials"), r.err());
    r =
        run(
            "generate",
            "--patients",
            "5",
            "--seed",
            "1",
            "--out",
            tmp.toString(),
            "--as-of",
            "2025-13-01");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--as-of"), r.err());
    r = run("generate", "--patients", "lots", "--seed", "1", "--out", tmp.toString());
    assertEquals(2, r.code());
  }

  @Test
  void outThatIsAFileIsRejected(@TempDir Path tmp) throws Exception {
    Path f = Files.writeString(tmp.resolve("x.txt"), "x");
    Result r = run("generate", "--patients", "5", "--seed", "1", "--out", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("not a directory"), r.err());
  }
}
