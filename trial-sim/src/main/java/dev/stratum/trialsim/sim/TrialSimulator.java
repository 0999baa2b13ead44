package dev.stratum.trialsim.sim;

import dev.stratum.trialsim.gsd.GroupSequentialDesign;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Monte-Carlo simulation of a {@link TrialDesign}: patients enter, are randomised in permuted
 * blocks, have their outcomes drawn, and the trial is analysed at its looks with the
 * group-sequential boundaries (log-rank test for time to event, z tests for means and rates) until
 * it stops.
 *
 * <p>Reproducibility: replicates are cut into blocks of {@value #BLOCK}; block b takes the b-th
 * split of {@code new SplittableRandom(seed)} and replicate j of a block the j-th split of the
 * block's stream. Every replicate's stream is therefore fixed by (seed, replicate index), and
 * results are summed in replicate order, so they are identical for any thread count.
 */
public final class TrialSimulator {
  static final int BLOCK = 256;

  private TrialSimulator() {}

  /** Runs {@code reps} replicates of {@code design} on {@code threads} threads. */
  public static SimulationResult run(TrialDesign design, int reps, long seed, int threads) {
    return run(design, reps, seed, threads, done -> {});
  }

  /**
   * As {@link #run(TrialDesign, int, long, int)}, reporting the number of finished replicates to
   * {@code progress} (from worker threads) for a progress bar.
   */
  public static SimulationResult run(
      TrialDesign design, int reps, long seed, int threads, LongConsumer progress) {
    if (reps < 1 || reps > 5_000_000) {
      throw new IllegalArgumentException("reps must be in [1, 5000000], got " + reps);
    }
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads must be in [1, 1024], got " + threads);
    }
    GroupSequentialDesign gsd = boundaries(design.boundaries());
    Model model = new Model(design, gsd);
    Outcomes out = new Outcomes(reps, design.lookCounts().length, design.strata().size());
    int blocks = (reps + BLOCK - 1) / BLOCK;
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] blockStreams = new SplittableRandom[blocks];
    for (int b = 0; b < blocks; b++) {
      blockStreams[b] = root.split();
    }
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    Runnable[] tasks = new Runnable[blocks];
    for (int b = 0; b < blocks; b++) {
      int block = b;
      tasks[b] =
          () -> {
            Replicate r = new Replicate(model);
            SplittableRandom bs = blockStreams[block];
            int from = block * BLOCK;
            int to = Math.min(reps, from + BLOCK);
            for (int i = from; i < to; i++) {
              r.simulate(bs.split(), out, i);
            }
            progress.accept(done.addAndGet(to - from));
          };
    }
    if (threads == 1) {
      for (Runnable t : tasks) {
        t.run();
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (Runnable t : tasks) {
          fs.add(pool.submit(t));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("simulation interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("simulation failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return out.summarise(design, gsd, model, seed);
  }

  /** Number of blocks of {@value #BLOCK} replicates a run of {@code reps} replicates has. */
  public static int blockCount(int reps) {
    return (reps + BLOCK - 1) / BLOCK;
  }

  /**
   * The replicates of blocks [fromBlock, toBlock) of a run of {@code reps} replicates with {@code
   * seed}, on the calling thread: each replicate gets exactly the stream it gets in {@link
   * #run(TrialDesign, int, long, int)}, so slices computed anywhere (Spark executors) and joined by
   * {@link #combine} give the local result.
   */
  public static ReplicateSlice simulateBlocks(
      TrialDesign design, int reps, long seed, int fromBlock, int toBlock) {
    int blocks = blockCount(reps);
    if (fromBlock < 0 || toBlock > blocks || fromBlock >= toBlock) {
      throw new IllegalArgumentException(
          "blocks must satisfy 0 <= from < to <= "
              + blocks
              + ", got ["
              + fromBlock
              + ", "
              + toBlock
              + ")");
    }
    Model model = new Model(design, boundaries(design.boundaries()));
    int from = fromBlock * BLOCK;
    int to = Math.min(reps, toBlock * BLOCK);
    Outcomes out = new Outcomes(to - from, design.lookCounts().length, design.strata().size());
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom bs = null;
    for (int b = 0; b < fromBlock; b++) {
      root.split(); // the streams of earlier blocks, split off in order as run() does
    }
    Replicate r = new Replicate(model);
    for (int b = fromBlock; b < toBlock; b++) {
      bs = root.split();
      int end = Math.min(reps, (b + 1) * BLOCK);
      for (int i = b * BLOCK; i < end; i++) {
        r.simulate(bs.split(), out, i - from);
      }
    }
    return new ReplicateSlice(from, to, out);
  }

  /**
   * Joins slices covering replicates [0, reps) exactly once (in any order) into the result of
   * {@link #run(TrialDesign, int, long, int)} for the same design, reps and seed.
   */
  public static SimulationResult combine(
      TrialDesign design, int reps, long seed, List<ReplicateSlice> slices) {
    GroupSequentialDesign gsd = boundaries(design.boundaries());
    Model model = new Model(design, gsd);
    Outcomes all = new Outcomes(reps, design.lookCounts().length, design.strata().size());
    boolean[] seen = new boolean[blockCount(reps)];
    int covered = 0;
    for (ReplicateSlice s : slices) {
      if (s.to() > reps || s.from() % BLOCK != 0) {
        throw new IllegalArgumentException(
            "slice ["
                + s.from()
                + ", "
                + s.to()
                + ") is not a block range of "
                + reps
                + " replicates");
      }
      for (int b = s.from() / BLOCK; b * BLOCK < s.to(); b++) {
        if (seen[b]) {
          throw new IllegalArgumentException("block " + b + " is in two slices");
        }
        seen[b] = true;
      }
      s.outcomes().copyInto(all, s.from());
      covered += s.to() - s.from();
    }
    if (covered != reps) {
      throw new IllegalArgumentException("slices cover " + covered + " of " + reps + " replicates");
    }
    return all.summarise(design, gsd, model, seed);
  }

  /** Recently computed boundaries: repeated runs of a design (power curves) reuse them. */
  private static final java.util.Map<dev.stratum.trialsim.gsd.GsdSpec, GroupSequentialDesign>
      CACHE =
          java.util.Collections.synchronizedMap(
              new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(
                    java.util.Map.Entry<dev.stratum.trialsim.gsd.GsdSpec, GroupSequentialDesign>
                        e) {
                  return size() > 64;
                }
              });

  static GroupSequentialDesign boundaries(dev.stratum.trialsim.gsd.GsdSpec spec) {
    GroupSequentialDesign g = CACHE.get(spec);
    if (g == null) {
      g = GroupSequentialDesign.of(spec);
      CACHE.put(spec, g);
    }
    return g;
  }

  /** What every replicate needs, computed once. */
  static final class Model {
    final TrialDesign design;
    final double[] upper;
    final double[] lower;
    final int[] counts;
    final int n;
    final int strata;
    final double[] cumPrevalence;
    // per stratum parameters
    final double[][] hazards; // time to event: control hazards per period
    final double[] breaks;
    final double[] hr;
    final double[] mean0;
    final double[] effect;
    final double sd;
    final double assessment;
    final boolean tte;
    final boolean binary;
    final int[] block;
    // closed combination test of an enrichment design
    final boolean closed;
    final int family; // mask of the full population: (1 << strata) - 1
    final double[] weights;
    final double[] sqrtTiming;
    final boolean[] trueNull; // by population mask: no effect in any of its strata

    Model(TrialDesign d, GroupSequentialDesign gsd) {
      this.design = d;
      this.upper = gsd.upper();
      this.lower = gsd.lower();
      this.counts = d.lookCounts();
      this.n = d.sampleSize();
      List<DesignStratum> st = d.strata();
      this.strata = Math.max(1, st.size());
      this.cumPrevalence = new double[strata];
      double total = 0;
      for (DesignStratum s : st) {
        total += s.prevalence();
      }
      double acc = 0;
      for (int i = 0; i < strata; i++) {
        acc += st.isEmpty() ? 1 : st.get(i).prevalence() / total;
        cumPrevalence[i] = acc;
      }
      cumPrevalence[strata - 1] = 1;
      this.hazards = new double[strata][];
      this.hr = new double[strata];
      this.mean0 = new double[strata];
      this.effect = new double[strata];
      Endpoint e = d.endpoint();
      this.tte = e instanceof Endpoint.TimeToEvent;
      this.binary = e instanceof Endpoint.Binary;
      double[] br = new double[0];
      double s = 1;
      double a = 0;
      for (int i = 0; i < strata; i++) {
        DesignStratum ds = st.isEmpty() ? null : st.get(i);
        double eff = ds == null || Double.isNaN(ds.effect()) ? e.effect() : ds.effect();
        double ctl = ds == null ? Double.NaN : ds.control();
        switch (e) {
          case Endpoint.TimeToEvent t -> {
            br = t.breaks();
            hazards[i] =
                Double.isNaN(ctl)
                    ? t.controlHazards()
                    : constant(Math.log(2) / ctl, t.breaks().length + 1);
            hr[i] = eff;
          }
          case Endpoint.Continuous c -> {
            mean0[i] = Double.isNaN(ctl) ? c.controlMean() : ctl;
            effect[i] = eff;
            s = c.sd();
            a = c.assessmentTime();
          }
          case Endpoint.Binary b -> {
            mean0[i] = Double.isNaN(ctl) ? b.controlRate() : ctl;
            effect[i] = eff;
            a = b.assessmentTime();
          }
        }
      }
      this.breaks = br;
      this.sd = s;
      this.assessment = a;
      int[] al = d.allocation();
      this.block = new int[al[0] + al[1]];
      for (int i = 0; i < block.length; i++) {
        block[i] = i < al[0] ? 0 : 1;
      }
      this.closed = d.enrichment() != null && d.enrichment().closed();
      this.family = (1 << strata) - 1;
      double[] t = d.boundaries().timing();
      this.weights = ClosedCombinationTest.weights(t);
      this.sqrtTiming = new double[t.length];
      for (int j = 0; j < t.length; j++) {
        sqrtTiming[j] = Math.sqrt(t[j]);
      }
      boolean[] nullStratum = new boolean[strata];
      for (int i = 0; i < strata; i++) {
        nullStratum[i] = tte ? hr[i] == 1 : binary ? effect[i] == mean0[i] : effect[i] == 0;
      }
      this.trueNull = new boolean[family + 1];
      for (int mask = 1; mask <= family; mask++) {
        boolean all = true;
        for (int i = 0; i < strata; i++) {
          if ((mask & (1 << i)) != 0 && !nullStratum[i]) {
            all = false;
          }
        }
        trueNull[mask] = all;
      }
    }

    /** Name of a population by mask: "full population" or its strata joined by " + ". */
    String populationName(int mask) {
      if (mask == family) {
        return "full population";
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < strata; i++) {
        if ((mask & (1 << i)) != 0) {
          if (b.length() > 0) {
            b.append(" + ");
          }
          b.append(design.strata().get(i).name());
        }
      }
      return b.toString();
    }

    private static double[] constant(double v, int len) {
      double[] x = new double[len];
      Arrays.fill(x, v);
      return x;
    }
  }

  /** Per-replicate outcomes, stored by replicate index so that sums do not depend on threads. */
  static final class Outcomes {
    final byte[] stopLook; // 0-based look at which the trial stopped
    final byte[]
        decision; // 1 reject, 2 lower bound / no stratum kept, 0 final look without rejection
    final int[] patients;
    final int[] events;
    final double[] duration;
    final float[][] lookCount;
    final float[][] lookTime;
    final boolean[][] selected;
    final boolean[] enriched;
    final int[] rejected; // mask of the population whose hypothesis was rejected, 0 if none

    /** Copies these outcomes into {@code all} from replicate {@code offset} on. */
    void copyInto(Outcomes all, int offset) {
      int n = stopLook.length;
      System.arraycopy(stopLook, 0, all.stopLook, offset, n);
      System.arraycopy(decision, 0, all.decision, offset, n);
      System.arraycopy(patients, 0, all.patients, offset, n);
      System.arraycopy(events, 0, all.events, offset, n);
      System.arraycopy(duration, 0, all.duration, offset, n);
      for (int j = 0; j < lookCount.length; j++) {
        System.arraycopy(lookCount[j], 0, all.lookCount[j], offset, n);
        System.arraycopy(lookTime[j], 0, all.lookTime[j], offset, n);
      }
      for (int s = 0; s < selected.length; s++) {
        System.arraycopy(selected[s], 0, all.selected[s], offset, n);
      }
      System.arraycopy(enriched, 0, all.enriched, offset, n);
      System.arraycopy(rejected, 0, all.rejected, offset, n);
    }

    Outcomes(int reps, int looks, int strata) {
      stopLook = new byte[reps];
      decision = new byte[reps];
      patients = new int[reps];
      events = new int[reps];
      duration = new double[reps];
      lookCount = new float[looks][reps];
      lookTime = new float[looks][reps];
      selected = new boolean[strata][reps];
      enriched = new boolean[reps];
      rejected = new int[reps];
    }

    SimulationResult summarise(TrialDesign d, GroupSequentialDesign gsd, Model m, long seed) {
      int reps = stopLook.length;
      int k = m.counts.length;
      double[] rej = new double[k];
      double[] fut = new double[k];
      double[] reached = new double[k];
      double[] sumCount = new double[k];
      double[] sumTime = new double[k];
      double sp = 0;
      double sp2 = 0;
      double se = 0;
      double se2 = 0;
      double sd = 0;
      double sd2 = 0;
      long rejections = 0;
      long enrichedCount = 0;
      double[] sel = new double[m.strata];
      long[] byPopulation = new long[m.family + 1];
      long falseRejections = 0;
      for (int i = 0; i < reps; i++) {
        byPopulation[rejected[i]]++;
        if (rejected[i] != 0 && m.trueNull[rejected[i]]) {
          falseRejections++;
        }
        int s = stopLook[i];
        if (decision[i] == 1) {
          rej[s]++;
          rejections++;
        } else if (decision[i] == 2) {
          fut[s]++;
        }
        for (int j = 0; j <= s; j++) {
          reached[j]++;
          sumCount[j] += lookCount[j][i];
          sumTime[j] += lookTime[j][i];
        }
        sp += patients[i];
        sp2 += (double) patients[i] * patients[i];
        se += events[i];
        se2 += (double) events[i] * events[i];
        sd += duration[i];
        sd2 += duration[i] * duration[i];
        if (enriched[i]) {
          enrichedCount++;
        }
        if (d.enrichment() != null) {
          for (int st = 0; st < m.strata; st++) {
            if (selected[st][i]) {
              sel[st]++;
            }
          }
        }
      }
      List<SimulationResult.Look> looks = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        double pr = rej[j] / reps;
        double pf = fut[j] / reps;
        looks.add(
            new SimulationResult.Look(
                j + 1,
                m.upper[j],
                m.lower[j],
                pr,
                binomialSe(pr, reps),
                pf,
                binomialSe(pf, reps),
                reached[j] == 0 ? Double.NaN : sumCount[j] / reached[j],
                reached[j] == 0 ? Double.NaN : sumTime[j] / reached[j]));
      }
      List<SimulationResult.StratumSelection> strataSel = new ArrayList<>();
      if (d.enrichment() != null) {
        for (int st = 0; st < m.strata; st++) {
          double p = sel[st] / reps;
          strataSel.add(
              new SimulationResult.StratumSelection(
                  d.strata().get(st).name(), p, binomialSe(p, reps)));
        }
      }
      List<SimulationResult.PopulationRejection> populations = new ArrayList<>();
      if (!d.strata().isEmpty()) {
        for (int mask = m.family; mask >= 1; mask--) {
          if (byPopulation[mask] > 0 || mask == m.family) {
            double p = (double) byPopulation[mask] / reps;
            populations.add(
                new SimulationResult.PopulationRejection(
                    m.populationName(mask), p, binomialSe(p, reps), m.trueNull[mask]));
          }
        }
      }
      double fwer = (double) falseRejections / reps;
      double power = (double) rejections / reps;
      return new SimulationResult(
          d,
          reps,
          seed,
          power,
          binomialSe(power, reps),
          analyticPower(d, gsd),
          looks,
          sp / reps,
          meanSe(sp, sp2, reps),
          se / reps,
          meanSe(se, se2, reps),
          sd / reps,
          meanSe(sd, sd2, reps),
          duration,
          strataSel,
          d.enrichment() == null ? 0 : (double) enrichedCount / reps,
          fwer,
          binomialSe(fwer, reps),
          populations);
    }

    private static double binomialSe(double p, int reps) {
      return Math.sqrt(p * (1 - p) / reps);
    }

    private static double meanSe(double sum, double sumSq, int reps) {
      if (reps < 2) {
        return Double.NaN;
      }
      double mean = sum / reps;
      double var = Math.max(0, (sumSq - reps * mean * mean) / (reps - 1));
      return Math.sqrt(var / reps);
    }
  }

  /**
   * Analytic power at the design's final information: Schoenfeld (1983) drift |log HR| sqrt(p(1-p)
   * D) for time to event, delta / (sd sqrt(1/n0 + 1/n1)) for means, and the unpooled normal drift
   * for rates; NaN with strata effects or enrichment (no single drift).
   */
  public static double analyticPower(TrialDesign d) {
    return analyticPower(d, boundaries(d.boundaries()));
  }

  static double analyticPower(TrialDesign d, GroupSequentialDesign gsd) {
    if (d.enrichment() != null) {
      return Double.NaN;
    }
    for (DesignStratum s : d.strata()) {
      if (!Double.isNaN(s.effect()) || !Double.isNaN(s.control())) {
        return Double.NaN;
      }
    }
    int[] al = d.allocation();
    double p = (double) al[1] / (al[0] + al[1]);
    int last = d.lookCounts()[d.lookCounts().length - 1];
    double drift;
    double scale = 1;
    switch (d.endpoint()) {
      case Endpoint.TimeToEvent t ->
          drift = -Math.log(t.hazardRatio()) * Math.sqrt(p * (1 - p) * last);
      case Endpoint.Continuous c ->
          drift = c.difference() / (c.sd() * Math.sqrt(1 / ((1 - p) * last) + 1 / (p * last)));
      case Endpoint.Binary b -> {
        // the z test standardises by the pooled (null) variance s0^2 while the estimate varies
        // with s1^2: Z_k = (Delta/s1) sqrt(t_k) * (s1/s0) + (s1/s0) W_k, so it crosses b_k when a
        // standard process with drift Delta/s1 crosses b_k s0/s1
        double p0 = b.controlRate();
        double p1 = b.experimentalRate();
        double n0 = (1 - p) * last;
        double n1 = p * last;
        double s1 = Math.sqrt(p0 * (1 - p0) / n0 + p1 * (1 - p1) / n1);
        double pbar = (1 - p) * p0 + p * p1;
        double s0 = Math.sqrt(pbar * (1 - pbar) * (1 / n0 + 1 / n1));
        drift = (p1 - p0) / s1;
        scale = s0 / s1;
      }
    }
    double[] up = gsd.upper();
    double[] lo = gsd.lower();
    for (int i = 0; i < up.length; i++) {
      up[i] *= scale;
      lo[i] *= scale;
    }
    double[] cross = GroupSequentialDesign.crossing(drift, d.boundaries().timing(), lo, up, 18)[0];
    double power = 0;
    for (double c : cross) {
      power += c;
    }
    return power;
  }
}
