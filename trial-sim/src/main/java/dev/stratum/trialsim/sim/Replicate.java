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
  // closed combination test (enrichment): per-stratum statistics and stage-wise z by population
  private final double[] uCum;
  private final double[] vCum;
  private final int[] evCum;
  private final double[] uPrev;
  private final double[] vPrev;
  private final int[] riskA0;
  private final int[] riskA1;
  private final int[] riskB0;
  private final int[] riskB1;
  private final double[][]
      sums; // non-time-to-event: per stratum {n0, n1, s0, s1, q0, q1}, cumulative
  private final double[][] prevSums;
  private final double[][] stageZ; // [look][population mask], looks up to the selection
  private final double[] pScratch;
  private final double[] sortScratch;

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
    int st = model.strata;
    this.uCum = new double[st];
    this.vCum = new double[st];
    this.evCum = new int[st];
    this.uPrev = new double[st];
    this.vPrev = new double[st];
    this.riskA0 = new int[st];
    this.riskA1 = new int[st];
    this.riskB0 = new int[st];
    this.riskB1 = new int[st];
    this.sums = new double[st][6];
    this.prevSums = new double[st][6];
    int family = (1 << st) - 1;
    this.stageZ = m.closed ? new double[d.enrichment().atLook()][family + 1] : new double[0][0];
    this.pScratch = new double[family + 1];
    this.sortScratch = new double[family + 1];
  }

  void simulate(SplittableRandom rng, TrialSimulator.Outcomes out, int rep) {
    if (m.closed) {
      simulateClosed(rng, out, rep);
      return;
    }
    recruit(rng);
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
        out.rejected[rep] = decision == 1 ? populationMask() : 0;
        out.patients[rep] = enrolledBy(c);
        out.events[rep] = (int) stat[1];
        out.duration[rep] = c;
        return;
      }
    }
    throw new AssertionError("a trial always stops at its last look");
  }

  // ------------------------------------------------------------------ patients

  /** Entry times, arms, strata and outcomes of all patients; the whole population analysed. */
  private void recruit(SplittableRandom rng) {
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
  }

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
    // every replicate starts from the same block, so that it depends on its own stream only
    System.arraycopy(m.block, 0, blockScratch, 0, blockScratch.length);
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

  /** Bit mask of the strata in the analysed population. */
  private int populationMask() {
    int mask = 0;
    for (int s = 0; s < m.strata; s++) {
      if (inPop[s]) {
        mask |= 1 << s;
      }
    }
    return mask;
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
    return new double[] {zFromSums(n0, n1, s0, s1, q0, q1), n0 + n1};
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

  // ------------------------------------------------------------------ closed combination test

  /**
   * One trial of an enrichment design tested by the closed inverse-normal combination test (see
   * {@link ClosedCombinationTest}). Stage j is the data that accrues between looks j - 1 and j: the
   * increments of the stratified log-rank score and its variance for time to event (independent
   * increments, Tsiatis 1981; the selection uses only the strata's log-rank statistics, so the
   * increments after it stay independent of it, Wassmer 2006), the patients whose outcome arrives
   * in between for means and rates. Up to the selection look every population's stage p-value is
   * computed and the full population is tested through its hardest intersection; after it only the
   * selected population's stage p-values enter.
   */
  private void simulateClosed(SplittableRandom rng, TrialSimulator.Outcomes out, int rep) {
    recruit(rng);
    Arrays.fill(uPrev, 0);
    Arrays.fill(vPrev, 0);
    for (double[] row : prevSums) {
      Arrays.fill(row, 0);
    }
    Enrichment enr = d.enrichment();
    int sel = enr.atLook() - 1;
    int k = m.counts.length;
    int full = m.family;
    int current = full;
    double sumWorst = 0; // sum_j w_j z_j of the hardest intersection containing `current`
    double sumOwn = 0; // sum_j w_j z_j of `current` alone (futility)
    double cPrev = 0;
    for (int look = 0; look < k; look++) {
      double c = lookTime(m.counts[look]);
      boolean capped = c >= maxDuration;
      if (capped) {
        c = maxDuration;
      }
      int count = cumulativeStatistics(c, cPrev, current);
      out.lookCount[look][rep] = count;
      out.lookTime[look][rep] = (float) c;
      double w = m.weights[look];
      if (look <= sel) {
        double[] z = stageZ[look];
        for (int mask = 1; mask <= full; mask++) {
          z[mask] = stageZ(mask);
          pScratch[mask] = ClosedCombinationTest.pValue(z[mask]);
        }
        double worst =
            ClosedCombinationTest.worstIntersectionP(
                pScratch, full, enr.intersection(), sortScratch);
        sumWorst += w * ClosedCombinationTest.zValue(worst);
        sumOwn += w * z[full];
      } else {
        double z = stageZ(current);
        sumWorst += w * z;
        sumOwn += w * z;
      }
      double root = m.sqrtTiming[look];
      boolean last = look == k - 1 || capped;
      int decision = -1;
      if (sumWorst / root >= m.upper[look]) {
        decision = 1;
      } else if (sumOwn / root <= m.lower[look]) {
        decision = 2;
      } else if (last) {
        decision = 0;
      }
      if (decision < 0 && look == sel) {
        int kept = 0;
        for (int s = 0; s < m.strata; s++) {
          boolean keep = stratumZ(s) >= enr.minZ();
          out.selected[s][rep] = keep;
          if (keep) {
            kept |= 1 << s;
          }
        }
        if (kept == 0) {
          decision = 2;
        } else if (kept != full) {
          restrictTo(rng, c, kept);
          current = kept;
          out.enriched[rep] = true;
          // the stages so far, now for the hardest intersection containing the selection
          sumWorst = 0;
          sumOwn = 0;
          for (int j = 0; j <= sel; j++) {
            double[] z = stageZ[j];
            for (int mask = 1; mask <= full; mask++) {
              pScratch[mask] = ClosedCombinationTest.pValue(z[mask]);
            }
            double worst =
                ClosedCombinationTest.worstIntersectionP(
                    pScratch, current, enr.intersection(), sortScratch);
            sumWorst += m.weights[j] * ClosedCombinationTest.zValue(worst);
            sumOwn += m.weights[j] * z[current];
          }
        }
      }
      if (decision >= 0) {
        out.stopLook[rep] = (byte) look;
        out.decision[rep] = (byte) decision;
        out.rejected[rep] = decision == 1 ? current : 0;
        out.patients[rep] = enrolledBy(c);
        out.events[rep] = count;
        out.duration[rep] = c;
        return;
      }
      // the next stage starts here
      System.arraycopy(uCum, 0, uPrev, 0, m.strata);
      System.arraycopy(vCum, 0, vPrev, 0, m.strata);
      for (int s = 0; s < m.strata; s++) {
        System.arraycopy(sums[s], 0, prevSums[s], 0, 6);
      }
      cPrev = c;
    }
    throw new AssertionError("a trial always stops at its last look");
  }

  /** Recruitment after calendar time c from the strata of {@code kept} only; analyses in them. */
  private void restrictTo(SplittableRandom rng, double c, int kept) {
    boolean[] keep = new boolean[m.strata];
    for (int s = 0; s < m.strata; s++) {
      keep[s] = (kept & (1 << s)) != 0;
    }
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
  }

  /**
   * Per-stratum cumulative statistics at calendar time c (log-rank score, variance and events for
   * time to event; sufficient statistics of the outcomes observed by c otherwise). Returns the
   * events (or outcomes) in population {@code mask}.
   */
  private int cumulativeStatistics(double c, double cPrev, int mask) {
    int count = 0;
    if (m.tte) {
      logRankByStratum(c);
      for (int s = 0; s < m.strata; s++) {
        if ((mask & (1 << s)) != 0) {
          count += evCum[s];
        }
      }
      return count;
    }
    for (int s = 0; s < m.strata; s++) {
      System.arraycopy(prevSums[s], 0, sums[s], 0, 6);
    }
    for (int i = 0; i < n && entry[i] + m.assessment <= c; i++) {
      if (entry[i] + m.assessment <= cPrev) {
        continue;
      }
      double[] a = sums[stratum[i]];
      double v = y[i];
      int g = arm[i];
      a[g] += 1;
      a[2 + g] += v;
      a[4 + g] += v * v;
    }
    for (int s = 0; s < m.strata; s++) {
      if ((mask & (1 << s)) != 0) {
        count += (int) (sums[s][0] + sums[s][1]);
      }
    }
    return count;
  }

  /** Stage z statistic of population {@code mask}: the data between the previous look and now. */
  private double stageZ(int mask) {
    if (m.tte) {
      double du = 0;
      double dv = 0;
      for (int s = 0; s < m.strata; s++) {
        if ((mask & (1 << s)) != 0) {
          du += uCum[s] - uPrev[s];
          dv += vCum[s] - vPrev[s];
        }
      }
      return dv > 0 ? -du / Math.sqrt(dv) : 0;
    }
    double n0 = 0;
    double n1 = 0;
    double s0 = 0;
    double s1 = 0;
    double q0 = 0;
    double q1 = 0;
    for (int s = 0; s < m.strata; s++) {
      if ((mask & (1 << s)) != 0) {
        double[] a = sums[s];
        double[] b = prevSums[s];
        n0 += a[0] - b[0];
        n1 += a[1] - b[1];
        s0 += a[2] - b[2];
        s1 += a[3] - b[3];
        q0 += a[4] - b[4];
        q1 += a[5] - b[5];
      }
    }
    return zFromSums(n0, n1, s0, s1, q0, q1);
  }

  /** Cumulative z statistic of stratum s (the enrichment rule's statistic). */
  private double stratumZ(int s) {
    if (m.tte) {
      return vCum[s] > 0 ? -uCum[s] / Math.sqrt(vCum[s]) : 0;
    }
    double[] a = sums[s];
    return zFromSums(a[0], a[1], a[2], a[3], a[4], a[5]);
  }

  /** Two-sample z from sums: pooled-variance t-like z for means, pooled-rate z for rates. */
  private double zFromSums(double n0, double n1, double s0, double s1, double q0, double q1) {
    if (n0 < 2 || n1 < 2) {
      return 0;
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
    return se > 0 ? (m1 - m0) / se : 0;
  }

  /**
   * Log-rank score (sum over events of arm - P(experimental | at risk)), its variance and the
   * events of every stratum at calendar time c, in one pass as {@link #logRank}: the numbers at
   * risk are kept per stratum and arm.
   */
  private void logRankByStratum(double c) {
    int st = m.strata;
    Arrays.fill(uCum, 0);
    Arrays.fill(vCum, 0);
    Arrays.fill(evCum, 0);
    Arrays.fill(riskA0, 0);
    Arrays.fill(riskA1, 0);
    Arrays.fill(riskB0, 0);
    Arrays.fill(riskB1, 0);
    int enrolled = enrolledBy(c);
    for (int i = 0; i < enrolled; i++) {
      if (end[i] > c) {
        if (arm[i] == 0) {
          riskB0[stratum[i]]++;
        } else {
          riskB1[stratum[i]]++;
        }
      }
    }
    int remainingA = 0;
    for (int j = 0; j < n; j++) {
      if (sEnd[j] <= c) {
        int i = sIdx[j];
        if (arm[i] == 0) {
          riskA0[stratum[i]]++;
        } else {
          riskA1[stratum[i]]++;
        }
        remainingA++;
      }
    }
    int pe = enrolled - 1;
    for (int j = 0; j < n && remainingA > 0; j++) {
      if (sEnd[j] > c) {
        continue;
      }
      int i = sIdx[j];
      double t = sy[j];
      while (pe >= 0 && c - entry[pe] < t) {
        if (end[pe] > c) {
          if (arm[pe] == 0) {
            riskB0[stratum[pe]]--;
          } else {
            riskB1[stratum[pe]]--;
          }
        }
        pe--;
      }
      int s = stratum[i];
      if (event[i]) {
        int r1 = riskA1[s] + riskB1[s];
        double p1 = (double) r1 / (r1 + riskA0[s] + riskB0[s]);
        uCum[s] += arm[i] - p1;
        vCum[s] += p1 * (1 - p1);
        evCum[s]++;
      }
      if (arm[i] == 0) {
        riskA0[s]--;
      } else {
        riskA1[s]--;
      }
      remainingA--;
    }
    assert st == uCum.length;
  }
}
