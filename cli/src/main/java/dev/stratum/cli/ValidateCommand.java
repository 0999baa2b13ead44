package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.datasets.io.RawDataset;
import dev.stratum.datasets.io.ValidationReport;
import dev.stratum.datasets.io.ValidationReport.FileReport;
import dev.stratum.datasets.io.ValidationReport.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum validate --raw DIR}: reads every file of a raw-data directory with the readers of
 * the datasets module and reports, per file, records read, accepted and quarantined, with the first
 * reasons. Prints counts and reasons only, never record contents: safe to run on patient data.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a raw-data directory (omop/*.csv, genomics/*.vcf, omics/*.tsv, trials/*.json|xml)"
          + " against docs/data-formats.md.",
      "Prints per file: records read, accepted, quarantined, and the first reasons (no patient"
          + " data). Exit 0 when every record is valid, 2 otherwise."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--raw", required = true, paramLabel = "DIR", description = "Raw-data directory.")
  Path raw;

  @Option(
      names = "--format",
      paramLabel = "table|json|csv",
      description = "Output format (default: ${DEFAULT-VALUE}).",
      defaultValue = "table")
  OutputFormat format;

  @Option(
      names = "--strict",
      description = "Stop at the first invalid record or file with a one-line reason (exit 2).")
  boolean strict;

  @Option(
      names = "--max-reasons",
      paramLabel = "N",
      defaultValue = "3",
      description = "Reasons to show per file (default: ${DEFAULT-VALUE}).")
  int maxReasons;

  @Override
  public Integer call() {
    if (maxReasons < 0) {
      throw InvalidInputException.ofArgument("--max-reasons", "must be >= 0, got " + maxReasons);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RawDataset dataset = RawDataset.open(raw);
    ValidationReport report;
    try (Progress progress = Progress.start("validate", dataset.files().size())) {
      long[] done = {0};
      report = dataset.validate(maxReasons, strict, null, f -> progress.stepTo(++done[0]));
    }
    switch (format) {
      case JSON -> Output.writeJson(out, json(report));
      case CSV -> Output.writeTable(out, format, header(), rows(report));
      default -> writeTable(out, report);
    }
    if (report.clean()) {
      return Stratum.OK;
    }
    long bad = report.files().stream().filter(f -> !f.clean()).count();
    err.println(
        "stratum: "
            + report.firstProblem().map(Problem::message).orElse("invalid input")
            + " ("
            + report.quarantined()
            + " records quarantined, "
            + bad
            + " of "
            + report.files().size()
            + " files with problems)");
    return Stratum.BAD_INPUT;
  }

  private String relative(String path) {
    Path p = Path.of(path);
    return p.startsWith(raw) ? raw.relativize(p).toString() : path;
  }

  private static List<String> header() {
    return List.of("file", "format", "read", "accepted", "quarantined", "status");
  }

  private List<List<String>> rows(ValidationReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (FileReport f : r.files()) {
      String status =
          f.fileError().isPresent()
              ? "unreadable after line " + Math.max(0, f.fileError().get().line() - 1)
              : f.quarantined() == 0 ? "ok" : "quarantined";
      rows.add(
          List.of(
              relative(f.path()),
              f.format(),
              Long.toString(f.read()),
              Long.toString(f.accepted()),
              Long.toString(f.quarantined()),
              status));
    }
    return rows;
  }

  private void writeTable(PrintWriter out, ValidationReport r) {
    List<List<String>> rows = rows(r);
    rows.add(
        List.of(
            "total",
            "",
            Long.toString(r.read()),
            Long.toString(r.accepted()),
            Long.toString(r.quarantined()),
            r.clean() ? "ok" : "problems"));
    Output.writeTable(out, OutputFormat.TABLE, header(), rows);
    boolean first = true;
    for (FileReport f : r.files()) {
      List<Problem> shown = new ArrayList<>(f.problems());
      f.fileError().ifPresent(shown::add);
      for (Problem p : shown) {
        if (first) {
          out.println();
          out.println("First reasons per file:");
          first = false;
        }
        out.println("  " + relative(f.path()) + location(p) + p.reason());
      }
      long hidden = f.quarantined() - f.problems().size();
      if (hidden > 0) {
        out.println("  " + relative(f.path()) + ": ... and " + hidden + " more");
      }
    }
    for (String s : r.skipped()) {
      out.println("skipped (not a format Stratum reads): " + relative(s));
    }
    out.flush();
  }

  private static String location(Problem p) {
    return (p.line() > 0 ? ":" + p.line() : "")
        + ": "
        + (p.field().isEmpty() ? "" : "field '" + p.field() + "': ");
  }

  private ObjectNode json(ValidationReport r) {
    ObjectNode root = Output.object();
    root.put("raw", raw.toString());
    root.put("clean", r.clean());
    ObjectNode totals = root.putObject("totals");
    totals.put("files", r.files().size());
    totals.put("read", r.read());
    totals.put("accepted", r.accepted());
    totals.put("quarantined", r.quarantined());
    ArrayNode files = root.putArray("files");
    for (FileReport f : r.files()) {
      ObjectNode o = files.addObject();
      o.put("file", relative(f.path()));
      o.put("format", f.format());
      o.put("read", f.read());
      o.put("accepted", f.accepted());
      o.put("quarantined", f.quarantined());
      ArrayNode problems = o.putArray("reasons");
      for (Problem p : f.problems()) {
        problem(problems.addObject(), p);
      }
      if (f.fileError().isPresent()) {
        problem(o.putObject("file_error"), f.fileError().get());
      } else {
        o.putNull("file_error");
      }
    }
    ArrayNode skipped = root.putArray("skipped");
    r.skipped().forEach(s -> skipped.add(relative(s)));
    return root;
  }

  private static void problem(ObjectNode o, Problem p) {
    o.put("line", p.line());
    o.put("field", p.field());
    o.put("reason", p.reason());
  }
}
