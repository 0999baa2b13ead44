package dev.stratum.stratification.stats;

import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The gap statistic, Tibshirani, Walther and Hastie (2001), JRSS B 63:411-423: Gap(k) = E*[log W_k]
 * - log W_k, with W_k the pooled within-cluster sum of squares around cluster means (eq. 2, which
 * equals sum_r D_r / (2 n_r)), E* estimated from B reference data sets drawn uniformly over the
 * range of each column (the columns are principal components here, so this is close to their
 * reference (b)), and s_k = sd_k sqrt(1 + 1/B). Their rule picks the smallest k with Gap(k) &gt;=
 * Gap(k+1) - s_{k+1}.
 */
public final class GapStatistic {
  private GapStatistic() {}

  /** Gap(k) and s_k for one k. */
  public record Value(int k, double gap, double se, double logW) {}

  /** log W_k of a partition. */
  public static double logW(double[][] x, int[] labels) {
    int k = ClusterAgreement.max(labels) + 1;
    int d = x[0].length;
    double[][] mean = new double[k][d];
    int[] size = new int[k];
    for (int i = 0; i < x.length; i++) {
      size[labels[i]]++;
      for (int c = 0; c < d; c++) {
        mean[labels[i]][c] += x[i][c];
      }
    }
    for (int g = 0; g < k; g++) {
      for (int c = 0; c < d; c++) {
        mean[g][c] /= Math.max(1, size[g]);
      }
    }
    double w = 0;
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < d; c++) {
        double t = x[i][c] - mean[labels[i]][c];
        w += t * t;
      }
    }
    return Math.log(Math.max(w, 1e-300));
  }

  /**
   * Gap(k) given the observed partition, using {@code cluster} (data, seed) -> labels at k on
   * {@code references} uniform reference sets; reference b uses its own split of the seed.
   */
  public static Value compute(
      double[][] x,
      int[] labels,
      int k,
      int references,
      long seed,
      BiFunction<double[][], Long, int[]> cluster) {
    int n = x.length;
    int d = x[0].length;
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] r : x) {
      for (int c = 0; c < d; c++) {
        lo[c] = Math.min(lo[c], r[c]);
        hi[c] = Math.max(hi[c], r[c]);
      }
    }
    SplittableRandom root = new SplittableRandom(seed);
    double[] lw = new double[references];
    for (int b = 0; b < references; b++) {
      SplittableRandom r = root.split();
      double[][] ref = new double[n][d];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < d; c++) {
          ref[i][c] = lo[c] + (hi[c] - lo[c]) * r.nextDouble();
        }
      }
      lw[b] = logW(ref, cluster.apply(ref, r.nextLong()));
    }
    double mean = 0;
    for (double v : lw) {
      mean += v;
    }
    mean /= references;
    double ss = 0;
    for (double v : lw) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / references); // Tibshirani et al. use the 1/B form
    double obs = logW(x, labels);
    return new Value(k, mean - obs, sd * Math.sqrt(1 + 1.0 / references), obs);
  }
}
