package dev.stratum.notebooks.zeppelin;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Installs the {@code %stratum} interpreter and the shipped notebooks into a Zeppelin installation
 * (0.10 or newer): the interpreter jar, the jars it needs (Zeppelin's own interpreter API excepted:
 * every Zeppelin brings it) and {@code interpreter-setting.json} go to {@code
 * ZEPPELIN_HOME/interpreter/stratum/}; the notes go to {@code ZEPPELIN_HOME/notebook/} under the
 * file names Zeppelin gives them. Zeppelin reads both at its next start.
 *
 * <p>The jars are taken from the running class path: the interpreter jar is the one this class was
 * loaded from, and the others are the file names that the build recorded in {@code
 * interpreter-jars.txt} (Maven's runtime class path of the notebooks module).
 */
public final class ZeppelinInstaller {
  /** The interpreter folder name, which is also the interpreter group. */
  public static final String GROUP = "stratum";

  private ZeppelinInstaller() {}

  /**
   * What an installation put where.
   *
   * @param interpreterDir {@code ZEPPELIN_HOME/interpreter/stratum}
   * @param jars the jars copied there
   * @param notebooks the note files written to {@code ZEPPELIN_HOME/notebook}
   */
  public record Installation(Path interpreterDir, List<Path> jars, List<Path> notebooks) {
    public Installation {
      jars = List.copyOf(jars);
      notebooks = List.copyOf(notebooks);
    }
  }

  /**
   * Installs into {@code zeppelinHome}, replacing an earlier Stratum installation there (other
   * interpreters and notes are left alone; a shipped note already present is overwritten).
   *
   * @throws InvalidInputException when {@code zeppelinHome} is not a directory
   */
  public static Installation install(Path zeppelinHome) {
    if (!Files.isDirectory(zeppelinHome)) {
      throw InvalidInputException.ofArgument("--zeppelin-home", "not a directory: " + zeppelinHome);
    }
    try {
      Path dir = zeppelinHome.resolve("interpreter").resolve(GROUP);
      Files.createDirectories(dir);
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
          Files.delete(p);
        }
      }
      List<Path> jars = new ArrayList<>();
      for (Path jar : interpreterJars()) {
        Path target = dir.resolve(jar.getFileName().toString());
        Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
        jars.add(target);
      }
      try (InputStream in =
          ZeppelinInstaller.class.getResourceAsStream("/interpreter-setting.json")) {
        if (in == null) {
          throw new StratumException(
              "interpreter-setting.json is missing from the interpreter jar");
        }
        Files.copy(
            in, dir.resolve("interpreter-setting.json"), StandardCopyOption.REPLACE_EXISTING);
      }
      Path notebookDir = zeppelinHome.resolve("notebook");
      Files.createDirectories(notebookDir);
      List<Path> notes = new ArrayList<>();
      for (ShippedNotebook note : ShippedNotebook.all()) {
        Path f = notebookDir.resolve(note.fileName());
        Files.writeString(f, note.json(), StandardCharsets.UTF_8);
        notes.add(f);
      }
      return new Installation(dir, jars, notes);
    } catch (IOException e) {
      throw new StratumException(
          "could not install into " + zeppelinHome + ": " + e.getMessage(), e);
    }
  }

  /**
   * The interpreter jar followed by the jars it needs, found on the running class path.
   *
   * @throws StratumException when the interpreter does not run from a jar or a needed jar is
   *     missing (a build problem, not a user error)
   */
  public static List<Path> interpreterJars() {
    Path self;
    try {
      self =
          Path.of(
              // Not StratumInterpreter.class: loading it needs Zeppelin's API, which the CLI lacks.
              ZeppelinInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new StratumException("cannot locate the interpreter jar", e);
    }
    if (!Files.isRegularFile(self) || !self.toString().endsWith(".jar")) {
      throw new StratumException(
          "the interpreter runs from " + self + ", not from a jar; build it with ./mvnw package");
    }
    Map<String, Path> onClassPath = new LinkedHashMap<>();
    Map<String, Path> byArtifact = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        Path p = Path.of(entry);
        onClassPath.putIfAbsent(p.getFileName().toString(), p);
        byArtifact.putIfAbsent(artifactOf(p.getFileName().toString()), p);
      }
    }
    List<Path> jars = new ArrayList<>();
    jars.add(self);
    for (String name : neededJarNames()) {
      // The composing application (the CLI) may resolve a dependency to another version than the
      // notebooks module alone did (Maven's nearest-wins); the application's version is the one
      // every module runs with, so the interpreter takes it too.
      Path p = onClassPath.getOrDefault(name, byArtifact.get(artifactOf(name)));
      if (p == null || !Files.isRegularFile(p)) {
        throw new StratumException(
            "the interpreter needs " + name + ", which is not on the class path as a jar");
      }
      jars.add(p);
    }
    return jars;
  }

  /**
   * The artifact part of a jar file name: {@code commons-lang3-3.12.0.jar} -> {@code
   * commons-lang3}.
   */
  static String artifactOf(String jarName) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^(.+?)-\\d[^/]*\\.jar$").matcher(jarName);
    return m.matches() ? m.group(1) : jarName;
  }

  /** File names of the jars the interpreter needs besides its own, as the build recorded them. */
  static List<String> neededJarNames() {
    try (InputStream in =
        ZeppelinInstaller.class.getResourceAsStream(
            "/dev/stratum/notebooks/interpreter-jars.txt")) {
      if (in == null) {
        throw new StratumException("interpreter-jars.txt is missing from the interpreter jar");
      }
      List<String> names = new ArrayList<>();
      // Maven writes the entries as lib/<file> separated by the configured separator.
      for (String entry :
          new String(in.readAllBytes(), StandardCharsets.UTF_8).split("[;\\r\\n]+")) {
        String e = entry.strip();
        if (!e.isEmpty()) {
          names.add(Path.of(e).getFileName().toString());
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
