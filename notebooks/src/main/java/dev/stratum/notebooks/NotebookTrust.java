package dev.stratum.notebooks;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.paragraph.NotebookSettings;
import dev.stratum.trust.AuditEvent;
import dev.stratum.trust.AuditLog;
import dev.stratum.trust.Role;
import dev.stratum.trust.StratumConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Roles and audit in the {@code %stratum} interpreter (issue 9). The role of a paragraph is the
 * role configured for the Zeppelin user who runs it ({@code user.NAME.role} in the Stratum
 * configuration, docs/privacy.md), else the interpreter setting {@code stratum.role} when set, else
 * the configuration's {@code role.default}. Paragraph commands that read patient data are refused
 * for counts-only and appended to the audit log for the others.
 */
final class NotebookTrust {
  /** Paragraph commands that read or show patient-level data, with their audit action. */
  static final Map<String, AuditEvent.Action> PATIENT_COMMANDS =
      Map.of(
          "survival", AuditEvent.Action.EXPORT,
          "stratify", AuditEvent.Action.EXPORT,
          "clusters", AuditEvent.Action.SEARCH,
          "km", AuditEvent.Action.SEARCH,
          "nlp extract", AuditEvent.Action.SEARCH);

  /**
   * Paragraph commands that search patient data but show counts-only users suppressed aggregates
   * instead of refusing them: audited for every role.
   */
  static final Map<String, AuditEvent.Action> SEARCH_COMMANDS =
      Map.of("match", AuditEvent.Action.SEARCH, "funnel", AuditEvent.Action.SEARCH);

  private static final Set<String> TWO_WORDS = Set.of("nlp");

  private NotebookTrust() {}

  /** The role of a Zeppelin user. */
  static Role role(String user, Properties interpreterProperties, StratumConfig config) {
    if (user != null && config.userRoles().containsKey(user.strip())) {
      return config.userRoles().get(user.strip());
    }
    String setting = interpreterProperties.getProperty(NotebookSettings.ROLE, "").strip();
    return setting.isEmpty() ? config.defaultRole() : Role.parse(setting, NotebookSettings.ROLE);
  }

  /** The command name of a paragraph's words ({@code nlp extract}, {@code survival}, ...). */
  static String commandName(List<String> words) {
    if (words.size() >= 2 && TWO_WORDS.contains(words.get(0))) {
      return words.get(0) + " " + words.get(1);
    }
    return words.isEmpty() ? "" : words.get(0);
  }

  /**
   * Checks and audits a paragraph before it runs.
   *
   * @throws InvalidInputException when the role may not run it
   */
  static void admit(
      String user, Role role, List<String> words, String paragraph, StratumConfig config) {
    String name = commandName(words);
    AuditEvent.Action action = PATIENT_COMMANDS.get(name);
    if (action == null && SEARCH_COMMANDS.containsKey(name)) {
      audit(user, role, SEARCH_COMMANDS.get(name), name, paragraph, config);
      return;
    }
    if (action == null || (name.equals("nlp extract") && !words.contains("--in"))) {
      return; // no patient data (pasted text is the user's own)
    }
    if (!role.seesPatientRows()) {
      throw InvalidInputException.ofArgument(
          "role",
          "user "
              + (user == null ? "(anonymous)" : user)
              + " has role counts-only, which may not run '"
              + name
              + "' (patient-level); ask for the biostatistician or recruiter role");
    }
    audit(user, role, action, name, paragraph, config);
  }

  private static void audit(
      String user,
      Role role,
      AuditEvent.Action action,
      String name,
      String paragraph,
      StratumConfig config) {
    AuditLog.at(config.auditLog())
        .append(
            new AuditEvent(
                user == null || user.isBlank() ? "anonymous" : user,
                role,
                action,
                "notebook " + name,
                AuditEvent.sha256(paragraph),
                Map.of(),
                List.of()));
  }
}
