package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.CatalogEntry;
import dev.stratum.jobs.FeatureJob;
import dev.stratum.jobs.FeatureJobOptions;
import dev.stratum.jobs.FeatureJobSummary;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.jobs.SourceCounts;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum features}: builds a feature-store snapshot from a raw-data directory with Spark,
 * and lists snapshots and the feature catalog of a store (docs/feature-store.md).
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Build a versioned, pseudonymized feature-store snapshot from raw inputs (Spark).",
      "The pseudonym key comes from STRATUM_PSEUDONYM_KEY (hex) or --key-file."
    },
    subcommands = {FeaturesCommand.ListSnapshots.class, FeaturesCommand.Catalog.class})
public final class FeaturesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--raw", paramLabel = "DIR", description = "Raw-data directory.")
  Path raw;

  @Option(names = "--store", paramLabel = "DIR", description = "Feature-store directory.")
  Path store;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "Point in time: no event dated after this day reaches the snapshot.")
  String asOf;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default local[*]; spark://host:port for a standalone cluster).")
  String master;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description = "Pseudonym key file (hex); used when STRATUM_PSEUDONYM_KEY is not set.")
  Path keyFile;

  @Option(
      names = "--create-key",
      description = "Create --key-file with a fresh random key (SecureRandom) when it is missing.")
  boolean createKey;

  @Option(
      names = "--no-note-facts",
      description =
          "Skip the clinical NLP over notes (the note_facts table stays empty); faster builds.")
  boolean noNoteFacts;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table, json or csv (default table).")
  OutputFormat format = OutputFormat.TABLE;

  @Override
  public Integer call() {
    if (raw == null || store == null) {
      throw InvalidInputException.ofArgument(
          raw == null ? "--raw" : "--store",
          "required to build a snapshot (or use 'features list' / 'features catalog')");
    }
    if (!Files.isDirectory(raw)) {
      throw InvalidInputException.ofArgument("--raw", "not a directory: " + raw);
    }
    LocalDate day = null;
    if (asOf != null) {
      try {
        day = LocalDate.parse(asOf);
      } catch (DateTimeParseException e) {
        throw InvalidInputException.ofArgument("--as-of", "not a date YYYY-MM-DD: '" + asOf + "'");
      }
    }
    Pseudonymizer key;
    if (createKey
        && keyFile != null
        && !Files.exists(keyFile)
        && System.getenv(Pseudonymizer.KEY_ENV) == null) {
      key = Pseudonymizer.generateKeyFile(keyFile, new SecureRandom());
      spec.commandLine().getErr().println("stratum: created pseudonym key file " + keyFile);
    } else {
      key = Pseudonymizer.fromEnvironment(keyFile);
    }
    // Notes reach the store de-identified (issue 9): the NLP module's rules, dates shifted with a
    // key derived from the pseudonym key. Note facts are read from the de-identified text.
    FeatureJobOptions o =
        FeatureJobOptions.of(raw, store, key)
            .withAsOf(day)
            .withMaster(master)
            .withNoteDeidentifier(new NlpNoteDeidentifier(key.deriveKey("date-shift")));
    if (!noNoteFacts) {
      o = o.withNoteFacts(new ClinicalNlpFacts());
    }
    FeatureJobSummary s = FeatureJob.run(o);
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      ObjectNode n = Output.object();
      n.put("snapshot", s.snapshotId());
      n.put("path", s.snapshotDir().toString());
      n.put("reused", s.reused());
      n.put(
          "reid_map", dev.stratum.jobs.ReidentificationMap.file(store, s.snapshotId()).toString());
      n.put("as_of", s.manifest().asOf());
      n.put("records_in", s.recordsIn());
      n.put("records_quarantined", s.recordsQuarantined());
      n.put("features", s.manifest().features());
      n.put("elapsed_s", s.elapsed().toMillis() / 1000.0);
      n.set("sources", Output.json().valueToTree(s.sources()));
      n.set("tables", Output.json().valueToTree(s.tables()));
      Output.writeJson(out, n);
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (Map.Entry<String, SourceCounts> e : s.sources().entrySet()) {
        SourceCounts c = e.getValue();
        rows.add(
            List.of(
                e.getKey(),
                Long.toString(c.in()),
                Long.toString(c.accepted()),
                Long.toString(c.quarantined()),
                Long.toString(c.afterAsOf())));
      }
      Output.writeTable(
          out, format, List.of("source", "in", "accepted", "quarantined", "after_as_of"), rows);
      if (format == OutputFormat.TABLE) {
        out.println();
        out.println(
            "snapshot "
                + s.snapshotId()
                + (s.reused() ? " (unchanged inputs: reused)" : "")
                + " is current in "
                + store);
        out.flush();
      }
    }
    return Stratum.OK;
  }

  /** {@code stratum features list --store DIR}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List snapshots.")
  static final class ListSnapshots implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR")
    Path store;

    @Option(names = "--format", paramLabel = "FORMAT")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    public Integer call() {
      FeatureStore fs = FeatureStore.open(store);
      String current = fs.currentId().orElse("");
      PrintWriter out = spec.commandLine().getOut();
      List<FeatureSnapshot> snaps = fs.snapshots();
      if (format == OutputFormat.JSON) {
        ArrayNode a = Output.json().createArrayNode();
        for (FeatureSnapshot s : snaps) {
          ObjectNode n = a.addObject();
          n.put("id", s.id());
          n.put("current", s.id().equals(current));
          n.put("created_at", s.manifest().createdAt());
          n.put("as_of", s.manifest().asOf());
          n.put("producer", s.manifest().producer());
          n.put("schema_version", s.manifest().schemaVersion());
          n.put("features", s.manifest().features());
          n.set("tables", Output.json().valueToTree(s.manifest().tables()));
        }
        Output.writeJson(out, a);
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (FeatureSnapshot s : snaps) {
          rows.add(
              List.of(
                  s.id(),
                  s.id().equals(current) ? "*" : "",
                  s.manifest().createdAt(),
                  String.valueOf(s.manifest().asOf()),
                  Long.toString(s.manifest().tables().getOrDefault("patients", 0L)),
                  Long.toString(s.manifest().features())));
        }
        Output.writeTable(
            out,
            format,
            List.of("id", "current", "created_at", "as_of", "patients", "features"),
            rows);
      }
      return Stratum.OK;
    }
  }

  /** {@code stratum features catalog --store DIR [--snapshot ID]}. */
  @Command(
      name = "catalog",
      mixinStandardHelpOptions = true,
      description = "Show the feature catalog of the current (or a given) snapshot.")
  static final class Catalog implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "DIR")
    Path store;

    @Option(names = "--snapshot", paramLabel = "ID")
    String snapshot;

    @Option(names = "--format", paramLabel = "FORMAT")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    public Integer call() {
      FeatureStore fs = FeatureStore.open(store);
      FeatureSnapshot s = snapshot == null ? fs.current() : fs.snapshot(snapshot);
      List<CatalogEntry> cat = s.catalog();
      PrintWriter out = spec.commandLine().getOut();
      if (format == OutputFormat.JSON) {
        Output.writeJson(out, cat);
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (CatalogEntry c : cat) {
          rows.add(List.of(c.name(), c.type(), c.unit(), c.family(), c.source(), c.description()));
        }
        Output.writeTable(
            out, format, List.of("name", "type", "unit", "family", "source", "description"), rows);
      }
      return Stratum.OK;
    }
  }
}
