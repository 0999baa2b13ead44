package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.matching.IndexBuildSummary;
import dev.stratum.matching.PatientIndex;
import dev.stratum.notebooks.store.SnapshotPatients;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum index --store DIR --index DIR}: the recruiter index of a snapshot (CLI.md). */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description =
        "Build (or incrementally update) the Lucene patient index of a feature-store snapshot;"
            + " an index already holding the snapshot is left as it is.")
public final class IndexCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--store", required = true, paramLabel = "DIR", description = "Feature store.")
  Path store;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index directory.")
  Path index;

  @Option(
      names = "--snapshot",
      paramLabel = "ID",
      description = "Snapshot to index (default: the store's current one).")
  String snapshot;

  @Option(names = "--format", description = "table (default on a terminal), json or csv.")
  OutputFormat format;

  @Mixin RoleOption roleOption = new RoleOption();

  /** File in the index folder naming the store it was built from (for re-identification). */
  static final String STORE_FILE = "stratum-store.path";

  @Override
  public Integer call() {
    TrustContext trust = TrustContext.of(roleOption);
    if (!Files.isDirectory(store)) {
      throw InvalidInputException.ofArgument("--store", "not a directory: " + store);
    }
    IndexBuildSummary s = build(store, snapshot, index);
    recordStore(index, store);
    PrintWriter out = spec.commandLine().getOut();
    OutputFormat f = NlpCommand.resolve(format);
    if (!trust.role().seesPatientRows()) {
      // counts-only: the build's patient counts are counts of patients like any other
      ObjectNode o = Output.object();
      o.put("snapshot", s.info().snapshotId());
      o.put("skipped", s.skipped());
      o.putPOJO("patients", trust.count(s.info().patients()));
      o.putPOJO("without_consent", trust.count(s.withoutConsent()));
      if (f == OutputFormat.JSON) {
        o.put("role", trust.role().cliName());
        Output.writeJson(out, o);
      } else {
        Output.writeTable(
            out,
            f,
            List.of("snapshot", "skipped", "patients", "without_consent"),
            List.of(
                List.of(
                    s.info().snapshotId(),
                    Boolean.toString(s.skipped()),
                    o.path("patients").asText(),
                    o.path("without_consent").asText())));
      }
      out.flush();
      return Stratum.OK;
    }
    if (f == OutputFormat.JSON) {
      Output.writeJson(out, json(s));
    } else {
      Output.writeTable(
          out,
          f,
          List.of(
              "snapshot",
              "skipped",
              "patients",
              "added",
              "updated",
              "unchanged",
              "removed",
              "without_consent",
              "elapsed_s",
              "size_mb"),
          List.of(
              List.of(
                  s.info().snapshotId(),
                  Boolean.toString(s.skipped()),
                  Long.toString(s.info().patients()),
                  Long.toString(s.added()),
                  Long.toString(s.updated()),
                  Long.toString(s.unchanged()),
                  Long.toString(s.removed()),
                  Long.toString(s.withoutConsent()),
                  String.format(java.util.Locale.ROOT, "%.1f", s.elapsedMillis() / 1000.0),
                  String.format(java.util.Locale.ROOT, "%.1f", s.sizeBytes() / 1e6))));
    }
    return Stratum.OK;
  }

  /**
   * Records the store next to the index, so {@code stratum match --role recruiter} finds the
   * snapshot's re-identification map without {@code --store}. A plain text file: Lucene leaves
   * files that are not its own alone.
   */
  static void recordStore(Path index, Path store) {
    try {
      Files.writeString(
          index.resolve(STORE_FILE),
          store.toAbsolutePath().normalize() + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StratumException("cannot write " + index.resolve(STORE_FILE) + ": " + e, e);
    }
  }

  /** The store recorded by {@link #recordStore}, if any. */
  static Optional<Path> recordedStore(Path index) {
    Path f = index.resolve(STORE_FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      String s = Files.readString(f, StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? Optional.empty() : Optional.of(Path.of(s));
    } catch (IOException e) {
      throw InvalidInputException.at(f.toString(), 0, null, "cannot read: " + e.getMessage());
    }
  }

  /** Builds the index of a store's snapshot (current when {@code snapshotId} is null). */
  static IndexBuildSummary build(Path store, String snapshotId, Path index) {
    FeatureStore fs = FeatureStore.open(store);
    FeatureSnapshot snap = snapshotId == null ? fs.current() : fs.snapshot(snapshotId);
    String asOf = snap.manifest().asOf();
    LocalDate d = asOf == null || asOf.isBlank() ? null : LocalDate.parse(asOf);
    if (PatientIndex.isCurrent(index, snap.id())) {
      return PatientIndex.build(index, snap.id(), d, List.of());
    }
    return PatientIndex.build(index, snap.id(), d, SnapshotPatients.of(snap));
  }

  static ObjectNode json(IndexBuildSummary s) {
    ObjectNode o = Output.object();
    o.put("snapshot", s.info().snapshotId());
    o.put("as_of", s.info().asOf() == null ? null : s.info().asOf().toString());
    o.put(
        "data_through", s.info().dataThrough() == null ? null : s.info().dataThrough().toString());
    o.put("skipped", s.skipped());
    o.put("patients", s.info().patients());
    o.put("added", s.added());
    o.put("updated", s.updated());
    o.put("unchanged", s.unchanged());
    o.put("removed", s.removed());
    o.put("without_consent", s.withoutConsent());
    o.put("elapsed_s", s.elapsedMillis() / 1000.0);
    o.put("size_bytes", s.sizeBytes());
    return o;
  }
}
