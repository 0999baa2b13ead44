package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum match-bench}: latency of {@code stratum match} per trial on an index (counts,
 * funnel and the top patients with evidence, as the command computes them), after warm-up runs. A
 * benchmark command, not a test: timings depend on the machine and its load.
 */
@Command(
    name = "match-bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark: p50/p99 latency of matching each trial of a folder against an index"
            + " (counts + funnel + top N with evidence).")
public final class MatchBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Patient index.")
  Path index;

  @Option(names = "--trials", required = true, paramLabel = "DIR", description = "Trials folder.")
  Path trials;

  @Option(names = "--reps", paramLabel = "N", description = "Timed runs per trial (50).")
  int reps = 50;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs per trial (10).")
  int warmup = 10;

  @Option(names = "--limit", paramLabel = "N", description = "Patients with evidence (100).")
  int limit = 100;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Evaluation date.")
  String asOf;

  @Option(names = "--format", description = "table (default on a terminal), json or csv.")
  OutputFormat format;

  @Override
  public Integer call() {
    if (reps < 1 || reps > 100_000) {
      throw InvalidInputException.ofArgument("--reps", "must be between 1 and 100000, got " + reps);
    }
    List<TrialCriteria> parsed = MatchCommand.parseFolder(trials);
    MatchOptions options =
        MatchOptions.defaults().withEvaluationDate(MatchCommand.date(asOf)).withLimit(limit);
    List<List<String>> rows = new ArrayList<>();
    // CPU time of the matching thread: on a shared, loaded machine wall-clock time mostly measures
    // the wait for a core.
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    ObjectNode json = Output.object();
    try (PatientIndex idx = PatientIndex.open(index)) {
      json.put("patients", idx.size());
      json.put("snapshot", idx.info().snapshotId());
      ArrayNode ts = json.putArray("trials");
      // Warm-up rounds over every trial before any is timed, so that the first trial does not pay
      // for the JIT compiling the shared code paths.
      for (int i = 0; i < warmup; i++) {
        for (TrialCriteria t : parsed) {
          Matcher.match(idx, t, options);
        }
      }
      for (TrialCriteria t : parsed) {
        double[] ms = new double[reps];
        double[] cpu = new double[reps];
        long eligible = 0;
        for (int i = 0; i < reps; i++) {
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          eligible = Matcher.match(idx, t, options).counts().eligible();
          ms[i] = (System.nanoTime() - t0) / 1e6;
          cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        double p50 = ms[(int) Math.floor(0.50 * (reps - 1))];
        double p99 = ms[(int) Math.ceil(0.99 * (reps - 1))];
        double cpu50 = cpu[(int) Math.floor(0.50 * (reps - 1))];
        ObjectNode o = ts.addObject();
        o.put("trial", t.trialId());
        o.put("p50_ms", p50);
        o.put("p99_ms", p99);
        o.put("cpu_p50_ms", cpu50);
        o.put("eligible", eligible);
        rows.add(
            List.of(
                t.trialId(),
                String.format(Locale.ROOT, "%.1f", p50),
                String.format(Locale.ROOT, "%.1f", p99),
                String.format(Locale.ROOT, "%.1f", cpu50),
                Long.toString(eligible)));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    OutputFormat f = NlpCommand.resolve(format);
    if (f == OutputFormat.JSON) {
      Output.writeJson(out, json);
    } else {
      Output.writeTable(
          out, f, List.of("trial", "p50_ms", "p99_ms", "cpu_p50_ms", "eligible"), rows);
    }
    return Stratum.OK;
  }
}
