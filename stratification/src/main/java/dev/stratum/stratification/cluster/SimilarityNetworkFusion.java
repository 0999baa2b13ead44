package dev.stratum.stratification.cluster;

import java.util.Arrays;

/**
 * Similarity Network Fusion, Wang, Mezlini, Demir et al. (2014), "Similarity network fusion for
 * aggregating data types on a genomic scale", Nature Methods 11:333-337. For each layer: a scaled
 * exponential affinity W (eq. in Online Methods: W(i,j) = exp(-rho^2(i,j) / (mu * eps(i,j))) with
 * eps(i,j) = (mean distance of i to its K neighbours + same for j + rho(i,j)) / 3), the full kernel
 * P (eq. 2, rows normalized with 1/2 on the diagonal) and the sparse kNN kernel S (eq. 3). Then T
 * rounds of P(v) = S(v) * (mean of the other layers' P) * S(v)^T (eq. 4, the m-layer form), and the
 * fused network is the mean of the P(v). Written from the paper; the defaults (K=20, mu=0.5, T=20)
 * are the paper's recommended values.
 */
public final class SimilarityNetworkFusion {
  private SimilarityNetworkFusion() {}

  /**
   * The fused similarity network of the layers {@code blocks[layer][sample][dim]}.
   *
   * @param neighbours K, the number of neighbours in the local kernel (10-30 in the paper)
   * @param mu the kernel width factor (0.3-0.8 in the paper)
   * @param iterations T, the number of fusion rounds (10-20 in the paper)
   */
  public static double[][] fuse(double[][][] blocks, int neighbours, double mu, int iterations) {
    int m = blocks.length;
    int n = blocks[0].length;
    int k = Math.min(neighbours, n - 1);
    double[][][] p = new double[m][][];
    int[][][] knn = new int[m][][];
    double[][][] s = new double[m][][];
    for (int v = 0; v < m; v++) {
      double[][] w = affinity(blocks[v], k, mu);
      p[v] = fullKernel(w);
      knn[v] = nearest(w, k);
      s[v] = sparseKernel(w, knn[v]);
    }
    if (m == 1) {
      return p[0];
    }
    for (int t = 0; t < iterations; t++) {
      double[][][] next = new double[m][][];
      for (int v = 0; v < m; v++) {
        double[][] others = new double[n][n];
        for (int u = 0; u < m; u++) {
          if (u != v) {
            for (int i = 0; i < n; i++) {
              for (int j = 0; j < n; j++) {
                others[i][j] += p[u][i][j] / (m - 1);
              }
            }
          }
        }
        next[v] = sandwich(s[v], knn[v], others);
        fullKernelInPlace(next[v]);
      }
      p = next;
    }
    double[][] fused = new double[n][n];
    for (int v = 0; v < m; v++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          fused[i][j] += p[v][i][j] / m;
        }
      }
    }
    // Symmetrize (S P S^T is symmetric in exact arithmetic; remove rounding asymmetry).
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double a = (fused[i][j] + fused[j][i]) / 2;
        fused[i][j] = a;
        fused[j][i] = a;
      }
    }
    return fused;
  }

  static double[][] affinity(double[][] x, int k, double mu) {
    int n = x.length;
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0;
        for (int c = 0; c < x[i].length; c++) {
          double t = x[i][c] - x[j][c];
          s += t * t;
        }
        d[i][j] = Math.sqrt(s);
        d[j][i] = d[i][j];
      }
    }
    double[] meanNn = new double[n];
    double[] row = new double[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(d[i], 0, row, 0, n);
      Arrays.sort(row);
      double s = 0;
      for (int j = 1; j <= k; j++) {
        s += row[j];
      }
      meanNn[i] = s / k;
    }
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double eps = (meanNn[i] + meanNn[j] + d[i][j]) / 3;
        double v = Math.exp(-d[i][j] * d[i][j] / (mu * Math.max(eps, 1e-12)));
        w[i][j] = v;
        w[j][i] = v;
      }
    }
    return w;
  }

  /** Eq. 2: P(i,j) = W(i,j) / (2 sum_{k != i} W(i,k)) for j != i, P(i,i) = 1/2. */
  static double[][] fullKernel(double[][] w) {
    double[][] p = new double[w.length][];
    for (int i = 0; i < w.length; i++) {
      p[i] = w[i].clone();
    }
    fullKernelInPlace(p);
    return p;
  }

  static void fullKernelInPlace(double[][] p) {
    int n = p.length;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          s += p[i][j];
        }
      }
      for (int j = 0; j < n; j++) {
        p[i][j] = j == i ? 0.5 : (s > 0 ? p[i][j] / (2 * s) : 0);
      }
    }
  }

  static int[][] nearest(double[][] w, int k) {
    int n = w.length;
    int[][] nn = new int[n][];
    for (int i = 0; i < n; i++) {
      final int ii = i;
      nn[i] =
          java.util.stream.IntStream.range(0, n)
              .filter(j -> j != ii)
              .boxed()
              .sorted((a, b) -> Double.compare(w[ii][b], w[ii][a]))
              .limit(k)
              .mapToInt(Integer::intValue)
              .toArray();
    }
    return nn;
  }

  /** Eq. 3: S(i,j) = W(i,j) / sum_{k in N_i} W(i,k) for j in N_i, else 0 (stored sparse). */
  static double[][] sparseKernel(double[][] w, int[][] nn) {
    int n = w.length;
    double[][] s = new double[n][];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j : nn[i]) {
        sum += w[i][j];
      }
      s[i] = new double[nn[i].length];
      for (int a = 0; a < nn[i].length; a++) {
        s[i][a] = sum > 0 ? w[i][nn[i][a]] / sum : 0;
      }
    }
    return s;
  }

  /** S P S^T with S sparse (K entries per row): O(n^2 K). */
  static double[][] sandwich(double[][] s, int[][] nn, double[][] p) {
    int n = p.length;
    double[][] sp = new double[n][n]; // S P
    for (int i = 0; i < n; i++) {
      double[] out = sp[i];
      for (int a = 0; a < nn[i].length; a++) {
        double v = s[i][a];
        double[] pr = p[nn[i][a]];
        for (int j = 0; j < n; j++) {
          out[j] += v * pr[j];
        }
      }
    }
    double[][] r = new double[n][n]; // (S P) S^T: r[i][j] = sum_b sp[i][nn[j][b]] s[j][b]
    for (int i = 0; i < n; i++) {
      double[] spi = sp[i];
      for (int j = 0; j < n; j++) {
        double t = 0;
        int[] nj = nn[j];
        double[] sj = s[j];
        for (int b = 0; b < nj.length; b++) {
          t += spi[nj[b]] * sj[b];
        }
        r[i][j] = t;
      }
    }
    return r;
  }
}
