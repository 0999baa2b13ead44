package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trial designer's commands as CLI.md specifies them: flags, JSON keys, exit codes. Expected
 * numbers come from R (power.t.test, power.prop.test) and gsDesign as cited.
 */
class TrialDesignerCommandsTest {
  private static final Path SHIPPED =
      Path.of(System.getProperty("stratum.root"), "docs/designs/gs-survival-3look.json");

  record Run(int code, String out, String err) {
    JsonNode json() {
      try {
        return Output.json().readTree(out);
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out, e);
      }
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Stratum.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void meansMatchesPowerTTest() {
    Run r =
        run(
            "sample-size",
            "means",
            "--delta",
            "0.5",
            "--sd",
            "1",
            "--power",
            "0.8",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    // R 4.2.2: power.t.test(delta=0.5, sd=1, power=0.8, tol=1e-12)$n = 63.76576372
    assertEquals(63.76576372, j.get("n_per_group").asDouble(), 1e-6);
    assertEquals(64, j.get("n_per_group_ceil").asInt());
    assertEquals(2 * 63.76576372, j.get("n_total").asDouble(), 1e-5);
    assertEquals(0.8, j.get("power").asDouble(), 0);
  }

  @Test
  void meansSolvesForPower() {
    Run r =
        run(
            "sample-size",
            "means",
            "--delta",
            "1",
            "--sd",
            "1",
            "--n",
            "20",
            "--strict",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    // R: power.t.test(n=20, delta=1, sd=1, strict=TRUE)$power = 0.868953027724586
    assertEquals(0.868953027724586, r.json().get("power").asDouble(), 1e-9);
  }

  @Test
  void proportionsMatchesPowerPropTest() {
    Run r =
        run(
            "sample-size",
            "proportions",
            "--p1",
            "0.5",
            "--p2",
            "0.75",
            "--power",
            "0.9",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    // R: power.prop.test(p1=0.5, p2=0.75, power=0.9, tol=1e-12)$n = 76.70692845
    assertEquals(76.70692845, r.json().get("n_per_group").asDouble(), 1e-6);
  }

  @Test
  void survivalEventsAndSubjects() {
    Run r =
        run(
            "sample-size",
            "survival",
            "--hr",
            "0.7",
            "--power",
            "0.8",
            "--median-control",
            "12",
            "--accrual-time",
            "24",
            "--follow-up",
            "12",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    // Schoenfeld: (z_.975 + z_.8)^2 / (0.25 log(0.7)^2) = 246.7871045 (shared reference S01);
    // rpact getSampleSizeSurvival(..., accrualTime=c(0,24), followUpTime=12, median2=12):
    // maxNumberOfSubjects = 369.574139587878
    assertEquals(246.7871045, j.get("events").asDouble(), 1e-6);
    assertEquals(369.574139587878, j.get("n_total").asDouble(), 1e-6);
  }

  @Test
  void gsdMatchesGsDesign() {
    Run r =
        run(
            "gsd",
            "--looks",
            "3",
            "--sided",
            "2",
            "--alpha",
            "0.05",
            "--beta",
            "0.1",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    // gsDesign(k=3, test.type=2, sfu=sfLDOF, alpha=0.025, beta=0.1) (shared reference G01)
    assertEquals(3.710302873, j.get("upper_z").get(0).asDouble(), 1e-6);
    assertEquals(-1.993047522, j.get("lower_z").get(2).asDouble(), 1e-6);
    assertEquals(1.011852484, j.get("inflation_factor").asDouble(), 1e-6);
    assertEquals(0.006048389138, j.get("cumulative_alpha").get(1).asDouble(), 1e-6);
  }

  @Test
  void gsdTableFormat() {
    Run r = run("gsd", "--looks", "2", "--upper", "pocock", "--format", "table");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("look  timing  upper_z"), r.out());
  }

  @Test
  void simulateShippedDesign() {
    Run r =
        run(
            "simulate",
            "--design",
            SHIPPED.toString(),
            "--reps",
            "1000",
            "--seed",
            "1",
            "--threads",
            "2",
            "--format",
            "json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = r.json();
    double power = j.get("power").asDouble();
    double analytic = j.get("analytic_power").asDouble();
    assertEquals(analytic, power, 4 * Math.sqrt(analytic * (1 - analytic) / 1000));
    assertEquals(3, j.get("looks").size());
    assertTrue(j.get("power_se").asDouble() > 0);
    // same seed, other thread count: the same numbers
    Run again =
        run(
            "simulate",
            "--design",
            SHIPPED.toString(),
            "--reps",
            "1000",
            "--seed",
            "1",
            "--threads",
            "1",
            "--format",
            "json");
    assertEquals(power, again.json().get("power").asDouble(), 0);
    assertEquals(
        j.get("expected_duration").asDouble(), again.json().get("expected_duration").asDouble(), 0);
  }

  @Test
  void badOptionValueExitsTwoWithOneLine() {
    Run r =
        run(
            "sample-size",
            "means",
            "--delta",
            "0.5",
            "--sd",
            "-1",
            "--power",
            "0.8",
            "--format",
            "json");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals(
        "stratum: option '--sd': sd must be a finite number > 0, got -1.0", r.err().strip());
  }

  @Test
  void powerAndSizeTogetherIsAUsageError() {
    Run r =
        run(
            "sample-size",
            "proportions",
            "--p1",
            "0.3",
            "--p2",
            "0.5",
            "--power",
            "0.8",
            "--n",
            "40");
    assertEquals(2, r.code());
    assertFalse(r.err().isBlank());
  }

  @Test
  void badGsdSpendingFunction() {
    Run r = run("gsd", "--looks", "3", "--upper", "hsd:x");
    assertEquals(2, r.code());
    assertEquals(
        "stratum: option '--upper': spending parameter must be a number, got 'x'", r.err().strip());
  }

  @Test
  void badDesignFileNamesFileLineAndField(@TempDir Path dir) throws IOException {
    String text =
        Files.readString(SHIPPED, StandardCharsets.UTF_8)
            .replace("\"hazard_ratio\": 0.7", "\"hazard_ratio\": 0");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, text, StandardCharsets.UTF_8);
    Run r = run("simulate", "--design", bad.toString(), "--reps", "10", "--seed", "1");
    assertEquals(2, r.code());
    String line = r.err().strip();
    assertFalse(line.contains("\n"), line);
    assertTrue(
        line.startsWith("stratum: " + bad + ":13: field 'endpoint.hazard_ratio': hazard ratio"),
        line);
  }

  @Test
  void simulateWritesPlots(@TempDir Path dir) throws IOException {
    Path duration = dir.resolve("duration.svg");
    Path curve = dir.resolve("curve.svg");
    Run r =
        run(
            "simulate",
            "--design",
            SHIPPED.toString(),
            "--reps",
            "200",
            "--seed",
            "5",
            "--format",
            "json",
            "--plot",
            duration.toString(),
            "--power-curve",
            curve.toString(),
            "--curve-points",
            "3",
            "--report",
            dir.resolve("report.html").toString());
    assertEquals(0, r.code(), r.err());
    r.json(); // stdout stays pure JSON
    assertTrue(Files.readString(duration, StandardCharsets.UTF_8).contains("<svg"));
    assertTrue(Files.readString(curve, StandardCharsets.UTF_8).contains("Power curve"));
    String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("<svg") && html.contains("P(reject H0)"), html);
  }
}
