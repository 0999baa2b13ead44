package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StratifyCommandTest {
  @TempDir static Path dir;
  static Path expr;
  static Path prot;
  static Path surv;

  /** Three planted groups of 40/30/20 patients over 60 features, 6 of them shifted by 2 SD. */
  @BeforeAll
  static void cohort() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    int n = 90;
    int[] g = new int[n];
    for (int i = 0; i < n; i++) {
      g[i] = i < 40 ? 0 : i < 70 ? 1 : 2;
    }
    expr = dir.resolve("expression.tsv");
    prot = dir.resolve("protein.tsv");
    surv = dir.resolve("survival.csv");
    for (Path p : List.of(expr, prot)) {
      StringBuilder sb = new StringBuilder("feature_id");
      int cols = p == prot ? n - 3 : n; // three patients lack the protein layer
      for (int i = 0; i < cols; i++) {
        sb.append("\tS").append(i);
      }
      sb.append('\n');
      for (int f = 0; f < 60; f++) {
        sb.append(p == expr ? "gene" : "prot").append(f);
        for (int i = 0; i < cols; i++) {
          double shift = f < 6 ? 2.0 * ((g[i] + f) % 3 - 1) : 0;
          sb.append('\t')
              .append(
                  r.nextDouble() < 0.02
                      ? "NA"
                      : String.format(Locale.ROOT, "%.3f", 5 + shift + r.nextGaussian()));
        }
        sb.append('\n');
      }
      Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
    }
    StringBuilder s = new StringBuilder("person_id,time,event\n");
    for (int i = 0; i < n; i++) {
      s.append("S")
          .append(i)
          .append(',')
          .append(1 + r.nextInt(100))
          .append(',')
          .append(r.nextInt(2))
          .append('\n');
    }
    Files.writeString(surv, s.toString(), StandardCharsets.UTF_8);
  }

  static int run(StringWriter out, StringWriter err, String... args) {
    return Stratum.execute(args, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void stratifiesOmicsLayersAndWritesTheThreeFiles() throws Exception {
    Path outDir = dir.resolve("out");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        run(
            out,
            err,
            "stratify",
            "--role",
            "recruiter",
            "--approved-protocol",
            "test-fixture",
            "--omics",
            "expression=" + expr,
            "--omics",
            "protein=" + prot,
            "--survival",
            surv.toString(),
            "--k",
            "auto",
            // 90 patients, 6 signal features: the gap rule stops at k = 2 here (Gap(2) >=
            // Gap(3) - s(3)) while the silhouette finds the planted 3; the option is part of
            // the contract under test.
            "--k-criterion",
            "silhouette",
            "--seed",
            "7",
            "--resamples",
            "10",
            "--bootstraps",
            "5",
            "--min-cluster-size",
            "5",
            "--out",
            outDir.toString(),
            "--format",
            "json");
    assertEquals(0, code, err.toString());
    JsonNode j = Output.json().readTree(out.toString());
    assertEquals(3, j.get("k").asInt(), out.toString());
    assertEquals(90, j.get("samples").asInt());
    assertTrue(j.get("k_selection").size() >= 2);
    assertEquals("silhouette", j.get("chosen_by").asText());
    assertTrue(j.has("survival"));
    List<String> lines = Files.readAllLines(outDir.resolve("assignments.csv"));
    assertEquals("sample_id,cluster", lines.get(0));
    assertEquals(91, lines.size());
    assertTrue(Files.readString(outDir.resolve("model.json")).contains("\"schema_version\" : 1"));
    assertTrue(Files.readString(outDir.resolve("report.html")).contains("<svg"));
  }

  @Test
  void badInputIsExitCodeTwoWithALocation() throws Exception {
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "feature_id\tA\tB\ng1\t1\tx\n", StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(
        2,
        run(
            out,
            err,
            "stratify",
            "--role",
            "recruiter",
            "--approved-protocol",
            "test-fixture",
            "--omics",
            "expression=" + bad,
            "--out",
            dir.resolve("o2").toString()));
    assertTrue(err.toString().contains(bad + ":2: field 'B'"), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void storeIsRefusedClearlyAndKIsValidated() {
    StringWriter err = new StringWriter();
    assertEquals(
        2,
        run(
            new StringWriter(),
            err,
            "stratify",
            "--role",
            "recruiter",
            "--approved-protocol",
            "test-fixture",
            "--store",
            dir.toString(),
            "--out",
            dir.resolve("o3").toString()));
    assertTrue(err.toString().contains("--store"), err.toString());
    StringWriter err2 = new StringWriter();
    assertEquals(
        2,
        run(
            new StringWriter(),
            err2,
            "stratify",
            "--role",
            "recruiter",
            "--approved-protocol",
            "test-fixture",
            "--omics",
            "expression=" + expr,
            "--k",
            "1",
            "--out",
            dir.resolve("o4").toString()));
    assertTrue(err2.toString().contains("--k"), err2.toString());
    StringWriter err3 = new StringWriter();
    assertEquals(
        2,
        run(
            new StringWriter(),
            err3,
            "stratify",
            "--role",
            "recruiter",
            "--approved-protocol",
            "test-fixture",
            "--omics",
            "expression=" + expr,
            "--method",
            "dbscan",
            "--out",
            dir.resolve("o5").toString()));
    assertTrue(err3.toString().contains("unknown method"), err3.toString());
  }
}
