package dev.stratum.stratification.stats;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Cox proportional-hazards regression (Cox 1972) fitted by Newton-Raphson on the partial likelihood
 * with Efron's (1977) handling of tied event times, the default of R's {@code survival::coxph}.
 * Standard errors from the inverse observed information; Wald z and two-sided p.
 *
 * @param beta log hazard ratios
 * @param se standard errors
 * @param z Wald statistics beta / se
 * @param p two-sided Wald p-values
 * @param logLikelihood partial log-likelihood at beta
 * @param iterations Newton steps taken
 */
public record CoxRegression(
    double[] beta, double[] se, double[] z, double[] p, double logLikelihood, int iterations) {

  public CoxRegression {
    beta = beta.clone();
    se = se.clone();
    z = z.clone();
    p = p.clone();
  }

  /** Hazard ratio exp(beta_j). */
  public double hazardRatio(int j) {
    return Math.exp(beta[j]);
  }

  /** Lower end of the 95% Wald interval of the hazard ratio. */
  public double lower95(int j) {
    return Math.exp(beta[j] - 1.959963984540054 * se[j]);
  }

  /** Upper end of the 95% Wald interval of the hazard ratio. */
  public double upper95(int j) {
    return Math.exp(beta[j] + 1.959963984540054 * se[j]);
  }

  /** Fits the model with covariates {@code x[patient][covariate]}. */
  public static CoxRegression fit(List<SurvivalData.Observation> obs, double[][] x) {
    int n = obs.size();
    int p = x[0].length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(obs.get(a).time(), obs.get(b).time()));
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    double[][] xs = new double[n][];
    for (int i = 0; i < n; i++) {
      time[i] = obs.get(order[i]).time();
      event[i] = obs.get(order[i]).event();
      xs[i] = x[order[i]].clone();
    }
    double[] beta = new double[p];
    double[] grad = new double[p];
    double[][] info = new double[p][p];
    double ll = evaluate(time, event, xs, beta, grad, info);
    int it = 0;
    for (; it < 30; it++) {
      RealMatrix im = MatrixUtils.createRealMatrix(info);
      double[] step;
      try {
        step =
            new CholeskyDecomposition(im, 1e-12, 1e-14)
                .getSolver()
                .solve(MatrixUtils.createRealVector(grad))
                .toArray();
      } catch (RuntimeException e) {
        break; // information not positive definite (e.g. a group without events)
      }
      double[] next = new double[p];
      double[] g2 = new double[p];
      double[][] i2 = new double[p][p];
      double ll2 = Double.NEGATIVE_INFINITY;
      double scale = 1;
      for (int half = 0; half < 20; half++) {
        for (int j = 0; j < p; j++) {
          next[j] = beta[j] + scale * step[j];
        }
        ll2 = evaluate(time, event, xs, next, g2, i2);
        if (ll2 >= ll - 1e-12) {
          break;
        }
        scale /= 2;
      }
      double change = Math.abs(ll2 - ll);
      beta = next.clone();
      grad = g2;
      info = i2;
      ll = ll2;
      // R's coxph stops when the relative change in the log-likelihood is below 1e-9.
      if (change <= 1e-9 * Math.abs(ll)) {
        it++;
        break;
      }
    }
    RealMatrix cov;
    try {
      cov =
          new CholeskyDecomposition(MatrixUtils.createRealMatrix(info), 1e-12, 1e-14)
              .getSolver()
              .getInverse();
    } catch (RuntimeException e) {
      cov = null;
    }
    double[] se = new double[p];
    double[] z = new double[p];
    double[] pv = new double[p];
    NormalDistribution normal = new NormalDistribution();
    for (int j = 0; j < p; j++) {
      se[j] = cov == null ? Double.NaN : Math.sqrt(cov.getEntry(j, j));
      z[j] = beta[j] / se[j];
      pv[j] = Double.isNaN(z[j]) ? Double.NaN : 2 * normal.cumulativeProbability(-Math.abs(z[j]));
    }
    return new CoxRegression(beta, se, z, pv, ll, it);
  }

  /** Efron partial log-likelihood; fills the gradient and the information (minus Hessian). */
  static double evaluate(
      double[] time, boolean[] event, double[][] x, double[] beta, double[] grad, double[][] info) {
    int n = time.length;
    int p = beta.length;
    Arrays.fill(grad, 0);
    for (double[] r : info) {
      Arrays.fill(r, 0);
    }
    double[] w = new double[n];
    double[] eta = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += x[i][j] * beta[j];
      }
      eta[i] = s;
      w[i] = Math.exp(s);
    }
    // Risk-set sums from the end (time ascending: risk set of index i is i..n-1 with ties).
    double s0 = 0;
    double[] s1 = new double[p];
    double[][] s2 = new double[p][p];
    double ll = 0;
    int i = n - 1;
    while (i >= 0) {
      int j = i;
      // Add the whole tie group to the risk set first.
      while (j >= 0 && time[j] == time[i]) {
        s0 += w[j];
        for (int a = 0; a < p; a++) {
          s1[a] += w[j] * x[j][a];
          for (int b = 0; b < p; b++) {
            s2[a][b] += w[j] * x[j][a] * x[j][b];
          }
        }
        j--;
      }
      int d = 0;
      double d0 = 0;
      double[] d1 = new double[p];
      double[][] d2 = new double[p][p];
      for (int t = j + 1; t <= i; t++) {
        if (event[t]) {
          d++;
          d0 += w[t];
          ll += eta[t];
          for (int a = 0; a < p; a++) {
            grad[a] += x[t][a];
            d1[a] += w[t] * x[t][a];
            for (int b = 0; b < p; b++) {
              d2[a][b] += w[t] * x[t][a] * x[t][b];
            }
          }
        }
      }
      for (int r = 0; r < d; r++) {
        double f = (double) r / d;
        double den = s0 - f * d0;
        ll -= Math.log(den);
        for (int a = 0; a < p; a++) {
          double m1a = (s1[a] - f * d1[a]) / den;
          grad[a] -= m1a;
          for (int b = 0; b < p; b++) {
            double m1b = (s1[b] - f * d1[b]) / den;
            info[a][b] += (s2[a][b] - f * d2[a][b]) / den - m1a * m1b;
          }
        }
      }
      i = j;
    }
    return ll;
  }
}
