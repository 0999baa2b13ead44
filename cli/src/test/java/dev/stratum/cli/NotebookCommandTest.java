package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.notebooks.zeppelin.ZeppelinInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookCommandTest {

  @Test
  void installIntoAMissingDirectoryIsBadInput(@TempDir Path tmp) {
    CliHarness r =
        CliHarness.run("notebook", "install", "--zeppelin-home", tmp.resolve("nope").toString());
    assertEquals(Stratum.BAD_INPUT, r.exitCode(), r.err());
    assertEquals(
        "stratum: option '--zeppelin-home': not a directory: " + tmp.resolve("nope"),
        r.errLines().get(0));
    assertTrue(r.out().isEmpty());
  }

  @Test
  void serveRejectsABadPort() {
    CliHarness r = CliHarness.run("notebook", "serve", "--port", "70000");
    assertEquals(Stratum.BAD_INPUT, r.exitCode(), r.err());
    assertEquals("stratum: option '--port': must be in [0, 65535], got 70000", r.errLines().get(0));
  }

  @Test
  void serveRejectsAPortInUse(@TempDir Path home) throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      CliHarness r =
          CliHarness.run(
              "notebook", "serve", "--port", String.valueOf(port), "--home", home.toString());
      assertEquals(Stratum.BAD_INPUT, r.exitCode(), r.err());
      assertTrue(
          r.errLines()
              .get(1)
              .startsWith("stratum: option '--port': 127.0.0.1:" + port + " is in use"),
          r.err());
    }
  }

  @Test
  void installPutsInterpreterAndNotebooksWhereZeppelinLooks(@TempDir Path home) throws Exception {
    // The installer copies jars; it needs the interpreter packaged (true in ./mvnw verify, where
    // the notebooks jar is on this test's class path; not when only target/classes is).
    Path self =
        Path.of(
            ZeppelinInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Assumptions.assumeTrue(self.toString().endsWith(".jar"), "notebooks not packaged: " + self);
    CliHarness r =
        CliHarness.run(
            "notebook", "install", "--zeppelin-home", home.toString(), "--format", "json");
    assertEquals(Stratum.OK, r.exitCode(), r.err());
    JsonNode o = Output.json().readTree(r.out());
    Path dir = home.resolve("interpreter").resolve("stratum");
    assertEquals(dir.toString(), o.path("interpreter_dir").asText());
    assertTrue(Files.exists(dir.resolve("interpreter-setting.json")));
    assertTrue(Files.exists(dir.resolve(self.getFileName())));
    assertTrue(
        Files.exists(home.resolve("notebook").resolve("Stratum - Getting started_2STRATUM1.zpln")));
    // Every shipped note (notebooks/notebooks/*.zpln) is installed.
    long shipped;
    try (var files =
        Files.list(Path.of(System.getProperty("stratum.root"), "notebooks", "notebooks"))) {
      shipped = files.filter(f -> f.getFileName().toString().endsWith(".zpln")).count();
    }
    assertTrue(shipped >= 4, "shipped notes: " + shipped);
    assertEquals(shipped, o.path("notebooks").size());
  }
}
