package dev.stratum.stratification.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.special.Gamma;

/**
 * The k-sample log-rank test (Mantel 1966; Peto and Peto 1972), the test R's {@code
 * survival::survdiff} computes with rho = 0: at every distinct event time, O - E per group and the
 * hypergeometric covariance V(g,h) = d (n - d) / (n - 1) * n_g / n * (delta_gh - n_h / n);
 * chi-square = (O - E)' V^- (O - E) on k - 1 degrees of freedom (first k - 1 groups). The
 * permutation p-value relabels patients at random (Good 2005, Permutation Tests) and counts
 * statistics at least as large, (b + 1) / (B + 1).
 *
 * @param observed observed events per group
 * @param expected expected events per group under equal hazards
 * @param chiSquare the statistic
 * @param df degrees of freedom, groups with patients minus 1
 * @param p chi-square p-value
 * @param permutationP permutation p-value, NaN when no permutations were asked for
 * @param permutations number of permutations
 */
public record LogRankTest(
    double[] observed,
    double[] expected,
    double chiSquare,
    int df,
    double p,
    double permutationP,
    int permutations) {

  public LogRankTest {
    observed = observed.clone();
    expected = expected.clone();
  }

  /**
   * Tests equality of survival between the groups {@code group[i]} (0..k-1).
   *
   * @param permutations number of random relabelings for the permutation p-value (0 = none)
   */
  public static LogRankTest test(
      List<SurvivalData.Observation> obs, int[] group, int permutations, long seed) {
    int n = obs.size();
    if (group.length != n) {
      throw new IllegalArgumentException("one group per observation expected");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(obs.get(a).time(), obs.get(b).time()));
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    int[] g = new int[n];
    for (int i = 0; i < n; i++) {
      time[i] = obs.get(order[i]).time();
      event[i] = obs.get(order[i]).event();
      g[i] = group[order[i]];
    }
    int k = ClusterAgreement.max(group) + 1;
    double[][] oe = new double[2][];
    double chi = statistic(time, event, g, k, oe);
    double[] observed = oe[0];
    double[] expected = oe[1];
    int nonEmpty = 0;
    int[] size = new int[k];
    for (int v : group) {
      size[v]++;
    }
    for (int s : size) {
      if (s > 0) {
        nonEmpty++;
      }
    }
    int df = Math.max(1, nonEmpty - 1);
    // Upper tail as the regularized gamma Q(df/2, chi/2): 1 - cdf would round to 0 below 1e-16.
    double p = chi <= 0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, chi / 2.0);
    double permP = Double.NaN;
    if (permutations > 0) {
      SplittableRandom r = new SplittableRandom(seed);
      int[] perm = g.clone();
      int atLeast = 0;
      for (int b = 0; b < permutations; b++) {
        for (int i = n - 1; i > 0; i--) {
          int j = r.nextInt(i + 1);
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
        if (statistic(time, event, perm, k, null) >= chi - 1e-9 * Math.max(1, chi)) {
          atLeast++;
        }
      }
      permP = (atLeast + 1.0) / (permutations + 1.0);
    }
    return new LogRankTest(observed, expected, chi, df, p, permP, permutations);
  }

  /** The statistic for data sorted by time; fills oe[0] = O and oe[1] = E when oe is not null. */
  static double statistic(double[] time, boolean[] event, int[] g, int k, double[][] oe) {
    int n = time.length;
    int[] atRisk = new int[k];
    for (int v : g) {
      atRisk[v]++;
    }
    int total = n;
    double[] o = new double[k];
    double[] e = new double[k];
    double[][] v = new double[k][k];
    int[] d = new int[k];
    int i = 0;
    while (i < n) {
      int j = i;
      Arrays.fill(d, 0);
      int leaving = 0;
      int[] leave = new int[k];
      while (j < n && time[j] == time[i]) {
        if (event[j]) {
          d[g[j]]++;
        }
        leave[g[j]]++;
        leaving++;
        j++;
      }
      int dt = 0;
      for (int c = 0; c < k; c++) {
        dt += d[c];
      }
      if (dt > 0) {
        double nt = total;
        double f = total > 1 ? dt * (nt - dt) / (nt - 1) : 0;
        for (int a = 0; a < k; a++) {
          o[a] += d[a];
          e[a] += atRisk[a] * dt / nt;
          for (int b = 0; b < k; b++) {
            double delta = a == b ? 1 : 0;
            v[a][b] += f * atRisk[a] / nt * (delta - atRisk[b] / nt);
          }
        }
      }
      for (int c = 0; c < k; c++) {
        atRisk[c] -= leave[c];
      }
      total -= leaving;
      i = j;
    }
    if (oe != null) {
      oe[0] = o;
      oe[1] = e;
    }
    // Use the groups with non-zero variance, dropping the last such one (V is singular).
    int[] keep = java.util.stream.IntStream.range(0, k).filter(a -> v[a][a] > 1e-12).toArray();
    if (keep.length < 2) {
      return 0;
    }
    int m = keep.length - 1;
    RealMatrix vm = MatrixUtils.createRealMatrix(m, m);
    RealVector u = MatrixUtils.createRealVector(new double[m]);
    for (int a = 0; a < m; a++) {
      u.setEntry(a, o[keep[a]] - e[keep[a]]);
      for (int b = 0; b < m; b++) {
        vm.setEntry(a, b, v[keep[a]][keep[b]]);
      }
    }
    RealVector x = new LUDecomposition(vm).getSolver().solve(u);
    return u.dotProduct(x);
  }
}
