package dev.stratum.notebooks;

import java.util.Properties;

/** Interpreter settings naming a role, for tests of paragraphs that read patient data. */
public final class TestRoles {
  private TestRoles() {}

  /** Interpreter properties with {@code stratum.role} set. */
  public static Properties role(String role) {
    Properties p = new Properties();
    p.setProperty("stratum.role", role);
    return p;
  }
}
