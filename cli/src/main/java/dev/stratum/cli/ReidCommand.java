package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.ReidentificationMap;
import dev.stratum.trust.AuditEvent;
import dev.stratum.trust.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum reid --store DIR --pseudonym P}: the source person id behind a pseudonym, from the
 * snapshot's re-identification map (owner-only file, docs/privacy.md). Recruiter role only; every
 * call is appended to the audit log, found or not.
 */
@Command(
    name = "reid",
    mixinStandardHelpOptions = true,
    description = {
      "Re-identify a pseudonym: the source person id from the snapshot's re-identification map.",
      "Recruiter role only; audited."
    })
public final class ReidCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin RoleOption roleOption = new RoleOption();

  @Option(names = "--store", required = true, paramLabel = "DIR", description = "Feature store.")
  Path store;

  @Option(
      names = "--pseudonym",
      required = true,
      paramLabel = "P",
      description = "The pseudonym (32 hex digits).")
  String pseudonym;

  @Option(
      names = "--snapshot",
      paramLabel = "ID",
      description = "Snapshot id (default: the current snapshot).")
  String snapshot;

  @Option(names = "--format", description = "table (default) or json.")
  OutputFormat format = OutputFormat.TABLE;

  @Override
  public Integer call() {
    TrustContext trust = TrustContext.of(roleOption);
    if (trust.role() != Role.RECRUITER) {
      throw InvalidInputException.ofArgument(
          "--role", "re-identification is for the recruiter role only, got " + trust.role());
    }
    String p = pseudonym.strip().toLowerCase(java.util.Locale.ROOT);
    if (!p.matches("[0-9a-f]{32}")) {
      throw InvalidInputException.ofArgument(
          "--pseudonym", "expected 32 hex digits, got '" + pseudonym + "'");
    }
    String id = snapshot != null ? snapshot : FeatureStore.open(store).current().id();
    var found = ReidentificationMap.lookup(store, id, p);
    trust.auditPseudonyms(
        AuditEvent.Action.REIDENTIFY,
        "reid",
        "reid " + id + " " + p,
        Map.of("found", found.isPresent() ? 1 : 0),
        List.of(p));
    if (found.isEmpty()) {
      throw InvalidInputException.ofArgument(
          "--pseudonym", "not in the re-identification map of snapshot " + id);
    }
    var out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      ObjectNode o = Output.object();
      o.put("snapshot", id);
      o.put("person_id", p);
      o.put("source_person_id", found.get());
      Output.writeJson(out, o);
    } else {
      Output.writeTable(
          out,
          format,
          List.of("snapshot", "person_id", "source_person_id"),
          List.of(List.of(id, p, found.get())));
    }
    out.flush();
    return Stratum.OK;
  }
}
