package dev.stratum.datasets.synth;

import dev.stratum.core.model.Sex;
import dev.stratum.datasets.synth.StratumProfile.Cancer;
import dev.stratum.datasets.synth.Vocabulary.Hotspot;
import dev.stratum.datasets.synth.Vocabulary.Loinc;
import dev.stratum.datasets.synth.Vocabulary.RxNorm;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The true state of one synthetic patient: everything the generator decided, before it is written
 * out (partly) as OMOP rows, VCF calls, omics values and note text. Eligibility truth is computed
 * from this, not from the files. Mutable while the simulator builds it; not shared across threads.
 */
final class PatientState {

  /** A diagnosis. {@code structured} false means it is documented only in notes. */
  record Condition(String key, String code, LocalDate start, boolean structured) {}

  /** A drug exposure row (a chemotherapy cycle or a prescription course). */
  record DrugExposure(RxNorm drug, LocalDate start, LocalDate end, String route) {}

  /** One laboratory result. */
  record Lab(Loinc loinc, LocalDate date, double value) {}

  /** One observation row: ECOG, smoking, pregnancy, consent, response. */
  record Observation(String source, LocalDate date, double number, String text) {}

  record Procedure(String code, LocalDate date) {}

  /** A relative's diagnosis, e.g. mother with breast cancer; {@code code} is the Z80-Z84 code. */
  record FamilyHistory(
      String relative, String concept, String code, String phrase, boolean structured) {}

  /** A carried somatic alteration with its allele fraction. */
  record Carried(Hotspot hotspot, double vaf) {}

  long personId;
  int stratum;
  Sex sex;
  LocalDate birthDate;
  String race;
  int raceConcept;
  String ethnicity;
  int ethnicityConcept;

  Cancer cancer;
  String cancerCode;
  LocalDate diagnosisDate;
  boolean metastatic;

  final List<Condition> conditions = new ArrayList<>();
  final List<Carried> variants = new ArrayList<>();
  boolean sequenced;
  LocalDate sequencingDate;

  /** PD-L1 tumour proportion score in percent; NaN when not tested (NSCLC only). */
  double pdl1 = Double.NaN;

  /** HER2 IHC score ("0", "1+", "2+", "3+"), empty when not tested (breast only). */
  String her2Ihc = "";

  /** Oestrogen receptor status, null when not tested (breast only). */
  Boolean erPositive;

  String smoking;
  int packYears;
  int ecog;
  boolean ecogStructured;

  /** Pregnant on the as-of date (women 18 to 50 only). */
  boolean pregnant;

  boolean researchConsent;
  LocalDate consentDate;

  final List<DrugExposure> drugs = new ArrayList<>();
  final List<Lab> labs = new ArrayList<>();
  final List<Observation> observations = new ArrayList<>();
  final List<Procedure> procedures = new ArrayList<>();
  final List<FamilyHistory> familyHistory = new ArrayList<>();

  /** CKD stage 3 or 4, 0 when none. */
  int ckdStage;

  /** The patient's mean HbA1c (%), around which measurements scatter. */
  double hba1cMean;

  boolean liverMets;
  LocalDate firstLineStart;

  /** ICD-10-PCS code of the tumour resection, null when none. */
  String surgery;

  /** Lab visit dates, oldest first. */
  List<LocalDate> visits = List.of();

  boolean treated;
  String response;
  LocalDate responseDate;
  LocalDate observationStart;
  LocalDate observationEnd;

  /** Days from diagnosis to death or censoring. */
  long timeDays;

  boolean died;

  /** Observed death date (in the death table), null when censored. */
  LocalDate deathDate;

  /** Latent (uncensored) days from diagnosis to death. */
  double trueDeathDays;

  /** True death date when on or before the as-of date (even if lost to follow-up), else null. */
  LocalDate trueDeathDate;

  String firstName;
  String lastName;
  String mrn;
  String phone;
  String email;
  String address;

  /** Whether the patient truly carries hotspot {@code id}. */
  boolean carries(String id) {
    for (Carried c : variants) {
      if (c.hotspot().id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the patient truly has a condition whose code starts with {@code prefix} by date. */
  boolean hasCondition(String prefix, LocalDate by) {
    if (cancerCode.startsWith(prefix) && !diagnosisDate.isAfter(by)) {
      return true;
    }
    for (Condition c : conditions) {
      if (c.code().startsWith(prefix) && !c.start().isAfter(by)) {
        return true;
      }
    }
    return false;
  }

  boolean hasConditionKey(String key) {
    for (Condition c : conditions) {
      if (c.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** The latest result of a lab on or before {@code by}, or null. */
  Lab latestLab(String loinc, LocalDate by) {
    Lab best = null;
    for (Lab l : labs) {
      if (l.loinc().code().equals(loinc)
          && !l.date().isAfter(by)
          && (best == null || !l.date().isBefore(best.date()))) {
        best = l;
      }
    }
    return best;
  }

  /** Alive on {@code on} in truth (a death unobserved because of loss to follow-up counts). */
  boolean alive(LocalDate on) {
    return trueDeathDate == null || trueDeathDate.isAfter(on);
  }

  int ageOn(LocalDate d) {
    return java.time.Period.between(birthDate, d).getYears();
  }

  /** HER2-positive by ASCO/CAP: IHC 3+, or ERBB2 amplification. */
  boolean her2Positive() {
    return her2Ihc.equals("3+") || carries("ERBB2_AMP");
  }
}
