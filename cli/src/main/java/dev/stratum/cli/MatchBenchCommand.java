package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.matching.EligibilitySql;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum match-bench}: latency of {@code stratum match} per trial on an index (counts,
 * funnel and the top patients with evidence, as the command computes them), after warm-up runs;
 * with {@code --store}, the same eligibility computed by DuckDB SQL over the snapshot's Parquet
 * files ({@link DuckDbEligibility}) in the same run, side by side with the ratio. A benchmark
 * command, not a test: timings depend on the machine and its load. Each trial's row is written to
 * stderr as soon as it is measured (long runs on big stores), the whole table or JSON to stdout at
 * the end.
 */
@Command(
    name = "match-bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark: p50/p99 latency of matching each trial of a folder against an index"
            + " (counts + funnel + top N with evidence); with --store also DuckDB SQL over the"
            + " snapshot's Parquet files, and the ratio.")
public final class MatchBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Patient index.")
  Path index;

  @Option(names = "--trials", required = true, paramLabel = "DIR", description = "Trials folder.")
  Path trials;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description =
          "Feature store holding the index's snapshot: adds the DuckDB SQL peer over its Parquet"
              + " files.")
  Path store;

  @Option(
      names = "--engines",
      paramLabel = "LIST",
      split = ",",
      description = "lucene, duckdb or both (default: lucene, and duckdb when --store is given).")
  List<String> engines;

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

  /** Timings of one engine on one trial (milliseconds). */
  record Timing(double p50, double p99, double cpuP50, long eligible, long needsReview) {}

  @Override
  public Integer call() {
    if (reps < 1 || reps > 100_000) {
      throw InvalidInputException.ofArgument("--reps", "must be between 1 and 100000, got " + reps);
    }
    if (warmup < 0) {
      throw InvalidInputException.ofArgument("--warmup", "must be >= 0, got " + warmup);
    }
    Set<String> which = new LinkedHashSet<>();
    if (engines == null || engines.isEmpty()) {
      which.add("lucene");
      if (store != null) {
        which.add("duckdb");
      }
    } else {
      for (String e : engines) {
        String l = e.strip().toLowerCase(Locale.ROOT);
        if (!l.equals("lucene") && !l.equals("duckdb")) {
          throw InvalidInputException.ofArgument("--engines", "lucene or duckdb, got '" + e + "'");
        }
        which.add(l);
      }
    }
    boolean duck = which.contains("duckdb");
    boolean lucene = which.contains("lucene");
    if (duck && store == null) {
      throw InvalidInputException.ofArgument("--store", "the duckdb engine needs --store DIR");
    }
    if (store != null && !Files.isDirectory(store)) {
      throw InvalidInputException.ofArgument("--store", "not a directory: " + store);
    }
    List<TrialCriteria> parsed = MatchCommand.parseFolder(trials);
    PrintWriter err = spec.commandLine().getErr();
    List<List<String>> rows = new ArrayList<>();
    ObjectNode json = Output.object();
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    json.put("processors", Runtime.getRuntime().availableProcessors());
    json.put("load_average_start", os.getSystemLoadAverage());
    try (PatientIndex idx = PatientIndex.open(index)) {
      LocalDate day =
          Matcher.evaluationDate(
              idx, MatchOptions.defaults().withEvaluationDate(MatchCommand.date(asOf)));
      MatchOptions options = MatchOptions.defaults().withEvaluationDate(day).withLimit(limit);
      json.put("patients", idx.size());
      json.put("snapshot", idx.info().snapshotId());
      json.put("evaluation_date", day.toString());
      DuckDbEligibility db = null;
      List<EligibilitySql> sql = new ArrayList<>();
      try {
        if (duck) {
          FeatureStore fs = FeatureStore.open(store);
          FeatureSnapshot snap = fs.snapshot(idx.info().snapshotId());
          db = DuckDbEligibility.open(snap);
          for (TrialCriteria t : parsed) {
            sql.add(db.sql(t.trialId(), Matcher.criteriaOf(t), day));
          }
        }
        // Warm-up rounds over every trial before any is timed, so that the first trial does not
        // pay for the JIT compiling the shared code paths.
        for (int i = 0; i < warmup; i++) {
          for (int k = 0; k < parsed.size(); k++) {
            if (lucene) {
              Matcher.match(idx, parsed.get(k), options);
            }
            if (duck) {
              db.run(sql.get(k), limit);
            }
          }
        }
        ArrayNode ts = json.putArray("trials");
        for (int k = 0; k < parsed.size(); k++) {
          TrialCriteria t = parsed.get(k);
          ObjectNode o = ts.addObject();
          o.put("trial", t.trialId());
          List<String> row = new ArrayList<>(List.of(t.trialId()));
          Timing l = null;
          Timing d = null;
          if (lucene) {
            l =
                time(
                    () -> {
                      var r = Matcher.match(idx, t, options).counts();
                      return new long[] {r.eligible(), r.needsReview()};
                    });
            put(o, "lucene", l);
          }
          if (duck) {
            DuckDbEligibility dbf = db;
            EligibilitySql q = sql.get(k);
            d =
                time(
                    () -> {
                      var r = dbf.run(q, limit);
                      return new long[] {r.eligible(), r.needsReview()};
                    });
            put(o, "duckdb", d);
          }
          for (Timing x : new Timing[] {l, d}) {
            if (x != null) {
              row.add(fmt(x.p50()));
              row.add(fmt(x.p99()));
              row.add(fmt(x.cpuP50()));
              row.add(Long.toString(x.eligible()));
              row.add(Long.toString(x.needsReview()));
            }
          }
          if (l != null && d != null) {
            o.put("ratio_p50", d.p50() / l.p50());
            o.put("ratio_cpu_p50", d.cpuP50() / l.cpuP50());
            row.add(String.format(Locale.ROOT, "%.1f", d.p50() / l.p50()));
          }
          o.put("load_average", os.getSystemLoadAverage());
          rows.add(row);
          err.println("match-bench: " + String.join(" ", row));
          err.flush();
        }
      } finally {
        if (db != null) {
          db.close();
        }
      }
    }
    json.put("load_average_end", os.getSystemLoadAverage());
    List<String> header = new ArrayList<>(List.of("trial"));
    for (String e : List.of("lucene", "duckdb")) {
      if (which.contains(e)) {
        for (String c : List.of("p50_ms", "p99_ms", "cpu_p50_ms", "eligible", "needs_review")) {
          header.add(e + "_" + c);
        }
      }
    }
    if (lucene && duck) {
      header.add("duckdb/lucene_p50");
    }
    PrintWriter out = spec.commandLine().getOut();
    OutputFormat f = NlpCommand.resolve(format);
    if (f == OutputFormat.JSON) {
      Output.writeJson(out, json);
    } else {
      Output.writeTable(out, f, header, rows);
    }
    return Stratum.OK;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static void put(ObjectNode trial, String engine, Timing t) {
    ObjectNode o = trial.putObject(engine);
    o.put("p50_ms", t.p50());
    o.put("p99_ms", t.p99());
    o.put("cpu_p50_ms", t.cpuP50());
    o.put("eligible", t.eligible());
    o.put("needs_review", t.needsReview());
    if (engine.equals("lucene")) {
      // Flat copies kept for readers of the earlier output.
      trial.put("p50_ms", t.p50());
      trial.put("p99_ms", t.p99());
      trial.put("cpu_p50_ms", t.cpuP50());
      trial.put("eligible", t.eligible());
    }
  }

  /** CPU time of the whole process, every thread (ProcessHandle; 0 where the OS does not say). */
  private static long processCpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(java.time.Duration::toNanos)
        .orElse(0L);
  }

  /**
   * Times {@code run} {@code reps} times: wall clock and the process's CPU time (all threads:
   * DuckDB works on its own native threads, so the calling thread's CPU time would miss it).
   */
  private Timing time(java.util.function.Supplier<long[]> run) {
    double[] ms = new double[reps];
    double[] cpu = new double[reps];
    long[] counts = null;
    for (int i = 0; i < reps; i++) {
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      counts = run.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (processCpuNanos() - c0) / 1e6;
    }
    Arrays.sort(ms);
    Arrays.sort(cpu);
    return new Timing(
        ms[(int) Math.floor(0.50 * (reps - 1))],
        ms[(int) Math.ceil(0.99 * (reps - 1))],
        cpu[(int) Math.floor(0.50 * (reps - 1))],
        counts[0],
        counts[1]);
  }
}
