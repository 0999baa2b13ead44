package dev.stratum.trust;

import dev.stratum.core.error.InvalidInputException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who may be included in what (issue 9): a patient needs research consent, in force at the snapshot
 * and not revoked since ({@link RevocationList}), to appear in any recruiter result, count, export
 * or notebook output. Stratification, a secondary analysis, may include patients without research
 * consent only under an approved protocol (for example an IRB/ethics-committee waiver of consent,
 * 45 CFR 46.116(f)); the protocol id is then recorded in the output.
 *
 * @param approvedProtocol the approved protocol that permits stratifying patients without research
 *     consent, or null when there is none (the default)
 */
public record ConsentPolicy(String approvedProtocol) {

  /** What the data is used for. */
  public enum Purpose {
    /** Recruitment, counts, exports, notebook output: research consent always required. */
    RECRUITMENT,
    /** Stratification: research consent required unless an approved protocol says otherwise. */
    STRATIFICATION
  }

  public ConsentPolicy {
    if (approvedProtocol != null) {
      approvedProtocol = approvedProtocol.strip();
      if (approvedProtocol.isEmpty()) {
        throw InvalidInputException.ofArgument(
            "--approved-protocol", "must name the protocol (e.g. an IRB number), got ''");
      }
    }
  }

  /** Research consent required for every purpose. */
  public static ConsentPolicy strict() {
    return new ConsentPolicy(null);
  }

  /** Stratification may include patients without research consent under this protocol. */
  public static ConsentPolicy withApprovedProtocol(String protocol) {
    return new ConsentPolicy(Objects.requireNonNull(protocol, "protocol"));
  }

  /**
   * Whether a patient may be used.
   *
   * @param researchConsent whether the latest research-consent record grants it (false when there
   *     is no record)
   * @param revoked whether the revocation list names the patient
   */
  public boolean admits(boolean researchConsent, boolean revoked, Purpose purpose) {
    if (researchConsent && !revoked) {
      return true;
    }
    return purpose == Purpose.STRATIFICATION && approvedProtocol != null;
  }

  /**
   * A filter over person ids: {@code consented} maps a person id to its research consent (absent =
   * no consent), the revocation list is applied on top.
   */
  public Predicate<String> filter(
      Map<String, Boolean> consented, RevocationList revocations, Purpose purpose) {
    return id -> admits(consented.getOrDefault(id, false), revocations.revokes(id), purpose);
  }

  /** What to record in a manifest or report about the consent basis of the output. */
  public String basis(Purpose purpose) {
    return purpose == Purpose.STRATIFICATION && approvedProtocol != null
        ? "approved protocol " + approvedProtocol + " (patients without research consent included)"
        : "research consent (revocations applied)";
  }
}
