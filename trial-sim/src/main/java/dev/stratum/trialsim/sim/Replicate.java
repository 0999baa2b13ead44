package dev.stratum.trialsim.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One simulated trial at a time, reusing its arrays across replicates (one instance per worker).
 * Patients are indexed in entry order, which lets the log-rank statistic at a calendar time be
 * computed in one merge of two sorted lists: patients observed by then, in order of their time on
 * study (sorted once per replicate), and patients still at risk, whose censoring times c - entry
 * come in reverse entry order.
 */
final class Replicate {
  private final TrialSimulator.Model m;
  private final TrialDesign d;
  private final int n;
  private final double[] entry;
  private final byte[] arm;
  private final byte[] stratum;
  private final double[] y;
  private final boolean[] event;
  private final long[] keys;
  private final double[] cal;
  private int calCount; // sorted calendar event times of the population, valid while calValid
  private boolean calValid;
  // patients in order of time on study (filled by sortByTimeOnStudy)
  private final double[] sy;
  private final double[] sEnd;
  private final int[] sIdx;
  // calendar time at which each patient (entry order) leaves observation: entry + y
  private final double[] end;
  private final boolean[] inPop;
  private final int[] blockScratch;
  private final long mask;
  private final BucketSort sorter;
  private final int[] armInt; // arm as 0/1 in entry order, for branch-free counting
  private final int[] cumArm1; // cumArm1[i] = experimental patients among the first i entries
  private final int[] scratch;
  private final double[] cumIntensity;
  private final double dropout;
  private final double maxDuration;

  Replicate(TrialSimulator.Model model) {
    this.m = model;
    this.d = model.design;
    this.n = model.n;
    this.entry = new double[n];
    this.arm = new byte[n];
    this.stratum = new byte[n];
    this.y = new double[n];
    this.event = new boolean[n];
    this.keys = new long[n];
    this.cal = new double[n];
    this.sy = new double[n];
    this.sEnd = new double[n];
    this.sIdx = new int[n];
    this.end = new double[n];
    this.sorter = new BucketSort(n);
    this.armInt = new int[n];
    this.cumArm1 = new int[n + 1];
    this.scratch = new int[n];
    this.inPop = new boolean[model.strata];
    this.blockScratch = model.block.clone();
    int bits = 64 - Long.numberOfLeadingZeros(n);
    this.mask = (1L << bits) - 1;
    AccrualPlan acc = d.accrual();
    double[] dur = acc.durations();
    double[] rates = acc.rates();
    this.cumIntensity = new double[dur.length];
    double c = 0;
    for (int i = 0; i < rates.length; i++) {
      c += rates[i] * dur[i];
      cumIntensity[i] = c;
    }
    this.dropout = d.dropoutHazard();
    this.maxDuration = d.maxDuration();
  }

  void simulate(SplittableRandom rng, TrialSimulator.Outcomes out, int rep) {
    enter(rng);
    randomise(rng);
    for (int i = 0; i < n; i++) {
      stratum[i] = (byte) drawStratum(rng, null);
      draw(rng, i);
    }
    Arrays.fill(inPop, true);
    if (m.tte) {
      sortByTimeOnStudy();
    }
    int k = m.counts.length;
    Enrichment enr = d.enrichment();
    for (int look = 0; look < k; look++) {
      double c = lookTime(m.counts[look]);
      boolean capped = c >= maxDuration;
      if (capped) {
        c = maxDuration;
      }
      double[] stat = statistic(c, -1);
      double z = stat[0];
      out.lookCount[look][rep] = (float) stat[1];
      out.lookTime[look][rep] = (float) c;
      boolean last = look == k - 1 || capped;
      int decision = -1;
      if (z >= m.upper[look]) {
        decision = 1;
      } else if (z <= m.lower[look]) {
        decision = 2;
      } else if (last) {
        decision = 0;
      }
      if (decision < 0 && enr != null && look == enr.atLook() - 1) {
        decision = enrich(rng, c, enr, out, rep);
      }
      if (decision >= 0) {
        out.stopLook[rep] = (byte) look;
        out.decision[rep] = (byte) decision;
        out.patients[rep] = enrolledBy(c);
        out.events[rep] = (int) stat[1];
        out.duration[rep] = c;
        return;
      }
    }
    throw new AssertionError("a trial always stops at its last look");
  }

