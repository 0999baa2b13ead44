package dev.stratum.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stratum.trust.SmallCellSuppression.Aggregate;
import dev.stratum.trust.SmallCellSuppression.Cell;
import dev.stratum.trust.SmallCellSuppression.Rule;
import dev.stratum.trust.SmallCellSuppression.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SmallCellSuppressionTest {
  private static final Rule RULE = Rule.standard();

  @Test
  void partitionHidesTheNextSmallestPartWhenOnlyOneIsSmall() {
    // eligible 5, needs review 40, ineligible 255, total 300: showing the total and 40 and 255
    // would give 5 = 300 - 40 - 255, so 40 (the next smallest) is hidden too.
    List<Cell> c =
        SmallCellSuppression.partition(
            "total", List.of("eligible", "review", "ineligible"), new long[] {5, 40, 255}, RULE);
    assertEquals("300", c.get(0).text());
    assertEquals("<11", c.get(1).text());
    assertEquals(Status.COMPLEMENTARY, c.get(2).status());
    assertEquals("suppressed", c.get(2).text());
    assertEquals("255", c.get(3).text());
  }

  @Test
  void funnelHidesAValueWhoseStepIsSmall() {
    // 300 -> 297 (3 excluded) -> 250 -> 8: 297 is hidden because 300 - 297 = 3; 250 is shown
    // (300 - 250 = 50); 8 is small.
    List<Cell> c =
        SmallCellSuppression.funnel(
            List.of("all", "c1", "c2", "c3"), new long[] {300, 297, 250, 8}, RULE);
    assertEquals(List.of("300", "suppressed", "250", "<11"), c.stream().map(Cell::text).toList());
  }

  @Test
  void isSafeRecognisesDisclosureByDifference() {
    long[] atoms = {95, 5};
    assertFalse(SmallCellSuppression.isSafe(atoms, List.of(new int[] {0, 1}, new int[] {0}), RULE));
    assertTrue(SmallCellSuppression.isSafe(atoms, List.of(new int[] {0, 1}), RULE));
    // 3 cells, two small ones hidden together: 100 - 80 = 20 = 12 + 8 is not a small group
    long[] three = {80, 12, 8};
    assertTrue(
        SmallCellSuppression.isSafe(three, List.of(new int[] {0, 1, 2}, new int[] {0}), RULE));
  }

  @Property(tries = 400)
  void partitionsNeverDiscloseASmallCell(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 60) Integer> parts) {
    long[] p = parts.stream().mapToLong(Integer::longValue).toArray();
    List<String> labels = IntStream.range(0, p.length).mapToObj(i -> "p" + i).toList();
    List<Cell> cells = SmallCellSuppression.partition("total", labels, p, RULE);
    List<int[]> shown = new ArrayList<>();
    if (cells.get(0).shown()) {
      shown.add(IntStream.range(0, p.length).toArray());
    }
    for (int i = 0; i < p.length; i++) {
      Cell c = cells.get(i + 1);
      assertEquals(c.shown(), c.text().equals(Long.toString(p[i])), "text of " + c);
      if (c.shown()) {
        shown.add(new int[] {i});
      }
    }
    assertNoSmallGroupDerivable(p, shown);
    // hidden parts are only hidden when needed: every small part is "<11"
    for (int i = 0; i < p.length; i++) {
      if (p[i] < 11) {
        assertEquals("<11", cells.get(i + 1).text());
      }
    }
  }

  @Property(tries = 400)
  void funnelsNeverDiscloseASmallStep(
      @ForAll @IntRange(min = 0, max = 200) int total,
      @ForAll @Size(min = 1, max = 7) List<@IntRange(min = 0, max = 40) Integer> drops) {
    long[] remaining = new long[drops.size() + 1];
    remaining[0] = total;
    for (int i = 0; i < drops.size(); i++) {
      remaining[i + 1] = Math.max(0, remaining[i] - drops.get(i));
    }
    List<String> labels = IntStream.range(0, remaining.length).mapToObj(i -> "r" + i).toList();
    List<Cell> cells = SmallCellSuppression.funnel(labels, remaining, RULE);
    // atoms: dropped at step 1..k, remaining at the end; r_i = atoms i..k
    int k = drops.size();
    long[] atoms = new long[k + 1];
    for (int i = 0; i < k; i++) {
      atoms[i] = remaining[i] - remaining[i + 1];
    }
    atoms[k] = remaining[k];
    List<int[]> shown = new ArrayList<>();
    List<Long> shownValues = new ArrayList<>();
    for (int i = 0; i <= k; i++) {
      if (cells.get(i).shown()) {
        shown.add(IntStream.rangeClosed(i, k).toArray());
        shownValues.add(remaining[i]);
      } else if (remaining[i] < 11) {
        assertEquals("<11", cells.get(i).text());
      }
    }
    // directly, and by any difference of two shown values
    for (int i = 0; i < shownValues.size(); i++) {
      assertTrue(shownValues.get(i) >= 11, "shown " + shownValues);
      for (int j = i + 1; j < shownValues.size(); j++) {
        assertTrue(shownValues.get(i) - shownValues.get(j) >= 11, "difference in " + shownValues);
      }
    }
    assertNoSmallGroupDerivable(atoms, shown);
  }

  @Property(tries = 200)
  void generalSuppressionOfAFunnelWithItsCountsIsSafe(
      @ForAll @Size(min = 2, max = 6) List<@IntRange(min = 0, max = 30) Integer> atomList) {
    // A funnel (suffix sums) plus "eligible" = last atom and "ineligible" = all but the last: the
    // shape the matching funnel and counts have together.
    long[] atoms = atomList.stream().mapToLong(Integer::longValue).toArray();
    int n = atoms.length;
    List<Aggregate> pub = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pub.add(new Aggregate("r" + i, IntStream.range(i, n).toArray()));
    }
    pub.add(new Aggregate("eligible", new int[] {n - 1}));
    pub.add(new Aggregate("ineligible", IntStream.range(0, n - 1).toArray()));
    List<Cell> cells = SmallCellSuppression.suppress(atoms, pub, RULE);
    List<int[]> shown = new ArrayList<>();
    for (int i = 0; i < pub.size(); i++) {
      if (cells.get(i).shown()) {
        shown.add(pub.get(i).atoms());
      }
    }
    assertTrue(SmallCellSuppression.isSafe(atoms, shown, RULE));
    assertNoSmallGroupDerivable(atoms, shown);
  }

  /**
   * Independent brute force: every combination of the shown sums with coefficients -1, 0, 1 (all
   * the combinations the structures here need) must not equal the indicator vector of a non-empty
   * group of atoms with fewer than 11 patients.
   */
  static void assertNoSmallGroupDerivable(long[] atoms, List<int[]> shown) {
    int m = shown.size();
    assertTrue(m <= 10, "too many shown sums for the brute force");
    int[] coef = new int[m];
    long combos = (long) Math.pow(3, m);
    for (long code = 1; code < combos; code++) {
      long c = code;
      for (int i = 0; i < m; i++) {
        coef[i] = (int) (c % 3) - 1;
        c /= 3;
      }
      int[] v = new int[atoms.length];
      for (int i = 0; i < m; i++) {
        for (int a : shown.get(i)) {
          v[a] += coef[i];
        }
      }
      boolean indicator = true;
      boolean nonEmpty = false;
      long sum = 0;
      for (int a = 0; a < v.length; a++) {
        if (v[a] != 0 && v[a] != 1) {
          indicator = false;
          break;
        }
        if (v[a] == 1) {
          nonEmpty = true;
          sum += atoms[a];
        }
      }
      if (indicator && nonEmpty && sum < 11) {
        fail(
            "group "
                + Arrays.toString(v)
                + " of "
                + sum
                + " patients derivable from "
                + Arrays.toString(coef)
                + " atoms "
                + Arrays.toString(atoms));
      }
    }
  }
}
