package dev.stratum.stratification.cluster;

/**
 * Gaussian mixture with diagonal covariances fitted by EM (Dempster, Laird and Rubin 1977; the
 * updates of Bishop 2006, Pattern Recognition and Machine Learning, eq. 9.23-9.28 with diagonal
 * Sigma). Written here rather than taken from Smile because Smile 4.4's M-step throws when a
 * component's variance reaches 0 (which happens on resamples); here each variance is floored at
 * 1e-3 of the overall variance of its column.
 */
final class DiagonalGaussianMixture {
  private DiagonalGaussianMixture() {}

  /** MAP labels after EM from the given start partition (labels 0..k-1). */
  static int[] fit(double[][] x, int[] start, int k, int maxIter, double tol) {
    int n = x.length;
    int d = x[0].length;
    double[] floor = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      double ss = 0;
      for (double[] r : x) {
        s += r[j];
        ss += r[j] * r[j];
      }
      floor[j] = Math.max(1e-3 * (ss - s * s / n) / Math.max(1, n - 1), 1e-9);
    }
    double[][] resp = new double[n][k];
    for (int i = 0; i < n; i++) {
      resp[i][start[i]] = 1;
    }
    double[] w = new double[k];
    double[][] mu = new double[k][d];
    double[][] var = new double[k][d];
    double prev = Double.NEGATIVE_INFINITY;
    for (int it = 0; it < maxIter; it++) {
      // M-step.
      for (int c = 0; c < k; c++) {
        double nc = 0;
        java.util.Arrays.fill(mu[c], 0);
        java.util.Arrays.fill(var[c], 0);
        for (int i = 0; i < n; i++) {
          double r = resp[i][c];
          nc += r;
          for (int j = 0; j < d; j++) {
            mu[c][j] += r * x[i][j];
          }
        }
        w[c] = Math.max(nc / n, 1e-12);
        for (int j = 0; j < d; j++) {
          mu[c][j] = nc > 0 ? mu[c][j] / nc : 0;
        }
        for (int i = 0; i < n; i++) {
          double r = resp[i][c];
          for (int j = 0; j < d; j++) {
            double t = x[i][j] - mu[c][j];
            var[c][j] += r * t * t;
          }
        }
        for (int j = 0; j < d; j++) {
          var[c][j] = Math.max(nc > 0 ? var[c][j] / nc : floor[j], floor[j]);
        }
      }
      // E-step with log-sum-exp.
      double ll = 0;
      double[] logp = new double[k];
      double[] logNorm = new double[k];
      for (int c = 0; c < k; c++) {
        double s = Math.log(w[c]);
        for (int j = 0; j < d; j++) {
          s -= 0.5 * Math.log(2 * Math.PI * var[c][j]);
        }
        logNorm[c] = s;
      }
      for (int i = 0; i < n; i++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double s = logNorm[c];
          for (int j = 0; j < d; j++) {
            double t = x[i][j] - mu[c][j];
            s -= 0.5 * t * t / var[c][j];
          }
          logp[c] = s;
          m = Math.max(m, s);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(logp[c] - m);
        }
        double lse = m + Math.log(sum);
        ll += lse;
        for (int c = 0; c < k; c++) {
          resp[i][c] = Math.exp(logp[c] - lse);
        }
      }
      if (Math.abs(ll - prev) <= tol * Math.abs(ll)) {
        break;
      }
      prev = ll;
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (resp[i][c] > resp[i][best]) {
          best = c;
        }
      }
      y[i] = best;
    }
    return y;
  }
}
