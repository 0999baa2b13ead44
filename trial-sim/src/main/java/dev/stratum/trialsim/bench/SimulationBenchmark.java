package dev.stratum.trialsim.bench;

import dev.stratum.trialsim.sim.DesignReader;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark (not a test): wall time of {@code reps} replicates of a design on 1..T threads after a
 * warm-up, median of several runs. Usage: {@code SimulationBenchmark DESIGN.json [reps] [runs]
 * [maxThreads]}.
 */
public final class SimulationBenchmark {
  private SimulationBenchmark() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path file = Path.of(args.length > 0 ? args[0] : "docs/designs/gs-survival-3look.json");
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    int maxThreads =
        args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    TrialDesign design = DesignReader.read(file);
    out.printf(
        Locale.ROOT,
        "design %s, %d replicates, %d timed runs, JDK %s, %d cores%n",
        file,
        reps,
        runs,
        Runtime.version(),
        Runtime.getRuntime().availableProcessors());
    // warm-up: let the JIT compile the replicate loop
    for (int i = 0; i < 5; i++) {
      TrialSimulator.run(design, reps, 1000 + i, 1);
    }
    out.printf(Locale.ROOT, "load average at start: %.2f%n", loadAverage());
    // thread counts 1, 2, 4, ... up to maxThreads, timed in interleaved rounds so that every count
    // sees the same (shared-machine) load
    int counts = 0;
    for (int t = 1; t <= maxThreads; t *= 2) {
      counts++;
    }
    int[] threadCounts = new int[counts];
    for (int i = 0, t = 1; i < counts; i++, t *= 2) {
      threadCounts[i] = t;
    }
    double[][] secs = new double[counts][runs];
    double[] cpu = new double[runs];
    SimulationResult[] last = new SimulationResult[counts];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < runs; i++) {
      for (int c = 0; c < counts; c++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        last[c] = TrialSimulator.run(design, reps, 42 + i, threadCounts[c]);
        secs[c][i] = (System.nanoTime() - t0) / 1e9;
        if (threadCounts[c] == 1) {
          cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        }
      }
    }
    Arrays.sort(cpu);
    // on one thread all the work runs on the calling thread: its CPU time is the cost on one
    // core, unaffected by other processes competing for the cores
    out.printf(
        Locale.ROOT,
        "threads 1 (CPU time of the simulating thread): median %.3f s, min %.3f s%n",
        cpu[runs / 2],
        cpu[0]);
    for (int c = 0; c < counts; c++) {
      Arrays.sort(secs[c]);
      out.printf(
          Locale.ROOT,
          "threads %d (wall): median %.3f s, min %.3f s, max %.3f s (power %.4f +- %.4f)%n",
          threadCounts[c],
          secs[c][runs / 2],
          secs[c][0],
          secs[c][runs - 1],
          last[c].rejectProbability(),
          last[c].rejectSe());
    }
    out.printf(Locale.ROOT, "load average at end: %.2f%n", loadAverage());
  }

  /** The one-minute system load average (processes wanting a core), -1 where unknown. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
