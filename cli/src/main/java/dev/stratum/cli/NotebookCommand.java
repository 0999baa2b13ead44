package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.zeppelin.ZeppelinInstaller;
import dev.stratum.notebooks.zeppelin.ZeppelinServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stratum notebook}: the Apache Zeppelin side of Stratum (docs/notebooks.md).
 *
 * <ul>
 *   <li>{@code install --zeppelin-home DIR}: the {@code %stratum} interpreter into {@code
 *       DIR/interpreter/stratum/} and the shipped notebooks into {@code DIR/notebook/} of any
 *       Zeppelin 0.10 or newer.
 *   <li>{@code serve [--port P]}: a Zeppelin 0.10.0 server on 127.0.0.1 with both installed.
 * </ul>
 */
@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description = "Zeppelin notebooks: install the %stratum interpreter, or serve them.",
    subcommands = {NotebookCommand.Install.class, NotebookCommand.Serve.class})
public final class NotebookCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code stratum notebook install --zeppelin-home DIR}. */
  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description = {
        "Installs the %stratum interpreter into DIR/interpreter/stratum/ and the shipped notebooks"
            + " into DIR/notebook/ of a Zeppelin 0.10 or newer installation; restart Zeppelin"
            + " afterwards."
      })
  static final class Install implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--zeppelin-home",
        required = true,
        paramLabel = "DIR",
        description = "The Zeppelin installation (the folder with bin/, conf/, interpreter/).")
    Path zeppelinHome;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "table, json or csv (default: ${DEFAULT-VALUE}).",
        defaultValue = "table")
    OutputFormat format;

    @Override
    public Integer call() {
      ZeppelinInstaller.Installation done = ZeppelinInstaller.install(zeppelinHome);
      PrintWriter out = spec.commandLine().getOut();
      if (format == OutputFormat.JSON) {
        ObjectNode o = Output.object();
        o.put("interpreter_dir", done.interpreterDir().toString());
        ArrayNode jars = o.putArray("jars");
        done.jars().forEach(p -> jars.add(p.toString()));
        ArrayNode notes = o.putArray("notebooks");
        done.notebooks().forEach(p -> notes.add(p.toString()));
        Output.writeJson(out, o);
      } else {
        List<List<String>> rows = new ArrayList<>();
        done.jars().forEach(p -> rows.add(List.of("jar", p.toString())));
        rows.add(
            List.of(
                "setting", done.interpreterDir().resolve("interpreter-setting.json").toString()));
        done.notebooks().forEach(p -> rows.add(List.of("notebook", p.toString())));
        Output.writeTable(out, format, List.of("kind", "path"), rows);
      }
      return Stratum.OK;
    }
  }

  /** {@code stratum notebook serve [--port P]}. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Starts an Apache Zeppelin 0.10.0 server on 127.0.0.1 with the %stratum interpreter and"
            + " the shipped notebooks, and runs until interrupted (Ctrl-C). Zeppelin's web UI is"
            + " not on Maven Central, so the server offers Zeppelin's REST API; see"
            + " docs/notebooks.md for using your own Zeppelin's UI."
      })
  static final class Serve implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--port",
        paramLabel = "P",
        description = "HTTP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).",
        defaultValue = "8080")
    int port;

    @Option(
        names = "--home",
        paramLabel = "DIR",
        description =
            "Zeppelin home holding the server's notebooks, settings and logs (default:"
                + " ~/.stratum/zeppelin).")
    Path home;

    @Option(
        names = "--start-timeout",
        paramLabel = "SECONDS",
        description = "How long to wait for the server to answer (default: ${DEFAULT-VALUE}).",
        defaultValue = "180")
    int startTimeout;

    @Override
    public Integer call() throws InterruptedException {
      if (port < 0 || port > 65535) {
        throw InvalidInputException.ofArgument("--port", "must be in [0, 65535], got " + port);
      }
      if (startTimeout < 1) {
        throw InvalidInputException.ofArgument(
            "--start-timeout", "must be at least 1 second, got " + startTimeout);
      }
      Path dir =
          home != null ? home : Path.of(System.getProperty("user.home"), ".stratum", "zeppelin");
      PrintWriter err = spec.commandLine().getErr();
      err.println("stratum: starting Zeppelin 0.10.0 in " + dir + " ...");
      err.flush();
      try (ZeppelinServer server =
          ZeppelinServer.start(
              new ZeppelinServer.Options(
                  dir, ZeppelinServer.defaultRuntime(), port, Duration.ofSeconds(startTimeout)))) {
        spec.commandLine().getOut().println(server.baseUri());
        spec.commandLine().getOut().flush();
        err.println(
            "stratum: Zeppelin serves "
                + server.baseUri()
                + " (REST API, notes in "
                + dir.resolve("notebook")
                + "; logs in "
                + dir.resolve("logs")
                + "); Ctrl-C stops it");
        err.flush();
        int code = server.waitFor();
        // 130/143: stopped by SIGINT/SIGTERM, i.e. by Ctrl-C on this command (the shutdown hook).
        boolean stopped = code == 0 || code == 130 || code == 143;
        if (!stopped) {
          err.println("stratum: the Zeppelin server exited with code " + code);
        }
        return stopped ? Stratum.OK : Stratum.INTERNAL_ERROR;
      }
    }
  }
}
