package dev.stratum.notebooks.commands.trial;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.trialsim.sim.DesignReader;
import dev.stratum.trialsim.sim.TrialDesign;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The example trial designs of {@code docs/designs/}, packaged inside the interpreter jar, so that
 * a shipped notebook's {@code simulate --design docs/designs/gs-survival-3look.json} runs in any
 * Zeppelin installation, whatever its working directory: a design path that is not a file is looked
 * up among these by its file name.
 */
public final class ShippedDesigns {
  /** The designs in the jar, by file name. */
  public static final List<String> NAMES =
      List.of("gs-survival-3look.json", "enrichment-2strata.json");

  private static final String FOLDER = "dev/stratum/notebooks/designs/";

  private ShippedDesigns() {}

  /**
   * The design at {@code path}, or the shipped design of that file name when no such file exists.
   *
   * @throws InvalidInputException when neither exists, or the design is invalid
   */
  public static TrialDesign read(String path) {
    Path p = Path.of(path);
    if (Files.isRegularFile(p)) {
      return DesignReader.read(p);
    }
    Path name = p.getFileName();
    if (name != null && NAMES.contains(name.toString())) {
      return DesignReader.parse(path, text(name.toString()));
    }
    throw InvalidInputException.ofArgument(
        "--design", "no such file: " + path + " (shipped designs, usable by name: " + NAMES + ")");
  }

  /** The JSON of a shipped design. */
  public static String text(String name) {
    try (InputStream in =
        ShippedDesigns.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new StratumException("shipped design " + name + " missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StratumException("cannot read shipped design " + name, e);
    }
  }
}