  // ------------------------------------------------------------------ patients

  private void enter(SplittableRandom rng) {
    AccrualPlan acc = d.accrual();
    if (acc.isUniform()) {
      double len = acc.durations()[0];
      for (int i = 0; i < n; i++) {
        entry[i] = rng.nextDouble() * len;
      }
      sorter.sort(entry, n);
      return;
    }
    // Poisson process with piecewise-constant intensity: invert the cumulative intensity
    double[] dur = acc.durations();
    double[] rates = acc.rates();
    double cum = 0;
    int period = 0;
    double start = 0;
    double before = 0;
    for (int i = 0; i < n; i++) {
      cum += -Math.log(1 - rng.nextDouble());
      while (period < dur.length - 1 && cum > cumIntensity[period]) {
        start += dur[period];
        before = cumIntensity[period];
        period++;
      }
      entry[i] = start + (cum - before) / rates[period];
    }
  }

  private void randomise(SplittableRandom rng) {
    int b = blockScratch.length;
    for (int start = 0; start < n; start += b) {
      for (int i = b - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = blockScratch[i];
        blockScratch[i] = blockScratch[j];
        blockScratch[j] = t;
      }
      for (int i = 0; i < b && start + i < n; i++) {
        arm[start + i] = (byte) blockScratch[i];
      }
    }
    for (int i = 0; i < n; i++) {
      armInt[i] = arm[i];
      cumArm1[i + 1] = cumArm1[i] + arm[i];
    }
  }

  /** A stratum by prevalence, restricted to {@code allowed} when given (renormalised). */
  private int drawStratum(SplittableRandom rng, boolean[] allowed) {
    if (m.strata == 1) {
      return 0;
    }
    double[] cp = m.cumPrevalence;
    if (allowed == null) {
      double u = rng.nextDouble();
      int s = 0;
      while (s < cp.length - 1 && u >= cp[s]) {
        s++;
      }
      return s;
    }
    double total = 0;
    for (int s = 0; s < cp.length; s++) {
      if (allowed[s]) {
        total += cp[s] - (s == 0 ? 0 : cp[s - 1]);
      }
    }
    double u = rng.nextDouble() * total;
    int lastAllowed = 0;
    for (int s = 0; s < cp.length; s++) {
      if (allowed[s]) {
        lastAllowed = s;
        double w = cp[s] - (s == 0 ? 0 : cp[s - 1]);
        if (u < w) {
          return s;
        }
        u -= w;
      }
    }
    return lastAllowed;
  }

  private void draw(SplittableRandom rng, int i) {
    int s = stratum[i];
    if (m.tte) {
      double mult = arm[i] == 1 ? m.hr[s] : 1;
      double t = pieceExp(-Math.log(1 - rng.nextDouble()), m.hazards[s], mult);
      if (dropout > 0) {
        double off = -Math.log(1 - rng.nextDouble()) / dropout;
        event[i] = t <= off;
        y[i] = Math.min(t, off);
      } else {
        event[i] = true;
        y[i] = t;
      }
    } else if (m.binary) {
      double p = arm[i] == 1 ? m.effect[s] : m.mean0[s];
      y[i] = rng.nextDouble() < p ? 1 : 0;
    } else {
      y[i] = m.mean0[s] + (arm[i] == 1 ? m.effect[s] : 0) + m.sd * rng.nextGaussian();
    }
  }

  /** Inverts the piecewise cumulative hazard at a unit exponential draw {@code e}. */
  private double pieceExp(double e, double[] haz, double mult) {
    double[] br = m.breaks;
    double t = 0;
    for (int j = 0; j < haz.length; j++) {
      double h = haz[j] * mult;
      if (j == br.length) {
        return t + e / h;
      }
      double len = br[j] - t;
      if (e <= h * len) {
        return t + e / h;
      }
      e -= h * len;
      t = br[j];
    }
    throw new AssertionError("unreachable");
  }

