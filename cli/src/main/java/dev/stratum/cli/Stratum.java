package dev.stratum.cli;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.SchemaMismatchException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stratum} command: one entry point for every Stratum job and tool. The subcommands and
 * flags are a public contract (docs/cli.md, from shared/design/CLI.md).
 *
 * <p>Exit codes: 0 success; 2 bad usage or bad input, with a one-line reason naming the file, line
 * and field; 1 internal failure. Results go to stdout, logs and progress to stderr.
 */
@Command(
    name = "stratum",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Clinical-trial design and patient-stratification workbench.",
    subcommands = {
      CommandLine.HelpCommand.class,
      GenerateCommand.class,
      ValidateCommand.class,
      SurvivalCommand.class,
      DemoCommand.class,
      NotebookCommand.class,
      NlpCommand.class,
      CriteriaCommand.class,
      SampleSizeCommand.class,
      GsdCommand.class,
      SimulateCommand.class,
      StratifyCommand.class,
      FeaturesCommand.class,
      AuditCommand.class,
      ReidCommand.class,
      IndexCommand.class,
      MatchCommand.class,
      MatchBenchCommand.class,
    })
public final class Stratum implements Runnable {

  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for an internal failure (a bug or an environment problem). */
  public static final int INTERNAL_ERROR = 1;

  /** Exit code for bad usage or bad input. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs the command line with the given streams and returns the exit code; used by tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The configured picocli command line with Stratum's exit-code and error conventions. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Stratum());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(
        t -> t instanceof CommandLine.ParameterException ? BAD_INPUT : INTERNAL_ERROR);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("stratum: " + ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (ex instanceof InvalidInputException || ex instanceof SchemaMismatchException) {
            err.println("stratum: " + ex.getMessage());
            return BAD_INPUT;
          }
          err.println("stratum: internal error: " + ex);
          if (System.getenv("STRATUM_DEBUG") != null) {
            ex.printStackTrace(err);
          } else {
            err.println("(set STRATUM_DEBUG=1 for the stack trace)");
          }
          return INTERNAL_ERROR;
        });
    return cli;
  }
}
