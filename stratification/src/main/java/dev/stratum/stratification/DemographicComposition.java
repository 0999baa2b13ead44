package dev.stratum.stratification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hipparchus.stat.inference.ChiSquareTest;

/**
 * Demographic composition of the clusters: for sex, race, ethnicity and age group, the patients of
 * each cluster per category and Pearson's chi-square test of independence of cluster and category
 * (Pearson 1900; no continuity correction, as R {@code chisq.test(table, correct = FALSE)}).
 * Patients whose value is unknown are counted in an {@code unknown} column but left out of the
 * test; categories and clusters with no known patient are dropped from the test.
 *
 * @param variables one entry per variable with at least one known value
 */
public record DemographicComposition(List<Variable> variables) {
  public DemographicComposition {
    variables = List.copyOf(variables);
  }

  /** The variables, in report order. */
  public static final List<String> VARIABLES = List.of("sex", "race", "ethnicity", "age group");

  /** The label of patients with no value. */
  public static final String UNKNOWN = "unknown";

  /**
   * One variable by cluster.
   *
   * @param name sex, race, ethnicity or age group
   * @param categories known categories (sorted), then {@code unknown} when any value is unknown
   * @param counts {@code [cluster][category]}
   * @param chiSquare Pearson's statistic over known values (NaN when fewer than 2 categories or 2
   *     clusters have known values)
   * @param df degrees of freedom (rows - 1)(columns - 1) of the tested table
   * @param p upper-tail chi-square p-value
   * @param minExpected smallest expected count of the tested table; below 5 the chi-square
   *     approximation is doubtful (Cochran 1954), as R warns
   */
  public record Variable(
      String name,
      List<String> categories,
      long[][] counts,
      double chiSquare,
      int df,
      double p,
      double minExpected) {
    public Variable {
      categories = List.copyOf(categories);
      long[][] c = new long[counts.length][];
      for (int i = 0; i < c.length; i++) {
        c[i] = counts[i].clone();
      }
      counts = c;
    }

    @Override
    public long[][] counts() {
      long[][] c = new long[counts.length][];
      for (int i = 0; i < c.length; i++) {
        c[i] = counts[i].clone();
      }
      return c;
    }
  }

  /** Composition of the clusters {@code labels} (0..k-1) of {@code sampleIds}. */
  public static DemographicComposition of(
      List<String> sampleIds,
      int[] labels,
      int k,
      Map<String, StudyContext.Demographics> demographics) {
    List<Variable> out = new ArrayList<>();
    if (demographics.isEmpty()) {
      return new DemographicComposition(out);
    }
    for (String var : VARIABLES) {
      // Sorted, with bands such as "<45" before "45-54".
      TreeSet<String> known =
          new TreeSet<>(
              java.util.Comparator.comparing((String c) -> !c.startsWith("<"))
                  .thenComparing(java.util.Comparator.naturalOrder()));
      boolean anyUnknown = false;
      String[] value = new String[sampleIds.size()];
      for (int i = 0; i < value.length; i++) {
        StudyContext.Demographics d = demographics.get(sampleIds.get(i));
        String v = d == null ? null : d.get(var);
        if (v == null || v.isBlank() || v.equalsIgnoreCase(UNKNOWN)) {
          anyUnknown = true;
        } else {
          value[i] = v;
          known.add(v);
        }
      }
      if (known.isEmpty()) {
        continue;
      }
      List<String> cats = new ArrayList<>(known);
      if (anyUnknown) {
        cats.add(UNKNOWN);
      }
      long[][] counts = new long[k][cats.size()];
      for (int i = 0; i < value.length; i++) {
        int c = value[i] == null ? cats.size() - 1 : cats.indexOf(value[i]);
        counts[labels[i]][c]++;
      }
      out.add(test(var, cats, counts, known.size()));
    }
    return new DemographicComposition(out);
  }

  /** Chi-square test on the known columns, dropping empty rows and columns. */
  static Variable test(String name, List<String> cats, long[][] counts, int knownColumns) {
    List<Integer> rows = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    for (int c = 0; c < knownColumns; c++) {
      long s = 0;
      for (long[] row : counts) {
        s += row[c];
      }
      if (s > 0) {
        cols.add(c);
      }
    }
    for (int r = 0; r < counts.length; r++) {
      long s = 0;
      for (int c : cols) {
        s += counts[r][c];
      }
      if (s > 0) {
        rows.add(r);
      }
    }
    if (rows.size() < 2 || cols.size() < 2) {
      return new Variable(name, cats, counts, Double.NaN, 0, Double.NaN, Double.NaN);
    }
    long[][] t = new long[rows.size()][cols.size()];
    long total = 0;
    long[] rowSum = new long[rows.size()];
    long[] colSum = new long[cols.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < cols.size(); j++) {
        t[i][j] = counts[rows.get(i)][cols.get(j)];
        rowSum[i] += t[i][j];
        colSum[j] += t[i][j];
        total += t[i][j];
      }
    }
    double minExpected = Double.POSITIVE_INFINITY;
    for (long rs : rowSum) {
      for (long cs : colSum) {
        minExpected = Math.min(minExpected, (double) rs * cs / total);
      }
    }
    ChiSquareTest test = new ChiSquareTest();
    return new Variable(
        name,
        cats,
        counts,
        test.chiSquare(t),
        (rows.size() - 1) * (cols.size() - 1),
        test.chiSquareTest(t),
        minExpected);
  }
}
