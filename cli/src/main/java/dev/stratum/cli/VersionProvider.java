package dev.stratum.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reports the Stratum version recorded at build time and the Java runtime it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {

  /** The Stratum version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" outside a built distribution. */
  static String version() {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/stratum-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "stratum " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