  private void sortByTimeOnStudy() {
    long clear = ~mask;
    for (int i = 0; i < n; i++) {
      // y > 0, so its IEEE bits order like the values; the low bits carry the index
      keys[i] = (Double.doubleToRawLongBits(y[i]) & clear) | i;
    }
    sorter.sortKeys(keys, n, mask);
    for (int j = 0; j < n; j++) {
      int i = (int) (keys[j] & mask);
      sIdx[j] = i;
      sy[j] = y[i];
      sEnd[j] = entry[i] + y[i];
      end[i] = sEnd[j];
    }
    calValid = false;
  }

  // ------------------------------------------------------------------ analyses

  /** Calendar time at which {@code target} events (or outcomes) are available in the population. */
  private double lookTime(int target) {
    if (m.tte) {
      if (!calValid) {
        int c = 0;
        for (int i = 0; i < n; i++) {
          if (event[i] && inPop[stratum[i]]) {
            cal[c++] = end[i];
          }
        }
        sorter.sort(cal, c);
        calCount = c;
        calValid = true;
      }
      if (calCount == 0) {
        return maxDuration;
      }
      return cal[Math.min(target, calCount) - 1];
    }
    int seen = 0;
    int lastIdx = -1;
    for (int i = 0; i < n; i++) {
      if (inPop[stratum[i]]) {
        seen++;
        lastIdx = i;
        if (seen == target) {
          return entry[i] + m.assessment;
        }
      }
    }
    return lastIdx < 0 ? maxDuration : entry[lastIdx] + m.assessment;
  }

