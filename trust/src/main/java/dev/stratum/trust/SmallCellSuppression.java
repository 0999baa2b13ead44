package dev.stratum.trust;

import dev.stratum.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Small-cell suppression for the counts-only role: primary suppression of every count below the
 * threshold (11, shown as {@code "<11"}) and complementary suppression of further counts so that no
 * suppressed count can be recovered exactly from the published ones by sums and differences.
 *
 * <p><b>Model.</b> Published counts are sums over disjoint <em>atoms</em> (groups of patients). A
 * set of published counts discloses an atom group {@code g} (a set of atoms) exactly when the
 * indicator vector of {@code g} lies in the linear span of the indicator vectors of the shown
 * counts; then {@code count(g)} is a linear combination of shown numbers. The shown set is safe
 * when no group whose count is sensitive (below the threshold; zero included when {@link
 * Rule#protectZeros}) is disclosed. This is the "exact disclosure by linear combination" criterion
 * of tabular statistical disclosure control (Hundepool A, Domingo-Ferrer J, Franconi L, Giessing S,
 * Schulte Nordholt E, Spicer K, de Wolf PP. <i>Statistical Disclosure Control</i>. Wiley, 2012, ch.
 * 4 "Magnitude tabular data" and ch. 5 "Frequency tables": primary and secondary (complementary)
 * suppression). Interval (bounds) disclosure is not protected beyond the fact that a suppressed
 * small count is only known to be in [0, threshold-1].
 *
 * <p><b>Structures.</b>
 *
 * <ul>
 *   <li>{@link #partition}: a total and its parts (eligible / needs review / ineligible; patients
 *       per stratum; composition by sex). With the total shown, the hidden parts' sum is disclosed,
 *       so hidden parts are added smallest first until their sum is not sensitive (the classic
 *       one-dimensional secondary suppression, Hundepool et al. 2012 sec. 4.4).
 *   <li>{@link #funnel}: the screening funnel, patients remaining after each criterion. Its atoms
 *       are the patients dropped at each step and those remaining at the end; shown values are
 *       suffix sums, and the groups they disclose are exactly the unions of the stretches between
 *       consecutive shown values. A value is shown, scanning from the total on, only when it and
 *       its difference to the last shown value are both not sensitive. Because a funnel never
 *       grows, small values form a tail and are all {@code "<11"}.
 *   <li>{@link #suppress}: any other set of sums over at most {@value #MAX_ATOMS} atoms, greedily
 *       in the given priority order with the exact span check {@link #isSafe}.
 * </ul>
 *
 * Greedy suppression is safe but not minimal (minimal secondary suppression is NP-hard in general,
 * Kelly, Golden and Assad 1992, Networks 22:397); for partitions and funnels it hides the fewest
 * and smallest counts the structure allows scanning in its order.
 */
public final class SmallCellSuppression {

  /** Largest number of atoms {@link #suppress} and {@link #isSafe} accept (2^atoms subsets). */
  public static final int MAX_ATOMS = 20;

  private SmallCellSuppression() {}

  /**
   * The suppression rule.
   *
   * @param threshold smallest count that may be shown (11: cells of 1-10 are suppressed, the CMS
   *     cell-size suppression policy and issue 9)
   * @param protectZeros whether a zero count is sensitive too (true by default: "cells below 11")
   */
  public record Rule(int threshold, boolean protectZeros) {
    public Rule {
      if (threshold < 1 || threshold > 1_000_000) {
        throw InvalidInputException.ofArgument(
            "threshold", "must be in [1, 1000000], got " + threshold);
      }
    }

    /** Threshold 11, zeros protected. */
    public static Rule standard() {
      return new Rule(11, true);
    }

    /** Whether a count may not be disclosed. */
    public boolean sensitive(long count) {
      return count < threshold && (protectZeros || count > 0);
    }

    /** The text shown for a suppressed small count, {@code "<11"}. */
    public String smallText() {
      return "<" + threshold;
    }
  }

  /** Why a count is or is not shown. */
  public enum Status {
    /** Published as is. */
    SHOWN,
    /** Primary suppression: below the threshold, shown as {@code "<11"}. */
    SMALL,
    /** Complementary suppression: not small itself, hidden so a small count cannot be derived. */
    COMPLEMENTARY
  }

  /**
   * One published count after suppression.
   *
   * @param label what it counts
   * @param value the true count (for the caller only; never print it unless {@link #shown()})
   * @param status whether it is shown
   * @param smallText the text of a small count, e.g. {@code "<11"}
   */
  public record Cell(String label, long value, Status status, String smallText) {
    public Cell {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(status, "status");
    }

    public boolean shown() {
      return status == Status.SHOWN;
    }

    /** The value as output shows it: the number, {@code "<11"}, or {@code "suppressed"}. */
    public String text() {
      return switch (status) {
        case SHOWN -> Long.toString(value);
        case SMALL -> smallText;
        case COMPLEMENTARY -> "suppressed";
      };
    }

    /** For JSON: a {@link Long} when shown, else the text. */
    public Object json() {
      return shown() ? (Object) value : text();
    }
  }

  /**
   * A published count as a sum of atoms.
   *
   * @param label what it counts
   * @param atoms indices of the atoms it sums (distinct, in [0, number of atoms))
   */
  public record Aggregate(String label, int[] atoms) {
    public Aggregate {
      Objects.requireNonNull(label, "label");
      atoms = atoms.clone();
    }

    @Override
    public int[] atoms() {
      return atoms.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Aggregate a && a.label.equals(label) && Arrays.equals(a.atoms, atoms);
    }

    @Override
    public int hashCode() {
      return 31 * label.hashCode() + Arrays.hashCode(atoms);
    }

    @Override
    public String toString() {
      return label + Arrays.toString(atoms);
    }
  }

  /**
   * Suppression of a total and its parts; the result is the total first, then the parts in order.
   *
   * @param parts non-negative counts; their sum is the total
   */
  public static List<Cell> partition(String totalLabel, List<String> labels, long[] parts, Rule r) {
    if (labels.size() != parts.length) {
      throw InvalidInputException.ofArgument(
          "parts", labels.size() + " labels for " + parts.length + " counts");
    }
    long total = 0;
    for (long p : parts) {
      if (p < 0) {
        throw InvalidInputException.ofArgument("parts", "counts must be >= 0, got " + p);
      }
      total += p;
    }
    Status[] st = new Status[parts.length];
    long hiddenSum = 0;
    int hidden = 0;
    for (int i = 0; i < parts.length; i++) {
      st[i] = r.sensitive(parts[i]) ? Status.SMALL : Status.SHOWN;
      if (st[i] != Status.SHOWN) {
        hiddenSum += parts[i];
        hidden++;
      }
    }
    Status totalStatus = r.sensitive(total) ? Status.SMALL : Status.SHOWN;
    if (totalStatus == Status.SHOWN && hidden > 0) {
      // The total minus the shown parts discloses the hidden parts' sum: hide more, smallest
      // first, until that sum is not sensitive (all parts hidden sum to the shown total).
      Integer[] order = IntStream.range(0, parts.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingLong((Integer i) -> parts[i]).thenComparing(i -> i));
      for (int k = 0; k < order.length && r.sensitive(hiddenSum); k++) {
        int i = order[k];
        if (st[i] == Status.SHOWN) {
          st[i] = Status.COMPLEMENTARY;
          hiddenSum += parts[i];
        }
      }
    }
    List<Cell> out = new ArrayList<>();
    out.add(new Cell(totalLabel, total, totalStatus, r.smallText()));
    for (int i = 0; i < parts.length; i++) {
      out.add(new Cell(labels.get(i), parts[i], st[i], r.smallText()));
    }
    return List.copyOf(out);
  }

  /**
   * Suppression of a screening funnel.
   *
   * @param labels one per value: the first is the starting population, then each criterion
   * @param remaining patients remaining: the total, then after each criterion; never increasing
   */
  public static List<Cell> funnel(List<String> labels, long[] remaining, Rule r) {
    if (labels.size() != remaining.length) {
      throw InvalidInputException.ofArgument(
          "funnel", labels.size() + " labels for " + remaining.length + " counts");
    }
    for (int i = 0; i < remaining.length; i++) {
      if (remaining[i] < 0 || (i > 0 && remaining[i] > remaining[i - 1])) {
        throw InvalidInputException.ofArgument(
            "funnel",
            "remaining counts must be >= 0 and never increase, got " + Arrays.toString(remaining));
      }
    }
    List<Cell> out = new ArrayList<>();
    long lastShown = -1;
    for (int i = 0; i < remaining.length; i++) {
      long v = remaining[i];
      Status s;
      if (r.sensitive(v)) {
        s = Status.SMALL;
      } else if (lastShown >= 0 && r.sensitive(lastShown - v)) {
        s = Status.COMPLEMENTARY;
      } else {
        s = Status.SHOWN;
        lastShown = v;
      }
      out.add(new Cell(labels.get(i), v, s, r.smallText()));
    }
    return List.copyOf(out);
  }

  /**
   * General greedy suppression: each aggregate, in the given priority order, is shown when it is
   * not sensitive and the shown set stays {@link #isSafe safe}.
   *
   * @param atoms the atoms' counts (at most {@value #MAX_ATOMS})
   * @return one cell per aggregate, in the given order
   */
  public static List<Cell> suppress(long[] atoms, List<Aggregate> published, Rule r) {
    checkAtoms(atoms);
    List<int[]> shown = new ArrayList<>();
    List<Cell> out = new ArrayList<>();
    for (Aggregate a : published) {
      long v = sum(atoms, a.atoms);
      if (r.sensitive(v)) {
        out.add(new Cell(a.label(), v, Status.SMALL, r.smallText()));
        continue;
      }
      shown.add(a.atoms);
      if (isSafe(atoms, shown, r)) {
        out.add(new Cell(a.label(), v, Status.SHOWN, r.smallText()));
      } else {
        shown.remove(shown.size() - 1);
        out.add(new Cell(a.label(), v, Status.COMPLEMENTARY, r.smallText()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether publishing these sums discloses no sensitive group: for every non-empty set of atoms
   * whose total count is sensitive, its indicator vector is outside the span of the shown sums'
   * indicator vectors. Exhaustive over the sensitive groups (pruned depth-first by their count),
   * with the span membership test {@code N g = 0} for a basis {@code N} of the null space of the
   * shown sums (Gaussian elimination with partial pivoting; entries are 0/1 and at most {@value
   * #MAX_ATOMS} columns, so a tolerance of 1e-9 separates zero from non-zero).
   */
  public static boolean isSafe(long[] atoms, List<int[]> shownAggregates, Rule r) {
    checkAtoms(atoms);
    int n = atoms.length;
    double[][] nullBasisColumns = nullSpaceColumns(n, shownAggregates);
    int dim = nullBasisColumns.length == 0 ? 0 : nullBasisColumns[0].length;
    return safeFrom(0, atoms, nullBasisColumns, new double[dim], 0, false, r);
  }

  private static boolean safeFrom(
      int next, long[] atoms, double[][] cols, double[] acc, long sum, boolean nonEmpty, Rule r) {
    if (nonEmpty && r.sensitive(sum) && isZero(acc)) {
      return false;
    }
    for (int j = next; j < atoms.length; j++) {
      long s = sum + atoms[j];
      if (s >= r.threshold()) {
        continue; // adding more atoms never makes a group smaller
      }
      double[] a = acc.clone();
      for (int d = 0; d < a.length; d++) {
        a[d] += cols[j][d];
      }
      if (!safeFrom(j + 1, atoms, cols, a, s, true, r)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(double[] v) {
    for (double x : v) {
      if (Math.abs(x) > 1e-9) {
        return false;
      }
    }
    return true;
  }

  /** Column j of a null-space basis matrix (dimension n - rank), one array per atom. */
  private static double[][] nullSpaceColumns(int n, List<int[]> rows) {
    double[][] m = new double[rows.size()][n];
    for (int i = 0; i < rows.size(); i++) {
      for (int a : rows.get(i)) {
        if (a < 0 || a >= n) {
          throw InvalidInputException.ofArgument(
              "aggregate", "atom index " + a + " outside [0, " + n + ")");
        }
        m[i][a] = 1;
      }
    }
    int[] pivotCol = new int[m.length];
    int rank = 0;
    for (int c = 0; c < n && rank < m.length; c++) {
      int best = rank;
      for (int i = rank + 1; i < m.length; i++) {
        if (Math.abs(m[i][c]) > Math.abs(m[best][c])) {
          best = i;
        }
      }
      if (Math.abs(m[best][c]) < 1e-9) {
        continue;
      }
      double[] t = m[rank];
      m[rank] = m[best];
      m[best] = t;
      double p = m[rank][c];
      for (int k = 0; k < n; k++) {
        m[rank][k] /= p;
      }
      for (int i = 0; i < m.length; i++) {
        if (i != rank && Math.abs(m[i][c]) > 0) {
          double f = m[i][c];
          for (int k = 0; k < n; k++) {
            m[i][k] -= f * m[rank][k];
          }
        }
      }
      pivotCol[rank++] = c;
    }
    boolean[] isPivot = new boolean[n];
    for (int i = 0; i < rank; i++) {
      isPivot[pivotCol[i]] = true;
    }
    List<Integer> free = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      if (!isPivot[c]) {
        free.add(c);
      }
    }
    // Null-space vector for free column f: 1 at f, -m[i][f] at pivot column of row i.
    double[][] cols = new double[n][free.size()];
    for (int k = 0; k < free.size(); k++) {
      int f = free.get(k);
      cols[f][k] = 1;
      for (int i = 0; i < rank; i++) {
        cols[pivotCol[i]][k] = -m[i][f];
      }
    }
    return cols;
  }

  private static void checkAtoms(long[] atoms) {
    if (atoms.length > MAX_ATOMS) {
      throw InvalidInputException.ofArgument(
          "atoms", "at most " + MAX_ATOMS + " atoms, got " + atoms.length);
    }
    for (long a : atoms) {
      if (a < 0) {
        throw InvalidInputException.ofArgument("atoms", "counts must be >= 0, got " + a);
      }
    }
  }

  private static long sum(long[] atoms, int[] idx) {
    long s = 0;
    for (int i : idx) {
      s += atoms[i];
    }
    return s;
  }
}
