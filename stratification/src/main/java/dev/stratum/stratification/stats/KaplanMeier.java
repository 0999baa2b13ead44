package dev.stratum.stratification.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kaplan-Meier product-limit estimate (Kaplan and Meier 1958, JASA 53:457) with Greenwood's (1926)
 * standard error, S(t) sqrt(sum d / (n (n - d))), the {@code std.err} that R's {@code
 * summary(survfit(...))} prints. One step per distinct time (event or censoring), as R's {@code
 * survfit} object holds them.
 *
 * @param time distinct times, ascending
 * @param atRisk patients at risk just before each time
 * @param events events at each time
 * @param censored censorings at each time
 * @param survival S(t) just after each time
 * @param stdErr Greenwood standard error of S(t)
 */
public record KaplanMeier(
    double[] time, int[] atRisk, int[] events, int[] censored, double[] survival, double[] stdErr) {

  public KaplanMeier {
    time = time.clone();
    atRisk = atRisk.clone();
    events = events.clone();
    censored = censored.clone();
    survival = survival.clone();
    stdErr = stdErr.clone();
  }

  /** The estimate for the given follow-up. */
  public static KaplanMeier fit(List<SurvivalData.Observation> obs) {
    if (obs.isEmpty()) {
      throw new IllegalArgumentException("Kaplan-Meier needs at least one observation");
    }
    double[] t = obs.stream().mapToDouble(SurvivalData.Observation::time).distinct().toArray();
    Arrays.sort(t);
    int m = t.length;
    int[] r = new int[m];
    int[] d = new int[m];
    int[] c = new int[m];
    for (SurvivalData.Observation o : obs) {
      int i = Arrays.binarySearch(t, o.time());
      if (o.event()) {
        d[i]++;
      } else {
        c[i]++;
      }
    }
    int atRisk = obs.size();
    double s = 1;
    double g = 0;
    double[] surv = new double[m];
    double[] se = new double[m];
    for (int i = 0; i < m; i++) {
      r[i] = atRisk;
      if (d[i] > 0) {
        s *= 1 - (double) d[i] / atRisk;
        g += atRisk > d[i] ? (double) d[i] / ((double) atRisk * (atRisk - d[i])) : 0;
      }
      surv[i] = s;
      se[i] = s * Math.sqrt(g);
      atRisk -= d[i] + c[i];
    }
    return new KaplanMeier(t, r, d, c, surv, se);
  }

  /** S(t): the estimate at time {@code at} (1 before the first step). */
  public double survivalAt(double at) {
    double s = 1;
    for (int i = 0; i < time.length && time[i] <= at; i++) {
      s = survival[i];
    }
    return s;
  }

  /** Number still at risk at time {@code at} (follow-up time &gt;= at). */
  public int atRiskAt(double at) {
    for (int i = 0; i < time.length; i++) {
      if (time[i] >= at) {
        return atRisk[i];
      }
    }
    return 0;
  }

  /** Median survival: first time with S(t) &lt;= 0.5, NaN when not reached. */
  public double median() {
    for (int i = 0; i < time.length; i++) {
      if (survival[i] <= 0.5) {
        return time[i];
      }
    }
    return Double.NaN;
  }

  /** Times at which events happened. */
  public List<Double> eventTimes() {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < time.length; i++) {
      if (events[i] > 0) {
        out.add(time[i]);
      }
    }
    return out;
  }
}
