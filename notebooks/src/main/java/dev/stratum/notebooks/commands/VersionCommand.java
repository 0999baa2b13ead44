package dev.stratum.notebooks.commands;

import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code version}: the Stratum build, the Zeppelin interpreter runtime the paragraph runs in, and
 * the Java runtime, as text. Useful first line of a support request.
 */
public final class VersionCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of("version", "", "Stratum, Zeppelin interpreter and Java versions");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    return ParagraphOutput.text(
        "stratum "
            + stratumVersion()
            + "\nzeppelin-interpreter "
            + zeppelinVersion()
            + "\njava "
            + Runtime.version()
            + " ("
            + System.getProperty("java.vendor")
            + ")\n");
  }

  /** The version of this build of Stratum, recorded when the jar was built. */
  public static String stratumVersion() {
    Properties p = new Properties();
    try (InputStream in =
        VersionCommand.class.getResourceAsStream("/dev/stratum/notebooks/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  /**
   * The version of the Zeppelin interpreter runtime on the class path (the Zeppelin installation's,
   * not the API version Stratum was compiled against), or "none" outside Zeppelin.
   */
  public static String zeppelinVersion() {
    try {
      Class<?> util = Class.forName("org.apache.zeppelin.util.Util");
      return String.valueOf(util.getMethod("getVersion").invoke(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return "none";
    }
  }
}
