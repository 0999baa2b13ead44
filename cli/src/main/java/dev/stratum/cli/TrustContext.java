package dev.stratum.cli;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Consent;
import dev.stratum.datasets.io.RawDataset;
import dev.stratum.datasets.io.ReadPolicy;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.trust.AuditEvent;
import dev.stratum.trust.AuditLog;
import dev.stratum.trust.ConsentPolicy;
import dev.stratum.trust.RevocationList;
import dev.stratum.trust.Role;
import dev.stratum.trust.SmallCellSuppression;
import dev.stratum.trust.StratumConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What one command run may show and must record: the role (from {@code --role} or configuration),
 * the configuration, the pseudonymizer when a key is configured, the consent filter and the audit
 * log. Commands that read patient data build one at the start of {@code call()}.
 */
final class TrustContext {
  /** Environment seen by commands; tests replace it (the JVM's environment cannot be changed). */
  static volatile Map<String, String> environment = null;

  private final StratumConfig config;
  private final Role role;
  private final Map<String, String> env;
  private final ConsentPolicy policy;

  private TrustContext(StratumConfig config, Role role, Map<String, String> env, ConsentPolicy p) {
    this.config = config;
    this.role = role;
    this.env = env;
    this.policy = p;
  }

  static Map<String, String> env() {
    Map<String, String> e = environment;
    return e != null ? e : System.getenv();
  }

  static TrustContext of(RoleOption option) {
    Map<String, String> env = env();
    StratumConfig c = StratumConfig.load(env, Path.of(System.getProperty("user.home")));
    Role r = option.role == null ? c.defaultRole() : Role.parse(option.role, "--role");
    ConsentPolicy p =
        option.approvedProtocol == null
            ? ConsentPolicy.strict()
            : ConsentPolicy.withApprovedProtocol(option.approvedProtocol);
    return new TrustContext(c, r, env, p);
  }

  Role role() {
    return role;
  }

  StratumConfig config() {
    return config;
  }

  ConsentPolicy policy() {
    return policy;
  }

  /** Fails with exit code 2 for counts-only: this output would list patients. */
  void requirePatientRows(String what) {
    if (!role.seesPatientRows()) {
      throw InvalidInputException.ofArgument(
          "--role",
          "counts-only may not see "
              + what
              + " (patient-level); run as biostatistician or recruiter, see docs/privacy.md");
    }
  }

  /** The pseudonymizer of the configured key, if one is set. */
  Optional<Pseudonymizer> pseudonymizer() {
    String k = env.get(config.pseudonymKeyEnv());
    return k == null || k.isBlank() ? Optional.empty() : Optional.of(Pseudonymizer.ofHex(k));
  }

  /**
   * How this role sees a source person id: unchanged for the recruiter, the keyed pseudonym for the
   * biostatistician (a key is then required).
   */
  UnaryOperator<String> idView() {
    if (role.mayReidentify()) {
      return UnaryOperator.identity();
    }
    Pseudonymizer p =
        pseudonymizer()
            .orElseThrow(
                () ->
                    InvalidInputException.ofArgument(
                        "--role",
                        role.cliName()
                            + " sees pseudonyms: set the pseudonym key in "
                            + config.pseudonymKeyEnv()
                            + " (docs/privacy.md)"));
    return p::pseudonym;
  }

  /** The configured revocation list (source ids). */
  RevocationList revocations() {
    return config.revocations();
  }

  /**
   * The revocation list as pseudonyms of the store (the list holds source ids): what a command
   * reading a pseudonymized store or index leaves out between snapshots.
   *
   * @throws InvalidInputException when the list is not empty and no pseudonym key is configured
   *     (the revocations could not be applied)
   */
  java.util.Set<String> revokedPseudonyms() {
    RevocationList revoked = revocations();
    if (revoked.size() == 0) {
      return java.util.Set.of();
    }
    Pseudonymizer p =
        pseudonymizer()
            .orElseThrow(
                () ->
                    InvalidInputException.ofArgument(
                        "consent.revocations",
                        "the revocation list holds source ids and the store pseudonyms: set the"
                            + " pseudonym key in "
                            + config.pseudonymKeyEnv()
                            + " so revoked patients can be left out (docs/privacy.md)"));
    return revoked.mapped(p::pseudonym).ids();
  }

  /**
   * The consent filter over source person ids of a raw-data directory: the latest research consent
   * record per patient (OMOP observation, docs/data-formats.md), minus the revocation list, under
   * the command's policy.
   */
  Predicate<String> consentFilter(Path rawDir, ConsentPolicy.Purpose purpose) {
    if (rawDir == null) {
      if (purpose == ConsentPolicy.Purpose.STRATIFICATION && policy.approvedProtocol() != null) {
        return id -> true;
      }
      throw InvalidInputException.ofArgument(
          "--consent-from",
          "consent is required: give the raw-data directory whose omop/observation.csv holds"
              + " research consent, or --approved-protocol ID (analyses only)");
    }
    if (!Files.isDirectory(rawDir)) {
      throw InvalidInputException.ofArgument("--consent-from", "not a directory: " + rawDir);
    }
    Map<String, Consent> latest = new HashMap<>();
    try (var s = RawDataset.open(rawDir).consents(ReadPolicy.strict())) {
      s.filter(c -> c.tier() == Consent.ConsentTier.RESEARCH)
          .forEach(
              c ->
                  latest.merge(
                      c.personId(),
                      c,
                      (a, b) ->
                          Comparator.comparing(Consent::date)
                                      .thenComparing(x -> !x.granted())
                                      .compare(a, b)
                                  >= 0
                              ? a
                              : b));
    }
    Map<String, Boolean> granted = new HashMap<>();
    latest.forEach((k, v) -> granted.put(k, v.granted()));
    return policy.filter(granted, revocations(), purpose);
  }

  /** A count as this role may see it (counts-only: below 11 shown as "<11"). */
  Object count(long n) {
    if (role.seesPatientRows()) {
      return n;
    }
    return SmallCellSuppression.partition(
            "n", List.of("n"), new long[] {n}, SmallCellSuppression.Rule.standard())
        .get(0)
        .json();
  }

  /**
   * Appends an audit entry; patients are recorded as pseudonyms when a key is configured, else only
   * their number (the log never holds source ids).
   */
  AuditLog.Appended audit(
      AuditEvent.Action action,
      String command,
      String query,
      Map<String, Object> counts,
      List<String> sourceIds) {
    Map<String, Object> c = new LinkedHashMap<>(counts);
    List<String> pseudonyms = new ArrayList<>();
    Optional<Pseudonymizer> p = pseudonymizer();
    if (p.isPresent()) {
      sourceIds.forEach(id -> pseudonyms.add(p.get().pseudonym(id)));
    } else if (!sourceIds.isEmpty()) {
      c.put("patients_not_listed", "no pseudonym key configured");
    }
    return auditPseudonyms(action, command, query, c, pseudonyms);
  }

  /** Appends an audit entry whose patients are already pseudonyms. */
  AuditLog.Appended auditPseudonyms(
      AuditEvent.Action action,
      String command,
      String query,
      Map<String, Object> counts,
      List<String> pseudonyms) {
    Map<String, Object> c = new LinkedHashMap<>(counts);
    if (policy.approvedProtocol() != null) {
      c.put("approved_protocol", policy.approvedProtocol());
    }
    return AuditLog.at(config.auditLog())
        .append(
            new AuditEvent(
                // the operating-system user; no environment override, which anyone could set
                AuditEvent.systemUser(),
                role,
                action,
                command,
                AuditEvent.sha256(query),
                c,
                pseudonyms));
  }
}
