package dev.stratum.datasets.io;

import dev.stratum.core.model.CodeSystem;
import java.util.regex.Pattern;

/**
 * The shape of a code in each code system the raw-data contract uses, so a source value in the
 * wrong system is caught at ingest. Shapes follow each system's published format: ICD-10-CM (CMS
 * tabular list: letter, two characters, optional dot and up to four more), ICD-10-PCS (seven
 * characters from 0-9 and A-Z without I and O), LOINC (up to seven digits, hyphen, check digit),
 * RxNorm (numeric CUI), ATC (WHO: letter, two digits, letter, letter, two digits, any prefix
 * level).
 */
final class Codes {
  private static final Pattern ICD10CM =
      Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?|[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}");
  private static final Pattern ICD10PCS = Pattern.compile("[0-9A-HJ-NP-Z]{7}");
  private static final Pattern LOINC = Pattern.compile("[0-9]{1,7}-[0-9]");
  private static final Pattern RXNORM = Pattern.compile("[0-9]{1,9}");
  private static final Pattern ATC = Pattern.compile("[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?");
  private static final Pattern STRATUM = Pattern.compile("STRATUM:[a-z][a-z0-9_]*");

  private Codes() {}

  /** Whether {@code code} has the shape of a code in {@code system}. */
  static boolean matches(CodeSystem system, String code) {
    Pattern p =
        switch (system) {
          case ICD10CM -> ICD10CM;
          case ICD10PCS -> ICD10PCS;
          case LOINC -> LOINC;
          case RXNORM -> RXNORM;
          case ATC -> ATC;
          case STRATUM -> STRATUM;
          default -> null;
        };
    return p != null && p.matcher(code).matches();
  }
}
