package dev.stratum.nlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.Experiencer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores the ConText implementation on the hand-written test set {@code assertions-gold.tsv} (every
 * trigger class, pseudo-triggers, terminators, double negation, sections, lists; each row names the
 * rule it tests). Floors are the measured values of this commit rounded down, so a regression fails
 * the build; docs/clinical-nlp.md reports the numbers.
 */
class AssertionGoldTest {
  record Row(String id, String sentence, String target, AssertionStatus gold, String rule) {}

  static final List<Row> ROWS = new ArrayList<>();
  static final List<AssertionStatus> PRED = new ArrayList<>();

  @BeforeAll
  static void score() throws IOException {
    load("assertions-gold.tsv", ClinicalNlp.create(), ROWS, PRED);
  }

  /** Reads a test set and judges every row; {@code \\n} in a sentence stands for a newline. */
  static void load(String resource, ClinicalNlp nlp, List<Row> rows, List<AssertionStatus> pred)
      throws IOException {
    try (InputStream in = AssertionGoldTest.class.getResourceAsStream(resource);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split("\t", -1);
        AssertionStatus gold =
            new AssertionStatus(
                Boolean.parseBoolean(f[3]),
                Boolean.parseBoolean(f[4]),
                Boolean.parseBoolean(f[5]),
                Experiencer.valueOf(f[6].toUpperCase(Locale.ROOT)));
        rows.add(new Row(f[0], f[1].replace("\\n", "\n"), f[2], gold, f[7]));
      }
    }
    for (Row row : rows) {
      AssertionStatus p = nlp.assertion(row.sentence(), row.target());
      pred.add(p);
      if (!p.equals(row.gold())) {
        System.out.println(
            "MISS "
                + row.id()
                + " ["
                + row.rule()
                + "] "
                + row.sentence()
                + " | "
                + row.target()
                + " gold="
                + row.gold()
                + " got="
                + p);
      }
    }
  }

  static double[] pr(Predicate<AssertionStatus> attr) {
    return pr(attr, ROWS, PRED);
  }

  static double[] pr(Predicate<AssertionStatus> attr, List<Row> rows, List<AssertionStatus> pred) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < rows.size(); i++) {
      boolean g = attr.test(rows.get(i).gold());
      boolean p = attr.test(pred.get(i));
      tp += g && p ? 1 : 0;
      fp += !g && p ? 1 : 0;
      fn += g && !p ? 1 : 0;
    }
    double precision = (double) tp / (tp + fp);
    double recall = (double) tp / (tp + fn);
    return new double[] {precision, recall, tp + fn};
  }

  private static void check(
      String name, Predicate<AssertionStatus> attr, double floorP, double floorR) {
    double[] s = pr(attr);
    System.out.printf(Locale.ROOT, "%-12s P=%.3f R=%.3f (gold %d)%n", name, s[0], s[1], (int) s[2]);
    assertTrue(s[0] >= floorP && s[1] >= floorR, name + " P=" + s[0] + " R=" + s[1]);
  }

  @Test
  void hasAtLeast200RowsCoveringEveryRule() {
    assertTrue(ROWS.size() >= 200, "rows: " + ROWS.size());
    for (String rule :
        List.of(
            "negation-forward",
            "negation-backward",
            "pseudo-negation",
            "scope-terminator",
            "double-negation",
            "uncertain",
            "hypothetical",
            "historical",
            "family",
            "other",
            "section",
            "lists",
            "target-matching")) {
      assertTrue(ROWS.stream().anyMatch(r -> r.rule().equals(rule)), rule);
    }
  }

  @Test
  void negated() {
    check("negated", AssertionStatus::negated, 0.95, 0.95);
  }

  @Test
  void uncertain() {
    check("uncertain", AssertionStatus::uncertain, 0.95, 0.95);
  }

  @Test
  void historical() {
    check("historical", AssertionStatus::historical, 0.9, 0.9);
  }

  @Test
  void family() {
    check("family", s -> s.experiencer() == Experiencer.FAMILY, 0.95, 0.95);
  }

  @Test
  void other() {
    check("other", s -> s.experiencer() == Experiencer.OTHER, 0.85, 0.85);
  }

  @Test
  void exactStatus() {
    int ok = 0;
    for (int i = 0; i < ROWS.size(); i++) {
      ok += ROWS.get(i).gold().equals(PRED.get(i)) ? 1 : 0;
    }
    double acc = (double) ok / ROWS.size();
    System.out.printf(
        Locale.ROOT, "all four attributes right: %.3f (%d/%d)%n", acc, ok, ROWS.size());
    assertTrue(acc >= 0.95, "accuracy " + acc);
  }
}