  private int enrolledBy(double c) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entry[mid] <= c) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private boolean counts(int i, int only) {
    return only < 0 ? inPop[stratum[i]] : stratum[i] == only;
  }

  /**
   * {z, count} at calendar time c in the population (only &lt; 0) or in stratum {@code only}: the
   * log-rank z (positive when the experimental arm has fewer events than expected) and the number
   * of events, or the two-sample z and the number of outcomes.
   */
  private double[] statistic(double c, int only) {
    return m.tte ? logRank(c, only) : twoSample(c, only);
  }

  /**
   * Log-rank statistic at calendar time c in one pass over the patients in order of time on study
   * t: at each event the numbers at risk per arm are (patients observed to leave at or after t) +
   * (patients still under observation at c whose follow-up c - entry is at least t); the second
   * count falls as t grows, tracked by a pointer moving back over the entry order.
   */
  private double[] logRank(double c, int only) {
    if (only < 0 && allInPopulation()) {
      return logRankAll(c);
    }
    int enrolled = enrolledBy(c);
    boolean all = false;
    // B: patients under observation at c (entered, not yet left), per arm
    int b0 = 0;
    int b1 = 0;
    for (int i = 0; i < enrolled; i++) {
      if (end[i] > c && (all || counts(i, only))) {
        if (arm[i] == 0) {
          b0++;
        } else {
          b1++;
        }
      }
    }
    // A: patients observed to leave by c, per arm
    int a0 = 0;
    int a1 = 0;
    for (int j = 0; j < n; j++) {
      if (sEnd[j] <= c && (all || counts(sIdx[j], only))) {
        if (arm[sIdx[j]] == 0) {
          a0++;
        } else {
          a1++;
        }
      }
    }
    double u = 0;
    double v = 0;
    int events = 0;
    int pe = enrolled - 1;
    int remainingA = a0 + a1;
    for (int j = 0; j < n && remainingA > 0; j++) {
      int i = sIdx[j];
      if (sEnd[j] > c || !(all || counts(i, only))) {
        continue;
      }
      double t = sy[j];
      // drop from B those whose follow-up c - entry is shorter than t (latest entries first)
      while (pe >= 0 && c - entry[pe] < t) {
        if (end[pe] > c && (all || counts(pe, only))) {
          if (arm[pe] == 0) {
            b0--;
          } else {
            b1--;
          }
        }
        pe--;
      }
      if (event[i]) {
        double p1 = (double) (a1 + b1) / (a0 + a1 + b0 + b1);
        u += arm[i] - p1;
        v += p1 * (1 - p1);
        events++;
      }
      if (arm[i] == 0) {
        a0--;
      } else {
        a1--;
      }
      remainingA--;
    }
    double z = v > 0 ? -u / Math.sqrt(v) : 0;
    return new double[] {z, events};
  }

  private boolean allInPopulation() {
    for (boolean b : inPop) {
      if (!b) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #logRank} for the whole population, written without data-dependent branches in the loops
   * over patients (the hot path of the benchmark).
   */
  private double[] logRankAll(double c) {
    int enrolled = enrolledBy(c);
    // compact the patients observed to leave by c, in order of time on study
    int na = 0;
    int a1 = 0;
    for (int j = 0; j < n; j++) {
      int flag = sEnd[j] <= c ? 1 : 0;
      scratch[na] = j;
      na += flag;
      a1 += flag & armInt[sIdx[j]];
    }
    int a0 = na - a1;
    int b1 = cumArm1[enrolled] - a1;
    int b0 = enrolled - cumArm1[enrolled] - a0;
    double u = 0;
    double v = 0;
    int events = 0;
    int pe = enrolled - 1;
    for (int q = 0; q < na; q++) {
      int j = scratch[q];
      int i = sIdx[j];
      double t = sy[j];
      while (pe >= 0 && c - entry[pe] < t) {
        int flag = end[pe] > c ? 1 : 0;
        int ar = armInt[pe];
        b1 -= flag & ar;
        b0 -= flag & (1 - ar);
        pe--;
      }
      int ar = armInt[i];
      if (event[i]) {
        double p1 = (double) (a1 + b1) / (a0 + a1 + b0 + b1);
        u += ar - p1;
        v += p1 * (1 - p1);
        events++;
      }
      a1 -= ar;
      a0 -= 1 - ar;
    }
    double z = v > 0 ? -u / Math.sqrt(v) : 0;
    return new double[] {z, events};
  }

  private double[] twoSample(double c, int only) {
    double s0 = 0;
    double s1 = 0;
    double q0 = 0;
    double q1 = 0;
    int n0 = 0;
    int n1 = 0;
    for (int i = 0; i < n && entry[i] + m.assessment <= c; i++) {
      if (!counts(i, only)) {
        continue;
      }
      double v = y[i];
      if (arm[i] == 0) {
        n0++;
        s0 += v;
        q0 += v * v;
      } else {
        n1++;
        s1 += v;
        q1 += v * v;
      }
    }
    if (n0 < 2 || n1 < 2) {
      return new double[] {0, n0 + n1};
    }
    double m0 = s0 / n0;
    double m1 = s1 / n1;
    double var;
    if (m.binary) {
      double pbar = (s0 + s1) / (n0 + n1);
      var = pbar * (1 - pbar);
    } else {
      var = ((q0 - n0 * m0 * m0) + (q1 - n1 * m1 * m1)) / (n0 + n1 - 2);
    }
    double se = Math.sqrt(var * (1.0 / n0 + 1.0 / n1));
    double z = se > 0 ? (m1 - m0) / se : 0;
    return new double[] {z, n0 + n1};
  }

  // ------------------------------------------------------------------ enrichment

  /**
   * Applies the enrichment rule at calendar time c: returns 2 (stop) when no stratum is kept, or -1
   * to continue (restricting the population and later recruitment when some are dropped).
   */
  private int enrich(
      SplittableRandom rng, double c, Enrichment enr, TrialSimulator.Outcomes out, int rep) {
    boolean[] keep = new boolean[m.strata];
    int kept = 0;
    for (int s = 0; s < m.strata; s++) {
      keep[s] = statistic(c, s)[0] >= enr.minZ();
      out.selected[s][rep] = keep[s];
      if (keep[s]) {
        kept++;
      }
    }
    if (kept == 0) {
      return 2;
    }
    if (kept == m.strata) {
      return -1;
    }
    out.enriched[rep] = true;
    // later recruits come from the kept strata only: redraw those who would have come from others
    for (int i = 0; i < n; i++) {
      if (entry[i] > c && !keep[stratum[i]]) {
        stratum[i] = (byte) drawStratum(rng, keep);
        draw(rng, i);
      }
    }
    System.arraycopy(keep, 0, inPop, 0, m.strata);
    if (m.tte) {
      sortByTimeOnStudy();
    }
    return -1;
  }
}
