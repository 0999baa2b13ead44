package dev.stratum.stratification.stats;

import java.util.SplittableRandom;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Leading principal axes of a centred matrix by randomized SVD (Halko, Martinsson and Tropp 2011,
 * SIAM Review 53(2), Algorithms 4.3-4.4 with q power iterations and oversampling 10). For the
 * thousands of features of an omics layer this costs O(n p (c + 10)) per pass instead of the O(p^3)
 * of a full eigen decomposition, and it is reproducible for a seed.
 */
public final class RandomizedPca {
  private RandomizedPca() {}

  /**
   * The first {@code c} principal axes of {@code x} (n rows, p columns, columns already centred),
   * as {@code axes[component][feature]}, ordered by decreasing variance; signs fixed so the largest
   * loading of each axis is positive.
   */
  public static double[][] axes(double[][] x, int c, long seed) {
    int n = x.length;
    int p = x[0].length;
    c = Math.min(c, Math.min(n - 1, p));
    int l = Math.min(c + 10, Math.min(n, p));
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] omega = new double[p][l];
    for (double[] row : omega) {
      for (int j = 0; j < l; j++) {
        row[j] = gaussian(rng);
      }
    }
    double[][] y = multiply(x, omega); // n x l
    orthonormalizeColumns(y);
    for (int q = 0; q < 3; q++) {
      double[][] z = multiplyTransposed(x, y); // p x l = X^T Y
      orthonormalizeColumns(z);
      y = multiply(x, z);
      orthonormalizeColumns(y);
    }
    double[][] b = multiplyTransposed(y, x); // l x p: B = Q^T X
    double[][] bbt = new double[l][l];
    for (int i = 0; i < l; i++) {
      for (int j = i; j < l; j++) {
        double s = 0;
        for (int k = 0; k < p; k++) {
          s += b[i][k] * b[j][k];
        }
        bbt[i][j] = s;
        bbt[j][i] = s;
      }
    }
    RealMatrix m = MatrixUtils.createRealMatrix(bbt);
    EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(m);
    double[] ev = eig.getEigenvalues(); // descending
    double[][] axes = new double[c][p];
    for (int comp = 0; comp < c; comp++) {
      double[] u = eig.getEigenvector(comp).toArray();
      double s = Math.sqrt(Math.max(ev[comp], 1e-300));
      double[] a = axes[comp];
      for (int i = 0; i < l; i++) {
        double w = u[i] / s;
        for (int k = 0; k < p; k++) {
          a[k] += w * b[i][k];
        }
      }
      double norm = 0;
      int arg = 0;
      for (int k = 0; k < p; k++) {
        norm += a[k] * a[k];
        if (Math.abs(a[k]) > Math.abs(a[arg])) {
          arg = k;
        }
      }
      norm = Math.sqrt(norm);
      double sign = a[arg] < 0 ? -1 : 1;
      for (int k = 0; k < p; k++) {
        a[k] = sign * a[k] / norm;
      }
    }
    return axes;
  }

  static double gaussian(SplittableRandom r) {
    return r.nextGaussian();
  }

  /** a (n x p) times b (p x l). */
  static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int p = b.length;
    int l = b[0].length;
    double[][] out = new double[n][l];
    for (int i = 0; i < n; i++) {
      double[] o = out[i];
      double[] ai = a[i];
      for (int k = 0; k < p; k++) {
        double v = ai[k];
        if (v == 0) {
          continue;
        }
        double[] bk = b[k];
        for (int j = 0; j < l; j++) {
          o[j] += v * bk[j];
        }
      }
    }
    return out;
  }

  /** a^T (p x n) times b (n x l), with a n x p. */
  static double[][] multiplyTransposed(double[][] a, double[][] b) {
    int n = a.length;
    int p = a[0].length;
    int l = b[0].length;
    double[][] out = new double[p][l];
    for (int i = 0; i < n; i++) {
      double[] ai = a[i];
      double[] bi = b[i];
      for (int k = 0; k < p; k++) {
        double v = ai[k];
        double[] o = out[k];
        for (int j = 0; j < l; j++) {
          o[j] += v * bi[j];
        }
      }
    }
    return out;
  }

  /** Modified Gram-Schmidt on the columns, in place. */
  static void orthonormalizeColumns(double[][] y) {
    int n = y.length;
    int l = y[0].length;
    for (int j = 0; j < l; j++) {
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += y[i][j] * y[i][k];
        }
        for (int i = 0; i < n; i++) {
          y[i][j] -= dot * y[i][k];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += y[i][j] * y[i][j];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        y[i][j] = norm > 1e-12 ? y[i][j] / norm : 0;
      }
    }
  }
}
