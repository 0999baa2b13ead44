package dev.stratum.datasets.synth;

import dev.stratum.datasets.synth.PatientState.Lab;

/** How lab values are printed, the same way in measurement.csv, note text and facts.csv. */
final class LabFormat {
  private LabFormat() {}

  static int decimals(String loinc) {
    return switch (loinc) {
      case "2160-0", "751-8" -> 2;
      case "4548-4", "1975-2", "718-7", "6690-2", "1751-7", "2039-6" -> 1;
      default -> 0;
    };
  }

  static String format(Lab l) {
    return Fmt.fixed(l.value(), decimals(l.loinc().code()));
  }

  static String noteLabel(String loinc) {
    return switch (loinc) {
      case "4548-4" -> "HbA1c";
      case "2160-0" -> "creatinine";
      case "718-7" -> "Hgb";
      case "751-8" -> "ANC";
      case "777-3" -> "platelets";
      case "98979-8" -> "eGFR";
      default -> loinc;
    };
  }

  /** The unit as clinicians type it (an alias that core's Ucum maps to the canonical code). */
  static String noteUnit(String loinc) {
    return switch (loinc) {
      case "4548-4" -> "%";
      case "2160-0" -> " mg/dL";
      case "718-7" -> " g/dL";
      case "751-8", "777-3" -> " K/uL";
      case "98979-8" -> " mL/min/1.73m2";
      default -> "";
    };
  }
}
