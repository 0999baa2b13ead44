package dev.stratum.trust;

import dev.stratum.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One thing to record in the audit log: who did what, under which role, on which query, with how
 * many results and which patients (pseudonyms, never source ids: the log is read by auditors who
 * need not see identities, and a re-identification entry names the pseudonym that was resolved).
 *
 * @param user the operating-system or notebook user
 * @param role the role the user acted in
 * @param action search, match, export or re-identify
 * @param command the command or paragraph, e.g. {@code stratify} or {@code nlp extract}
 * @param queryHash SHA-256 (hex) of the query or criteria text ({@link #sha256}); never the text,
 *     which may itself carry identifiers
 * @param counts counts as the user saw them (numbers, or {@code "<11"} for counts-only)
 * @param patients the pseudonyms of the patients returned (empty for counts-only)
 */
public record AuditEvent(
    String user,
    Role role,
    Action action,
    String command,
    String queryHash,
    Map<String, Object> counts,
    List<String> patients) {

  /** What was done. */
  public enum Action {
    SEARCH,
    MATCH,
    EXPORT,
    REIDENTIFY;

    public String jsonName() {
      return this == REIDENTIFY ? "reidentify" : name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code search|match|export|reidentify}. */
    public static Action parse(String s) {
      for (Action a : values()) {
        if (a.jsonName().equals(s)) {
          return a;
        }
      }
      throw InvalidInputException.ofArgument("action", "unknown audit action '" + s + "'");
    }
  }

  public AuditEvent {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(command, "command");
    queryHash = queryHash == null ? "" : queryHash;
    counts =
        counts == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    patients = patients == null ? List.of() : List.copyOf(patients);
  }

  /** The current operating-system user ({@code user.name}). */
  public static String systemUser() {
    return System.getProperty("user.name", "unknown");
  }

  /** SHA-256 of text (UTF-8) as 64 lower-case hex digits. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
