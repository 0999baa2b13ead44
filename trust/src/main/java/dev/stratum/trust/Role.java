package dev.stratum.trust;

import dev.stratum.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who is looking at patient data, and so what they may see. The three views of issue 9 and CLI.md:
 * a recruiter contacts patients and needs to know who they are; a biostatistician analyses
 * patient-level data but never needs identities; everyone else sees aggregate counts with small
 * cells suppressed ({@link SmallCellSuppression}).
 */
public enum Role {
  /** Patient-level results with source person ids; may re-identify pseudonyms (audited). */
  RECRUITER("recruiter"),
  /** Patient-level data under pseudonyms; no re-identification. */
  BIOSTATISTICIAN("biostatistician"),
  /** Aggregate counts only, counts below 11 shown as {@code "<11"}, no patient-level rows. */
  COUNTS_ONLY("counts-only");

  private final String cliName;

  Role(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in configuration, e.g. {@code counts-only}. */
  public String cliName() {
    return cliName;
  }

  /** Whether output may list individual patients (under pseudonyms or source ids). */
  public boolean seesPatientRows() {
    return this != COUNTS_ONLY;
  }

  /** Whether output may carry source person ids, i.e. whether re-identification is allowed. */
  public boolean mayReidentify() {
    return this == RECRUITER;
  }

  /**
   * Parses a role name as written in CLI.md ({@code recruiter|biostatistician|counts-only}),
   * ignoring case and surrounding blanks.
   *
   * @param option where the value came from (an option or configuration key), for the message
   */
  public static Role parse(String value, String option) {
    if (value != null) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (Role r : values()) {
        if (r.cliName.equals(v)) {
          return r;
        }
      }
    }
    throw InvalidInputException.ofArgument(
        option, "must be one of " + names() + ", got '" + value + "'");
  }

  /** {@code recruiter|biostatistician|counts-only}. */
  public static String names() {
    return Arrays.stream(values()).map(Role::cliName).collect(Collectors.joining("|"));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
