package dev.stratum.cli;

import dev.stratum.datasets.io.RawDataset;
import dev.stratum.datasets.io.ReadPolicy;
import dev.stratum.datasets.io.SurvivalTable;
import dev.stratum.trust.AuditEvent;
import dev.stratum.trust.ConsentPolicy;
import dev.stratum.trust.SmallCellSuppression;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin RoleOption roleOption = new RoleOption();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrustContext trust = TrustContext.of(roleOption);
    // Survival times feed analyses (stratify --survival): research consent, or an approved
    // protocol, decides who is included (issue 9).
    Predicate<String> admitted = trust.consentFilter(raw, ConsentPolicy.Purpose.STRATIFICATION);
    SurvivalTable.Result all = SurvivalTable.fromOmop(RawDataset.open(raw), ReadPolicy.strict());
    List<SurvivalTable.Row> kept =
        all.rows().stream().filter(r -> admitted.test(r.personId())).toList();
    long events = kept.stream().filter(SurvivalTable.Row::event).count();
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("analysable", trust.count(kept.size()));
    counts.put("events", trust.count(events));
    if (!trust.role().seesPatientRows()) {
      // counts-only: the number of patients and deaths, small counts suppressed; no rows
      var c =
          SmallCellSuppression.partition(
              "analysable",
              List.of("events", "censored"),
              new long[] {events, kept.size() - events},
              SmallCellSuppression.Rule.standard());
      trust.audit(AuditEvent.Action.SEARCH, "survival", raw.toString(), cellMap(c), List.of());
      if (format == OutputFormat.JSON) {
        var root = Output.object();
        root.put("role", trust.role().cliName());
        c.forEach(x -> root.putPOJO(x.label(), x.json()));
        Output.writeJson(out, root);
      } else {
        Output.writeTable(
            out,
            format,
            c.stream().map(SmallCellSuppression.Cell::label).toList(),
            List.of(c.stream().map(SmallCellSuppression.Cell::text).toList()));
      }
      out.flush();
      return Stratum.OK;
    }
    UnaryOperator<String> view = trust.idView();
    trust.audit(
        AuditEvent.Action.EXPORT,
        "survival",
        raw.toString(),
        counts,
        kept.stream().map(SurvivalTable.Row::personId).toList());
    if (format == OutputFormat.JSON) {
      var root = Output.object();
      root.put("role", trust.role().cliName());
      root.put("consent", trust.policy().basis(ConsentPolicy.Purpose.STRATIFICATION));
      root.put("persons", all.persons());
      root.put("analysable", kept.size());
      root.put("excluded", all.excluded());
      root.put("without_consent", all.rows().size() - kept.size());
      var rows = root.putArray("rows");
      for (SurvivalTable.Row r : kept) {
        rows.addObject()
            .put("person_id", view.apply(r.personId()))
            .put("time", r.timeDays())
            .put("event", r.event() ? 1 : 0);
      }
      Output.writeJson(out, root);
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (SurvivalTable.Row r : kept) {
        rows.add(
            List.of(view.apply(r.personId()), Long.toString(r.timeDays()), r.event() ? "1" : "0"));
      }
      Output.writeTable(out, format, List.of("person_id", "time", "event"), rows);
    }
    spec.commandLine()
        .getErr()
        .printf(
            Locale.ROOT,
            "survival: %d persons, %d analysable (%d deaths), %d without a diagnosis origin,"
                + " %d left out for consent (%s)%n",
            all.persons(),
            kept.size(),
            events,
            all.excluded(),
            all.rows().size() - kept.size(),
            trust.policy().basis(ConsentPolicy.Purpose.STRATIFICATION));
    return Stratum.OK;
  }

  static Map<String, Object> cellMap(List<SmallCellSuppression.Cell> cells) {
    Map<String, Object> m = new LinkedHashMap<>();
    cells.forEach(c -> m.put(c.label(), c.json()));
    return m;
  }
}
