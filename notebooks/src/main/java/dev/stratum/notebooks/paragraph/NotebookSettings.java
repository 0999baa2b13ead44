package dev.stratum.notebooks.paragraph;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.trust.StratumConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The interpreter's settings, edited on Zeppelin's Interpreter page (defaults in {@code
 * interpreter-setting.json}).
 *
 * @param store the feature store commands read when a paragraph names none ({@code stratum.store});
 *     empty when not set
 * @param role who is looking at patient data ({@code stratum.role}), as in the CLI's {@code
 *     --role}: {@code recruiter} sees source person ids, {@code biostatistician} sees pseudonyms,
 *     {@code counts-only} sees no patient lists and counts below 11 as "&lt;11"
 * @param user the Zeppelin user running the paragraph (null when unknown), for audit entries
 * @param config the Stratum configuration the interpreter resolved the role from (audit log,
 *     pseudonym key variable); null: read it when needed ({@link #trustConfig})
 */
public record NotebookSettings(
    Optional<Path> store, String role, String user, StratumConfig config) {
  /** Property holding the default feature store directory. */
  public static final String STORE = "stratum.store";

  /** Property holding the role. */
  public static final String ROLE = "stratum.role";

  /** The roles, as the CLI spells them. */
  public static final List<String> ROLES = List.of("recruiter", "biostatistician", "counts-only");

  /** Settings without a known user or configuration (both read when needed). */
  public NotebookSettings(Optional<Path> store, String role) {
    this(store, role, null, null);
  }

  /** The Stratum configuration: the interpreter's, else this process's. */
  public StratumConfig trustConfig() {
    return config != null ? config : StratumConfig.load();
  }

  /** The user to name in audit entries. */
  public String auditUser() {
    return user == null || user.isBlank() ? "anonymous" : user;
  }

  public NotebookSettings {
    if (!ROLES.contains(role)) {
      throw InvalidInputException.ofArgument(
          ROLE, "must be one of " + String.join(", ", ROLES) + ", got '" + role + "'");
    }
  }

  /**
   * Reads the settings from interpreter properties; the role defaults to {@code counts-only}, the
   * one that shows no patient-level data.
   */
  public static NotebookSettings from(Properties properties) {
    String store = properties.getProperty(STORE, "").strip();
    String role = properties.getProperty(ROLE, "").strip();
    return new NotebookSettings(
        store.isEmpty() ? Optional.empty() : Optional.of(Path.of(store)),
        role.isEmpty() ? "counts-only" : role);
  }
}
