package dev.stratum.cli;

import dev.stratum.datasets.io.RawDataset;
import dev.stratum.datasets.io.ReadPolicy;
import dev.stratum.datasets.io.SurvivalTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum survival --raw DIR}: overall survival per patient from the OMOP tables, as CSV
 * {@code person_id,time,event} (time in days from the primary diagnosis; event 1 = death), the
 * input {@code stratum stratify --survival} expects.
 */
@Command(
    name = "survival",
    mixinStandardHelpOptions = true,
    description = {
      "Overall survival from OMOP tables: days from the primary cancer diagnosis to death (event"
          + " 1) or to the end of follow-up (event 0).",
      "Writes person_id,time,event (the input of stratify --survival); the summary goes to stderr."
    })
public final class SurvivalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--raw", required = true, paramLabel = "DIR", description = "Raw-data directory.")
  java.nio.file.Path raw;

  @Option(
      names = "--format",
      paramLabel = "csv|json|table",
      defaultValue = "csv",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SurvivalTable.Result result = SurvivalTable.fromOmop(RawDataset.open(raw), ReadPolicy.strict());
    if (format == OutputFormat.JSON) {
      var root = Output.object();
      root.put("persons", result.persons());
      root.put("analysable", result.rows().size());
      root.put("excluded", result.excluded());
      var rows = root.putArray("rows");
      for (SurvivalTable.Row r : result.rows()) {
        rows.addObject()
            .put("person_id", r.personId())
            .put("time", r.timeDays())
            .put("event", r.event() ? 1 : 0);
      }
      Output.writeJson(out, root);
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (SurvivalTable.Row r : result.rows()) {
        rows.add(List.of(r.personId(), Long.toString(r.timeDays()), r.event() ? "1" : "0"));
      }
      Output.writeTable(out, format, List.of("person_id", "time", "event"), rows);
    }
    long events = result.rows().stream().filter(SurvivalTable.Row::event).count();
    spec.commandLine()
        .getErr()
        .printf(
            Locale.ROOT,
            "survival: %d persons, %d analysable (%d deaths), %d without a diagnosis origin%n",
            result.persons(),
            result.rows().size(),
            events,
            result.excluded());
    return Stratum.OK;
  }
}
