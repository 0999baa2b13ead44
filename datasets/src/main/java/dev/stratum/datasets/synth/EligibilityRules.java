package dev.stratum.datasets.synth;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.model.Sex;
import dev.stratum.core.units.Ucum;
import dev.stratum.datasets.synth.PatientState.DrugExposure;
import dev.stratum.datasets.synth.PatientState.Lab;
import dev.stratum.datasets.synth.TrialCatalog.Criterion;
import dev.stratum.datasets.synth.TrialCatalog.TrialTemplate;
import java.time.LocalDate;

/**
 * Evaluates a trial's machine-readable rules against a patient's TRUE state on the as-of date; this
 * is what truth/eligibility.csv records. A patient is eligible when alive, of the trial's sex and
 * age range, every inclusion rule holds and no exclusion rule holds. Rules of type {@code other}
 * (e.g. "measurable disease") are taken as met. A rule that needs a value the patient's record
 * lacks (no HbA1c measured, PD-L1 not tested) does not hold: an inclusion is then unmet and an
 * exclusion does not apply.
 */
final class EligibilityRules {
  private EligibilityRules() {}

  static boolean eligible(TrialTemplate t, PatientState p, LocalDate asOf) {
    if (!p.alive(asOf) || p.diagnosisDate.isAfter(asOf)) {
      return false;
    }
    if (t.sex().equals("FEMALE") && p.sex != Sex.FEMALE
        || t.sex().equals("MALE") && p.sex != Sex.MALE) {
      return false;
    }
    int age = p.ageOn(asOf);
    if (age < t.minimumAge() || t.maximumAge() > 0 && age > t.maximumAge()) {
      return false;
    }
    for (Criterion c : t.criteria()) {
      if (holds(c, p, asOf) != c.inclusion()) {
        return false;
      }
    }
    return true;
  }

  /** Whether the criterion's statement is true of the patient (before inclusion/exclusion). */
  static boolean holds(Criterion c, PatientState p, LocalDate asOf) {
    return switch (c.type()) {
      case "age" -> compare(c, p.ageOn(asOf), c.value());
      case "condition" -> condition(c, p, asOf);
      case "lab" -> lab(c, p, asOf);
      case "biomarker" -> biomarker(c, p);
      case "drug" -> drug(c, p, asOf);
      case "performance" -> compare(c, p.ecog, c.value());
      case "pregnancy" -> p.pregnant;
      case "procedure" ->
          p.procedures.stream()
              .anyMatch(
                  x ->
                      !x.date().isAfter(asOf) && c.codes().stream().anyMatch(x.code()::startsWith));
      case "other" -> c.inclusion();
      default -> throw new IllegalStateException("unknown rule type " + c.type());
    };
  }

  private static boolean compare(Criterion c, double x, double threshold) {
    return Comparison.fromSymbol(c.op()).test(x, threshold, c.value2());
  }

  private static boolean condition(Criterion c, PatientState p, LocalDate asOf) {
    LocalDate from = c.withinDays() > 0 ? asOf.minusDays(c.withinDays()) : LocalDate.MIN;
    for (String prefix : c.codes()) {
      if (p.cancerCode.startsWith(prefix)
          && !p.diagnosisDate.isAfter(asOf)
          && !p.diagnosisDate.isBefore(from)) {
        return true;
      }
      for (PatientState.Condition x : p.conditions) {
        if (x.code().startsWith(prefix) && !x.start().isAfter(asOf) && !x.start().isBefore(from)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean lab(Criterion c, PatientState p, LocalDate asOf) {
    Lab l = p.latestLab(c.loinc(), asOf);
    if (l == null) {
      return false;
    }
    double x = l.value();
    double lo = c.value();
    double hi = c.value2();
    if (c.unit().equals("x ULN")) {
      lo *= l.loinc().high();
      hi *= l.loinc().high();
    } else {
      x = Ucum.convert(x, l.loinc().unit(), c.unit());
    }
    return Comparison.fromSymbol(c.op()).test(x, lo, hi);
  }

  private static boolean biomarker(Criterion c, PatientState p) {
    if (!c.variants().isEmpty()) {
      return c.variants().stream().anyMatch(p::carries);
    }
    return switch (c.marker()) {
      case "PD-L1 TPS" -> !Double.isNaN(p.pdl1) && compare(c, p.pdl1, c.value());
      case "HER2 positive" -> p.her2Positive();
      case "ER positive" -> Boolean.TRUE.equals(p.erPositive);
      default -> throw new IllegalStateException("unknown marker " + c.marker());
    };
  }

  private static boolean drug(Criterion c, PatientState p, LocalDate asOf) {
    LocalDate from = c.withinDays() > 0 ? asOf.minusDays(c.withinDays()) : LocalDate.MIN;
    for (DrugExposure d : p.drugs) {
      if (d.start().isAfter(asOf) || d.end().isBefore(from)) {
        continue;
      }
      if (c.rxcui().contains(d.drug().rxcui())
          || c.atc().stream().anyMatch(d.drug().atcCode()::startsWith)
          || !c.role().isEmpty() && c.role().equals(d.drug().role())) {
        return true;
      }
    }
    return false;
  }
}
