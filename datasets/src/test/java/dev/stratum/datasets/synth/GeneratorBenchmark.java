package dev.stratum.datasets.synth;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark command for the generator (not a test): generates cohorts of the sizes given on the
 * command line, one warm-up run of 2000 patients first, and prints wall time, process CPU time,
 * output size and the machine's load average. Results are recorded in docs/benchmarks/datasets.md.
 *
 * <pre>
 * ./mvnw -B -q -pl core,datasets -am test-compile
 * ./mvnw -B -q -pl datasets dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp datasets/target/test-classes:datasets/target/classes:core/target/classes:$(cat datasets/target/cp.txt) \
 *   dev.stratum.datasets.synth.GeneratorBenchmark /tmp/bench 10000 100000
 * </pre>
 */
public final class GeneratorBenchmark {
  private GeneratorBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    run(root.resolve("warmup"), 2000, os, false);
    for (int i = 1; i < args.length; i++) {
      run(root.resolve("n" + args[i]), Long.parseLong(args[i]), os, true);
    }
  }

  private static void run(
      Path dir, long n, java.lang.management.OperatingSystemMXBean os, boolean print)
      throws IOException {
    delete(dir);
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    GenerationSummary s = CohortGenerator.generate(GeneratorOptions.of(n, 42), dir);
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - cpu0) / 1e9;
    long bytes;
    try (Stream<Path> files = Files.walk(dir)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    if (print) {
      System.out.printf(
          Locale.ROOT,
          "patients=%d threads=%d wall_s=%.1f cpu_s=%.1f output_mb=%.0f"
              + " measurement_rows=%d note_rows=%d load_avg=%.1f max_heap_mb=%d%n",
          n,
          Runtime.getRuntime().availableProcessors(),
          wall,
          cpu,
          bytes / 1e6,
          s.rowsOf("omop/measurement.csv"),
          s.rowsOf("omop/note.csv"),
          os.getSystemLoadAverage(),
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  /** CPU time of this process (all threads, JIT and GC included). */
  private static long cpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(java.time.Duration::toNanos)
        .orElse(0L);
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
