package dev.stratum.trust;

import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Deployment configuration of the trust features, read from a Java properties file: the file named
 * by the {@value #CONFIG_ENV} environment variable, else {@code ~/.stratum/config.properties}; a
 * missing file gives the defaults. Keys:
 *
 * <ul>
 *   <li>{@code role.default} — role of a caller who names none ({@code --role}); default {@code
 *       biostatistician}: pseudonymized patient-level data, which is exactly what anyone who can
 *       read the store's files already sees, so the default reveals nothing the files do not.
 *       {@code counts-only} protects only a user who cannot read the store (a deployment's file
 *       permissions) and {@code recruiter} needs the owner-only re-identification map, so both are
 *       a deployment's choice, made here or with {@code --role}.
 *   <li>{@code audit.log} — the audit log (JSON Lines); default {@code ~/.stratum/audit.jsonl}. The
 *       {@value #AUDIT_ENV} environment variable overrides it (CLI.md).
 *   <li>{@code consent.revocations} — the revocation list ({@link RevocationList}); optional.
 *   <li>{@code pseudonym.key.env} — name of the environment variable that holds the pseudonym key;
 *       default {@code STRATUM_PSEUDONYM_KEY}. The key itself never goes in this file.
 *   <li>{@code user.NAME.role} — the role of notebook user NAME (the Zeppelin login); users not
 *       listed get {@code role.default}.
 * </ul>
 *
 * Relative paths are resolved against the configuration file's folder.
 *
 * @param source the file read, or null when none existed (defaults only)
 * @param defaultRole role when none is named
 * @param auditLog the audit log path (after the environment override)
 * @param revocationList the revocation list, or null when none is configured
 * @param pseudonymKeyEnv the environment variable holding the pseudonym key
 * @param userRoles notebook user name to role
 */
public record StratumConfig(
    Path source,
    Role defaultRole,
    Path auditLog,
    Path revocationList,
    String pseudonymKeyEnv,
    Map<String, Role> userRoles) {

  /** Environment variable naming the configuration file. */
  public static final String CONFIG_ENV = "STRATUM_CONFIG";

  /** Environment variable that overrides {@code audit.log}. */
  public static final String AUDIT_ENV = "STRATUM_AUDIT_LOG";

  /**
   * The role when nothing is configured: pseudonymized patient-level data, no more than the store's
   * files show whoever can read them (see {@code role.default}).
   */
  public static final Role UNCONFIGURED_ROLE = Role.BIOSTATISTICIAN;

  /** Default name of the environment variable holding the pseudonym key. */
  public static final String DEFAULT_KEY_ENV = "STRATUM_PSEUDONYM_KEY";

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern USER_KEY = Pattern.compile("user\\.(.+)\\.role");

  public StratumConfig {
    Objects.requireNonNull(defaultRole, "defaultRole");
    Objects.requireNonNull(auditLog, "auditLog");
    Objects.requireNonNull(pseudonymKeyEnv, "pseudonymKeyEnv");
    userRoles = Map.copyOf(userRoles);
  }

  /** The configuration of this process: its environment and the user's home folder. */
  public static StratumConfig load() {
    return load(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * The configuration for an environment and home folder (tests pass their own).
   *
   * @throws InvalidInputException naming the file and key of a bad value
   */
  public static StratumConfig load(Map<String, String> env, Path home) {
    String named = env.get(CONFIG_ENV);
    Path file =
        named != null && !named.isBlank()
            ? Path.of(named.strip())
            : home.resolve(".stratum").resolve("config.properties");
    if (named != null && !named.isBlank() && !Files.isRegularFile(file)) {
      throw InvalidInputException.at(
          file.toString(), 0, null, "configuration file named by " + CONFIG_ENV + " not found");
    }
    Properties p = new Properties();
    Path source = null;
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
        source = file;
      } catch (IOException | IllegalArgumentException e) {
        throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage());
      }
    }
    return parse(p, source, env, home);
  }

  static StratumConfig parse(Properties p, Path source, Map<String, String> env, Path home) {
    String where = source == null ? "configuration" : source.toString();
    Path base = source == null ? home.resolve(".stratum") : source.toAbsolutePath().getParent();
    Map<String, Role> users = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      var m = USER_KEY.matcher(key);
      if (m.matches()) {
        users.put(m.group(1), role(p.getProperty(key), where, key));
      } else if (!key.equals("role.default")
          && !key.equals("audit.log")
          && !key.equals("consent.revocations")
          && !key.equals("pseudonym.key.env")) {
        throw InvalidInputException.at(
            where,
            0,
            key,
            "unknown key (known: role.default, audit.log, consent.revocations,"
                + " pseudonym.key.env, user.NAME.role)");
      }
    }
    Role role =
        p.containsKey("role.default")
            ? role(p.getProperty("role.default"), where, "role.default")
            : UNCONFIGURED_ROLE;
    Path audit = home.resolve(".stratum").resolve("audit.jsonl");
    if (p.containsKey("audit.log")) {
      audit = path(base, p.getProperty("audit.log"), where, "audit.log");
    }
    String auditEnv = env.get(AUDIT_ENV);
    if (auditEnv != null && !auditEnv.isBlank()) {
      audit = path(Path.of(""), auditEnv, AUDIT_ENV, "environment");
    }
    Path revocations =
        p.containsKey("consent.revocations")
            ? path(base, p.getProperty("consent.revocations"), where, "consent.revocations")
            : null;
    String keyEnv = p.getProperty("pseudonym.key.env", DEFAULT_KEY_ENV).strip();
    if (!ENV_NAME.matcher(keyEnv).matches()) {
      throw InvalidInputException.at(
          where,
          0,
          "pseudonym.key.env",
          "must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*), got '" + keyEnv + "'");
    }
    return new StratumConfig(source, role, audit, revocations, keyEnv, users);
  }

  private static Role role(String value, String where, String key) {
    try {
      return Role.parse(value, key);
    } catch (InvalidInputException e) {
      throw InvalidInputException.at(
          where, 0, key, "must be one of " + Role.names() + ", got '" + value + "'");
    }
  }

  private static Path path(Path base, String value, String where, String key) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw InvalidInputException.at(where, 0, key, "must be a file path, got an empty value");
    }
    try {
      return base.resolve(v).normalize();
    } catch (InvalidPathException e) {
      throw InvalidInputException.at(where, 0, key, "not a valid path: '" + v + "'");
    }
  }

  /** The role of a notebook user: {@code user.NAME.role}, else the default role. */
  public Role roleOfUser(String user) {
    if (user == null || user.isBlank()) {
      return defaultRole;
    }
    Role r = userRoles.get(user.strip());
    if (r == null) {
      r = userRoles.get(user.strip().toLowerCase(Locale.ROOT));
    }
    return r == null ? defaultRole : r;
  }

  /** The configured revocation list (empty when none is configured). */
  public RevocationList revocations() {
    return revocationList == null ? RevocationList.empty() : RevocationList.read(revocationList);
  }
}
