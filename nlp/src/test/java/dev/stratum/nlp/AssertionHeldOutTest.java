package dev.stratum.nlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.Experiencer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The held-out assertion set ({@code assertions-heldout.tsv}, 60 rows written after the rules were
 * frozen): its first run, before any fix, is the honest estimate reported in docs/clinical-nlp.md
 * (54/60 all right, negated recall 0.72). Five general misses were then fixed in the rules; the
 * floors guard the values after those fixes.
 */
class AssertionHeldOutTest {
  static final List<AssertionGoldTest.Row> ROWS = new ArrayList<>();
  static final List<AssertionStatus> PRED = new ArrayList<>();

  @BeforeAll
  static void score() throws IOException {
    AssertionGoldTest.load("assertions-heldout.tsv", ClinicalNlp.create(), ROWS, PRED);
  }

  private static void check(String name, Predicate<AssertionStatus> attr, double p, double r) {
    double[] s = AssertionGoldTest.pr(attr, ROWS, PRED);
    System.out.printf(
        Locale.ROOT, "held-out %-12s P=%.3f R=%.3f (gold %d)%n", name, s[0], s[1], (int) s[2]);
    assertTrue(s[0] >= p && s[1] >= r, name + " P=" + s[0] + " R=" + s[1]);
  }

  @Test
  void perAttribute() {
    check("negated", AssertionStatus::negated, 0.95, 0.9);
    check("uncertain", AssertionStatus::uncertain, 0.95, 0.95);
    check("historical", AssertionStatus::historical, 0.95, 0.95);
    check("family", s -> s.experiencer() == Experiencer.FAMILY, 0.85, 0.95);
    check("other", s -> s.experiencer() == Experiencer.OTHER, 0.95, 0.95);
    int ok = 0;
    for (int i = 0; i < ROWS.size(); i++) {
      ok += ROWS.get(i).gold().equals(PRED.get(i)) ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "held-out all four right: %d/%d%n", ok, ROWS.size());
    assertTrue(ok >= 57, "all four right: " + ok);
  }
}
