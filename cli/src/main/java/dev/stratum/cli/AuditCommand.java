package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.trust.AuditLog;
import dev.stratum.trust.StratumConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum audit verify [--log FILE]}: checks the audit log's hash chain (CLI.md). */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The audit log of searches, matches, exports and re-identifications.",
    subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit 0 when the chain is intact, 1 when it is not. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify the audit log's hash chain: exit 0 when intact, 1 when an entry was changed,"
            + " removed, inserted or reordered (the first broken line is reported), or when the"
            + " log is shorter than or differs from its anchor LOG.head.",
        "The log is --log, else STRATUM_AUDIT_LOG, else audit.log of the configuration.",
        "A log without an anchor (written before anchors) verifies with a warning on stderr:"
            + " entries cut off its end could not be detected."
      })
  public static final class Verify implements java.util.concurrent.Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--log", paramLabel = "FILE", description = "The audit log to verify.")
    Path log;

    @Option(
        names = "--anchor",
        paramLabel = "FILE",
        description =
            "Check against this copy of the anchor (LOG.head kept off the machine) instead of"
                + " the anchor beside the log; entries appended since the copy are expected.")
    Path anchor;

    @Option(names = "--format", description = "table (default) or json.")
    OutputFormat format = OutputFormat.TABLE;

    @Override
    public Integer call() {
      Path file =
          log != null
              ? log
              : StratumConfig.load(TrustContext.env(), Path.of(System.getProperty("user.home")))
                  .auditLog();
      AuditLog.Verification v =
          anchor == null ? AuditLog.verify(file) : AuditLog.verify(file, anchor);
      var out = spec.commandLine().getOut();
      if (format == OutputFormat.JSON) {
        ObjectNode o = Output.object();
        o.put("log", file.toString());
        o.put("intact", v.intact());
        o.put("entries", v.entries());
        o.put("anchor", (anchor == null ? AuditLog.anchorOf(file) : anchor).toString());
        var w = o.putArray("warnings");
        v.warnings().forEach(w::add);
        if (v.intact()) {
          o.put("head", v.headHash());
        } else {
          o.put("broken_line", v.brokenLine());
          o.put("reason", v.reason());
        }
        Output.writeJson(out, o);
      } else if (v.intact()) {
        Output.writeTable(
            out,
            format,
            List.of("log", "status", "entries", "head"),
            List.of(
                List.of(
                    file.toString(),
                    v.warnings().isEmpty() ? "intact" : "intact (with warnings)",
                    Long.toString(v.entries()),
                    v.headHash())));
      } else {
        Output.writeTable(
            out,
            format,
            List.of("log", "status", "line", "reason"),
            List.of(List.of(file.toString(), "broken", Long.toString(v.brokenLine()), v.reason())));
      }
      out.flush();
      for (String w : v.warnings()) {
        spec.commandLine().getErr().println("stratum: warning: audit log " + file + ": " + w);
      }
      if (!v.intact()) {
        spec.commandLine()
            .getErr()
            .println("stratum: audit log " + file + " broken at line " + v.brokenLine());
      }
      return v.intact() ? Stratum.OK : Stratum.INTERNAL_ERROR;
    }
  }
}
