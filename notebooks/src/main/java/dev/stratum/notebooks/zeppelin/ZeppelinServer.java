package dev.stratum.notebooks.zeppelin;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Zeppelin 0.10.0 server in its own JVM, bound to 127.0.0.1, with the {@code
 * %stratum} interpreter and the shipped notebooks installed: what {@code stratum notebook serve}
 * runs and what the real-server test talks to.
 *
 * <p>Zeppelin's server jars (Jetty 9, Jackson 2.9, log4j 1, ...) would clash with Stratum's, so
 * they never join a Stratum class path: the build copies zeppelin-server 0.10.0 and its
 * dependencies into a runtime folder ({@code notebooks/target/zeppelin-server/lib}) and this class
 * starts {@code java -cp boot/*:lib/* org.apache.zeppelin.server.ZeppelinServer}. The three things
 * the Maven artifacts lack compared with Zeppelin's tarball are provided here: {@code
 * ZEPPELIN_IDENT_STRING} (without it the server exits right after start), a web-app folder (without
 * it every URL answers 503) and {@code bin/interpreter.sh} (Stratum's own launcher of interpreter
 * processes).
 *
 * <p>Every port is bound to 127.0.0.1: the HTTP port through {@code zeppelin.server.addr}, and the
 * two Thrift RPC ports (interpreter event server, interpreter process) through the loopback-only
 * server socket in {@code boot/}, since Zeppelin 0.10.0 binds those to all interfaces and has no
 * setting for it. {@code ZEPPELIN_LOCAL_IP=127.0.0.1} makes the processes advertise that address to
 * each other.
 */
public final class ZeppelinServer implements AutoCloseable {
  /** The address every port is bound to. */
  public static final String HOST = "127.0.0.1";

  private final Process process;
  private final URI base;
  private final Path home;
  private final Thread shutdownHook;

  private ZeppelinServer(Process process, URI base, Path home) {
    this.process = process;
    this.base = base;
    this.home = home;
    this.shutdownHook = new Thread(this::stop, "stop-zeppelin-" + process.pid());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * How to start a server.
   *
   * @param home the Zeppelin home to create or reuse (bin/, conf/, interpreter/, notebook/, logs/)
   * @param runtime the Zeppelin runtime folder with {@code boot/} and {@code lib/}
   * @param port the HTTP port on 127.0.0.1; 0 picks a free one
   * @param startTimeout how long to wait for the REST API to answer
   */
  public record Options(Path home, Path runtime, int port, Duration startTimeout) {
    public Options {
      if (port < 0 || port > 65535) {
        throw InvalidInputException.ofArgument("--port", "must be in [0, 65535], got " + port);
      }
    }
  }

  /**
   * The Zeppelin runtime folder: the system property {@code stratum.zeppelin.runtime} when set,
   * else {@code notebooks/target/zeppelin-server} under {@code stratum.home} (set by the {@code
   * ./stratum} launcher) or the working directory.
   */
  public static Path defaultRuntime() {
    String explicit = System.getProperty("stratum.zeppelin.runtime");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String root = System.getProperty("stratum.home", ".");
    return Path.of(root, "notebooks", "target", "zeppelin-server");
  }

  /**
   * Prepares {@code options.home()}, installs the interpreter and notes there, starts the server
   * and waits until its REST API answers.
   *
   * @throws StratumException when the runtime is missing or the server does not come up (the
   *     message quotes the end of its log)
   */
  public static ZeppelinServer start(Options options) {
    int port = options.port() == 0 ? freePort() : requireFree(options.port());
    Path runtime = options.runtime().toAbsolutePath();
    if (!Files.isDirectory(runtime.resolve("lib")) || !Files.isDirectory(runtime.resolve("boot"))) {
      throw new StratumException(
          "no Zeppelin server runtime at "
              + runtime
              + " (build it with ./mvnw -B package -pl notebooks -am -DskipTests)");
    }
    Path home = options.home().toAbsolutePath();
    try {
      prepareHome(home);
    } catch (IOException e) {
      throw new StratumException(
          "could not prepare Zeppelin home " + home + ": " + e.getMessage(), e);
    }
    ZeppelinInstaller.install(home);
    Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
    String sep = java.io.File.pathSeparator;
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExe.toString());
    cmd.add("-Xmx1g");
    cmd.add("-Dfile.encoding=UTF-8");
    cmd.add("-Dzeppelin.home=" + home);
    cmd.add("-Dzeppelin.server.addr=" + HOST);
    cmd.add("-Dzeppelin.server.port=" + port);
    cmd.add("-Dzeppelin.war=" + home.resolve("webapp"));
    cmd.add("-Dzeppelin.war.tempdir=" + home.resolve("run").resolve("webapps"));
    cmd.add("-Dzeppelin.conf.dir=" + home.resolve("conf"));
    cmd.add("-Dzeppelin.notebook.dir=" + home.resolve("notebook"));
    cmd.add("-Dzeppelin.notebook.storage=org.apache.zeppelin.notebook.repo.VFSNotebookRepo");
    cmd.add("-Dzeppelin.interpreter.dir=" + home.resolve("interpreter"));
    cmd.add("-Dzeppelin.interpreter.localRepo=" + home.resolve("local-repo"));
    cmd.add("-Dzeppelin.interpreter.remoterunner=" + home.resolve("bin").resolve("interpreter.sh"));
    cmd.add("-Dzeppelin.interpreter.include=" + ZeppelinInstaller.GROUP);
    cmd.add("-Dzeppelin.interpreter.connect.timeout=120000");
    cmd.add("-Dzeppelin.server.rpc.portRange=:");
    cmd.add("-Dzeppelin.interpreter.rpc.portRange=:");
    cmd.add("-Dzeppelin.helium.registry=helium");
    cmd.add("-Dzeppelin.anonymous.allowed=true");
    cmd.add("-cp");
    cmd.add(
        runtime.resolve("boot").resolve("*")
            + sep
            + runtime.resolve("lib").resolve("*")
            + sep
            + home.resolve("conf"));
    cmd.add("org.apache.zeppelin.server.ZeppelinServer");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
    Map<String, String> env = pb.environment();
    env.put("ZEPPELIN_HOME", home.toString());
    env.put("ZEPPELIN_IDENT_STRING", "stratum");
    env.put("ZEPPELIN_LOCAL_IP", HOST);
    env.put("ZEPPELIN_CONF_DIR", home.resolve("conf").toString());
    env.put("ZEPPELIN_LOG_DIR", home.resolve("logs").toString());
    env.put("ZEPPELIN_PID_DIR", home.resolve("run").toString());
    env.put("STRATUM_ZEPPELIN_RUNTIME", runtime.toString());
    env.put("STRATUM_JAVA", javaExe.toString());
    Path log = home.resolve("logs").resolve("zeppelin-server.log");
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new StratumException("could not start " + javaExe + ": " + e.getMessage(), e);
    }
    ZeppelinServer server = new ZeppelinServer(p, URI.create("http://" + HOST + ":" + port), home);
    try {
      server.awaitReady(options.startTimeout());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new StratumException(
            "the Zeppelin server exited with code "
                + process.exitValue()
                + "; log tail:\n"
                + logTail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(base.resolve("/api/version"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StratumException("interrupted while waiting for Zeppelin", e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StratumException("interrupted while waiting for Zeppelin", e);
      }
    }
    throw new StratumException(
        "Zeppelin did not answer on " + base + " within " + timeout + "; log tail:\n" + logTail());
  }

  /** The base URI, e.g. {@code http://127.0.0.1:8080}. */
  public URI baseUri() {
    return base;
  }

  /** The Zeppelin home the server runs in. */
  public Path home() {
    return home;
  }

  /** The server JVM's process. */
  public ProcessHandle process() {
    return process.toHandle();
  }

  /** The last lines of the server log and of every interpreter log, for error messages. */
  public String logTail() {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(home.resolve("logs"))) {
      for (Path f : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        sb.append("== ").append(f.getFileName()).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> sb.append(l).append('\n'));
      }
    } catch (IOException e) {
      sb.append("(logs unreadable: ").append(e.getMessage()).append(")");
    }
    return sb.toString();
  }

  /** Blocks until the server exits (e.g. on Ctrl-C); returns its exit code. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** Stops the server and every process it started (interpreters), forcibly after 20 s. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running or has run
    }
  }

  private void stop() {
    List<ProcessHandle> children = process.toHandle().descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroy();
      }
    }
    for (ProcessHandle child : children) {
      try {
        child.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        child.destroyForcibly();
      }
    }
  }

  /** Creates the folders and files of a Zeppelin home that Zeppelin's Maven artifacts lack. */
  static void prepareHome(Path home) throws IOException {
    for (String dir :
        List.of("bin", "conf", "interpreter", "notebook", "logs", "run", "webapp", "local-repo")) {
      Files.createDirectories(home.resolve(dir));
    }
    Path launcher = home.resolve("bin").resolve("interpreter.sh");
    copyResource("zeppelin/bin/interpreter.sh", launcher);
    try {
      Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      throw new StratumException(
          "the Zeppelin server needs a POSIX file system for bin/interpreter.sh", e);
    }
    copyResource("zeppelin/webapp/index.html", home.resolve("webapp").resolve("index.html"));
    copyResource(
        "zeppelin/conf/log4j.properties", home.resolve("conf").resolve("log4j.properties"));
  }

  private static void copyResource(String name, Path target) throws IOException {
    try (InputStream in =
        ZeppelinServer.class.getResourceAsStream("/dev/stratum/notebooks/" + name)) {
      if (in == null) {
        throw new StratumException("resource " + name + " is missing from the interpreter jar");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The port, when nothing listens on it yet; else the user must pick another. */
  private static int requireFree(int port) {
    // Checked before starting: otherwise another server answering on the port would pass for ours.
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw InvalidInputException.ofArgument(
          "--port", HOST + ":" + port + " is in use (" + e.getMessage() + "); pick another or 0");
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new StratumException("no free port on " + HOST + ": " + e.getMessage(), e);
    }
  }

  /** The log file of the server. */
  public Optional<Path> serverLog() {
    Path p = home.resolve("logs").resolve("zeppelin-server.log");
    return Files.exists(p) ? Optional.of(p) : Optional.empty();
  }
}
