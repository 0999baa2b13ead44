package dev.stratum.trialsim.gsd;

import dev.stratum.trialsim.Normal;

/**
 * The sub-density of the standardized statistic Z_k on the continuation region after look k, for
 * one drift, by the recursive numerical integration of Armitage, McPherson &amp; Rowe (1969) on the
 * grid of Jennison &amp; Turnbull (2000, section 19.2): 6r - 1 points concentrated around the mean,
 * trimmed to the continuation interval, with Simpson's rule on the points and their midpoints.
 *
 * <p>Z_k sqrt(I_k) is Brownian motion with drift theta on the information scale, I_k = t_k (so
 * E[Z_k] = theta sqrt(t_k)).
 */
final class Track {
  private final double theta;
  private final int r;
  private double info; // information at the last processed look (0 before the first)
  private double[] z; // grid points
  private double[] wh; // Simpson weight times sub-density

  Track(double theta, int r) {
    this.theta = theta;
    this.r = r;
    this.info = 0;
    this.z = new double[] {0};
    this.wh = new double[] {1};
  }

  Track copy() {
    Track c = new Track(theta, r);
    c.info = info;
    c.z = z.clone();
    c.wh = wh.clone();
    return c;
  }

  /** P(continue so far and Z_next &gt; b) at the next look with information {@code next}. */
  double upperCross(double next, double b) {
    if (b == Double.POSITIVE_INFINITY) {
      return 0;
    }
    double delta = next - info;
    double sd = Math.sqrt(delta);
    double sn = Math.sqrt(next);
    double sp = Math.sqrt(info);
    double sum = 0;
    for (int j = 0; j < z.length; j++) {
      sum += wh[j] * Normal.sf((b * sn - z[j] * sp - theta * delta) / sd);
    }
    return sum;
  }

  /** P(continue so far and Z_next &lt; a) at the next look. */
  double lowerCross(double next, double a) {
    if (a == Double.NEGATIVE_INFINITY) {
      return 0;
    }
    double delta = next - info;
    double sd = Math.sqrt(delta);
    double sn = Math.sqrt(next);
    double sp = Math.sqrt(info);
    double sum = 0;
    for (int j = 0; j < z.length; j++) {
      sum += wh[j] * Normal.cdf((a * sn - z[j] * sp - theta * delta) / sd);
    }
    return sum;
  }

  /** Moves to the next look: the sub-density of Z_next on (a, b). */
  void advance(double next, double a, double b) {
    double mu = theta * Math.sqrt(next);
    double[] x = trimmedGrid(mu, a, b, r);
    int m = x.length;
    int n = 2 * m - 1;
    double[] nz = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < m; i++) {
      nz[2 * i] = x[i];
      if (i + 1 < m) {
        nz[2 * i + 1] = 0.5 * (x[i] + x[i + 1]);
        double h = x[i + 1] - x[i];
        w[2 * i] += h / 6;
        w[2 * i + 1] += 4 * h / 6;
        w[2 * i + 2] += h / 6;
      }
    }
    double delta = next - info;
    double sd = Math.sqrt(delta);
    double sn = Math.sqrt(next);
    double sp = Math.sqrt(info);
    double scale = sn / sd;
    double[] nwh = new double[n];
    for (int i = 0; i < n; i++) {
      double f = 0;
      double zi = nz[i] * sn - theta * delta;
      for (int j = 0; j < z.length; j++) {
        f += wh[j] * Normal.pdf((zi - z[j] * sp) / sd);
      }
      nwh[i] = w[i] * f * scale;
    }
    this.z = nz;
    this.wh = nwh;
    this.info = next;
  }

  /** Jennison &amp; Turnbull (2000) eq. 19.3 grid around mu, restricted to [a, b] with ends. */
  static double[] trimmedGrid(double mu, double a, double b, int r) {
    int count = 6 * r - 1;
    double[] g = new double[count];
    for (int i = 1; i <= count; i++) {
      double x;
      if (i < r) {
        x = -3 - 4 * Math.log((double) r / i);
      } else if (i <= 5 * r) {
        x = -3 + 3.0 * (i - r) / (2.0 * r);
      } else {
        x = 3 + 4 * Math.log((double) r / (6 * r - i));
      }
      g[i - 1] = mu + x;
    }
    double lo = Math.max(a, g[0]);
    double hi = Math.min(b, g[count - 1]);
    if (!(hi > lo)) {
      // continuation region outside the grid's range: a degenerate two-point interval
      return new double[] {Math.min(lo, hi), Math.max(lo, hi) + 1e-12};
    }
    double[] out = new double[count + 2];
    int k = 0;
    out[k++] = lo;
    for (double v : g) {
      if (v > lo && v < hi) {
        out[k++] = v;
      }
    }
    out[k++] = hi;
    return java.util.Arrays.copyOf(out, k);
  }
}
