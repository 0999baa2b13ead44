package dev.stratum.datasets.synth;

import dev.stratum.core.model.Sex;
import dev.stratum.datasets.synth.PatientState.Carried;
import dev.stratum.datasets.synth.PatientState.Condition;
import dev.stratum.datasets.synth.PatientState.DrugExposure;
import dev.stratum.datasets.synth.PatientState.FamilyHistory;
import dev.stratum.datasets.synth.PatientState.Lab;
import dev.stratum.datasets.synth.StratumProfile.Cancer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a patient's clinical notes as free text, recording for every planted mention what it
 * really asserts (truth/facts.csv) and every planted identifier (truth/identifiers.csv), each with
 * its character span. Notes carry the phenomena real notes have: section headers, abbreviations,
 * negation, uncertainty, history, family history, lab values and biomarker results in text, and
 * occasional typos; some facts are in the notes only (comorbidities not coded, PD-L1, HER2 IHC, ER
 * status, outside sequencing results).
 */
final class NoteComposer {

  /** What a span of a note asserts. Spans are [begin, end) in UTF-16 units of note_text. */
  record Fact(
      String category,
      String concept,
      String code,
      String value,
      String unit,
      String valueText,
      boolean negated,
      boolean uncertain,
      boolean historical,
      String experiencer,
      int begin,
      int end,
      String text,
      boolean structured) {}

  record Identifier(String kind, int begin, int end, String text) {}

  record Note(
      long noteId,
      LocalDate date,
      String title,
      String text,
      List<Fact> facts,
      List<Identifier> identifiers) {}

  private static final DateTimeFormatter US =
      DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);

  /** Surface forms of comorbidities: full name, abbreviation, misspelling (used rarely). */
  private record Surface(String full, String abbreviation, String typo, String concept) {}

  private static Surface surface(String key) {
    return switch (key) {
      case "T2DM" ->
          new Surface(
              "type 2 diabetes mellitus", "T2DM", "type 2 diabetis", "type 2 diabetes mellitus");
      case "HTN" -> new Surface("hypertension", "HTN", "hypertention", "hypertension");
      case "OBESITY" -> new Surface("obesity", "obesity", "obesity", "obesity");
      case "CKD" ->
          new Surface(
              "chronic kidney disease", "CKD", "chronic kidney diesase", "chronic kidney disease");
      case "HLD" -> new Surface("hyperlipidemia", "HLD", "hyperlipidemia", "hyperlipidemia");
      case "CHF" ->
          new Surface(
              "congestive heart failure", "CHF", "congestive heart failuer", "heart failure");
      case "MI" ->
          new Surface(
              "myocardial infarction", "MI", "myocardial infraction", "myocardial infarction");
      case "COPD" ->
          new Surface(
              "chronic obstructive pulmonary disease",
              "COPD",
              "COPD",
              "chronic obstructive pulmonary disease");
      case "HYPOTHYROID" ->
          new Surface("hypothyroidism", "hypothyroidism", "hypothyroidsm", "hypothyroidism");
      case "DEPRESSION" ->
          new Surface(
              "major depressive disorder", "depression", "depresion", "major depressive disorder");
      case "AF" ->
          new Surface("atrial fibrillation", "AFib", "atrial fibrilation", "atrial fibrillation");
      case "HIV" -> new Surface("HIV infection", "HIV", "HIV", "HIV disease");
      case "HEPC" ->
          new Surface("chronic hepatitis C", "HCV", "hepatitis C", "chronic hepatitis C");
      case "RA" ->
          new Surface("rheumatoid arthritis", "RA", "rheumatoid arthritis", "rheumatoid arthritis");
      case "METASTASIS" ->
          new Surface("metastatic disease", "mets", "metastatic disease", "metastasis");
      default -> throw new IllegalArgumentException(key);
    };
  }

  private static final String[][] TYPOS = {
    {"patient", "pateint"},
    {"history", "hsitory"},
    {"received", "recieved"},
    {"with", "wiht"},
    {"diagnosed", "diagnsoed"},
    {"tolerating", "tolerting"},
    {"follow", "folow"}
  };

  /** Accumulates note text and the spans of what it asserts. */
  private static final class Builder {
    final StringBuilder sb = new StringBuilder(1500);
    final List<Fact> facts = new ArrayList<>();
    final List<Identifier> ids = new ArrayList<>();
    final SplittableRandom rng;

    Builder(SplittableRandom rng) {
      this.rng = rng;
    }

    Builder t(String s) {
      if (rng.nextDouble() < 0.02) {
        for (String[] typo : TYPOS) {
          int i = s.indexOf(typo[0]);
          if (i >= 0) {
            s = s.substring(0, i) + typo[1] + s.substring(i + typo[0].length());
            break;
          }
        }
      }
      sb.append(s);
      return this;
    }

    /**
     * Appends text without a typo draw. Used for the joins around a fact that split what was one
     * {@link #t} segment, so the random stream (and with it the rest of the cohort) is unchanged.
     */
    Builder raw(String s) {
      sb.append(s);
      return this;
    }

    Builder id(String kind, String text) {
      int b = sb.length();
      sb.append(text);
      ids.add(new Identifier(kind, b, sb.length(), text));
      return this;
    }

    Builder fact(
        String text,
        String category,
        String concept,
        String code,
        String value,
        String unit,
        String valueText,
        boolean negated,
        boolean uncertain,
        boolean historical,
        String experiencer,
        boolean structured) {
      int b = sb.length();
      sb.append(text);
      facts.add(
          new Fact(
              category,
              concept,
              code,
              value,
              unit,
              valueText,
              negated,
              uncertain,
              historical,
              experiencer,
              b,
              sb.length(),
              text,
              structured));
      return this;
    }

    /** An affirmed, current mention about the patient. */
    Builder affirmed(
        String text, String category, String concept, String code, boolean structured) {
      return fact(
          text, category, concept, code, "", "", "", false, false, false, "patient", structured);
    }
  }

  private final Vocabulary vocab = Vocabulary.get();

  List<Note> compose(PatientState p, SplittableRandom rng) {
    List<Note> notes = new ArrayList<>(2);
    LocalDate consultDate = p.diagnosisDate.plusDays(rng.nextInt(10));
    if (consultDate.isAfter(p.observationEnd)) {
      consultDate = p.observationEnd;
    }
    notes.add(consult(p, rng, p.personId * 10 + 1, consultDate));
    LocalDate last = p.visits.get(p.visits.size() - 1);
    if (last.isAfter(consultDate)) {
      notes.add(progress(p, rng, p.personId * 10 + 2, last));
    }
    return notes;
  }

  /**
   * The primary cancer as the note names it, with the site and laterality its ICD-10-CM code
   * states, so that the truth's code ({@code C34.11}, {@code C50.412}, {@code C18.7}) is what the
   * text says and not only what the structured record says. No random draw: the random streams are
   * those of format version 1.
   */
  private static String cancerPhrase(PatientState p, boolean abbreviate) {
    return switch (p.cancer) {
      case NSCLC -> {
        String site =
            switch (p.cancerCode) {
              case "C34.10" -> "upper lobe ";
              case "C34.11" -> "right upper lobe ";
              case "C34.12" -> "left upper lobe ";
              case "C34.31" -> "right lower lobe ";
              case "C34.32" -> "left lower lobe ";
              default -> "";
            };
        yield site + (abbreviate ? "NSCLC" : "non-small cell lung cancer");
      }
      case BREAST ->
          switch (p.cancerCode) {
            case "C50.911" -> "right breast cancer";
            case "C50.912" -> "left breast cancer";
            case "C50.411" -> "right upper-outer quadrant breast cancer";
            case "C50.412" -> "left upper-outer quadrant breast cancer";
            default -> "breast cancer";
          };
      case COLORECTAL ->
          switch (p.cancerCode) {
            case "C20" -> "rectal cancer";
            case "C18.0" -> "cecal cancer";
            case "C18.2" -> "ascending colon cancer";
            case "C18.7" -> "sigmoid colon cancer";
            default -> "colon cancer";
          };
    };
  }

  private static String cancerConcept(PatientState p) {
    return switch (p.cancer) {
      case NSCLC -> "non-small cell lung cancer";
      case BREAST -> "breast cancer";
      case COLORECTAL -> p.cancerCode.equals("C20") ? "rectal cancer" : "colon cancer";
    };
  }

  /** A mention of the patient's primary cancer (coded in condition_occurrence). */
  private static void primary(Builder b, PatientState p, String text) {
    b.affirmed(text, "condition", cancerConcept(p), "ICD10CM:" + p.cancerCode, true);
  }

  /** A negated symptom ("Denies ... fever"): a note-only assertion of absence. */
  private static void deniedSymptom(Builder b, String text, String concept, String code) {
    b.fact(text, "symptom", concept, code, "", "", "", true, false, false, "patient", false);
  }

  private void header(Builder b, PatientState p, String title, LocalDate date, boolean full) {
    b.t(title).t("\n");
    b.t("Patient: ").id("name", p.firstName + " " + p.lastName).t("    MRN: ").id("mrn", p.mrn);
    b.t("    DOB: ").id("date", US.format(p.birthDate)).t("\n");
    b.t("Date of service: ").id("date", date.toString()).t("\n");
    if (full) {
      b.t("Address: ").id("address", p.address).t("\n");
      b.t("Phone: ").id("phone", p.phone);
      if (b.rng.nextDouble() < 0.5) {
        b.t("    E-mail: ").id("email", p.email);
      }
      b.t("\n");
    }
    b.t("\n");
  }

  private Note consult(PatientState p, SplittableRandom rng, long noteId, LocalDate date) {
    Builder b = new Builder(rng);
    header(b, p, "ONCOLOGY CONSULTATION", date, true);
    int age = p.ageOn(date);
    b.t("HPI:\n");
    if (age > 89) {
      b.id("age", Integer.toString(age)).t("-year-old ");
    } else {
      b.t(age + "-year-old ");
    }
    b.t(p.sex == Sex.FEMALE ? "woman" : "man").t(" referred for newly diagnosed ");
    boolean abbrev = p.cancer == Cancer.NSCLC && rng.nextBoolean();
    primary(b, p, cancerPhrase(p, abbrev));
    b.t(". ");
    // The presenting symptom is a note-only fact like fatigue (codes as in the nlp lexicon).
    switch (p.cancer) {
      case NSCLC -> {
        b.t("Presented with persistent ");
        b.affirmed("cough", "symptom", "cough", "ICD10CM:R05.9", false);
      }
      case BREAST -> {
        b.t("Presented with a palpable ");
        b.affirmed("breast mass", "symptom", "breast lump", "ICD10CM:N63.0", false);
      }
      case COLORECTAL -> {
        b.t("Presented with ");
        b.affirmed("rectal bleeding", "symptom", "rectal bleeding", "ICD10CM:K62.5", false);
      }
    }
    b.raw(" and ");
    b.affirmed("fatigue", "symptom", "fatigue", "ICD10CM:R53.83", false).t(". ");
    b.t("Denies ");
    b.fact(
        "chest pain",
        "symptom",
        "chest pain",
        "ICD10CM:R07.9",
        "",
        "",
        "",
        true,
        false,
        false,
        "patient",
        false);
    b.t(" or ");
    deniedSymptom(b, "fever", "fever", "ICD10CM:R50.9");
    b.raw(". ");
    if (p.metastatic) {
      Condition met = null;
      for (Condition c : p.conditions) {
        if (c.key().equals("METASTASIS")) {
          met = c;
          break;
        }
      }
      String site =
          switch (met.code()) {
            case "C79.31" -> "brain metastases";
            case "C78.7" -> "liver metastases";
            case "C79.51" -> "bone metastases";
            default -> "pulmonary metastases";
          };
      b.t("Staging imaging shows ");
      b.affirmed(
          site,
          "condition",
          vocab.icd10(met.code()).name(),
          "ICD10CM:" + met.code(),
          met.structured());
      b.t(". ");
    } else {
      // A staging PET-CT was done (affirmed); it has no code in the truth's code systems.
      b.affirmed("PET-CT", "procedure", "PET scan", "", false);
      b.t(": no evidence of ");
      b.fact(
          "metastatic disease",
          "condition",
          "metastasis",
          "",
          "",
          "",
          "",
          true,
          false,
          false,
          "patient",
          false);
      b.t(". ");
    }
    if (rng.nextDouble() < 0.25) {
      b.raw("Admission ");
      b.affirmed("chest film", "procedure", "chest X-ray", "", false);
      b.t(" with possible ");
      b.fact(
          "pneumonia",
          "condition",
          "pneumonia",
          "ICD10CM:J18.9",
          "",
          "",
          "",
          false,
          true,
          false,
          "patient",
          false);
      b.raw("; ");
      b.affirmed("CT angiogram", "procedure", "CT angiography", "", false);
      b.t(" ordered to rule out ");
      b.fact(
          "pulmonary embolism",
          "condition",
          "pulmonary embolism",
          "ICD10CM:I26.99",
          "",
          "",
          "",
          false,
          true,
          false,
          "patient",
          false);
      b.t(". ");
    }
    b.t("\n\nPMH:\n");
    boolean anyPmh = false;
    boolean hasMi = false;
    for (Condition c : p.conditions) {
      if (c.key().equals("METASTASIS") || c.start().isAfter(date)) {
        continue;
      }
      boolean mention = !c.structured() || rng.nextDouble() < 0.7;
      if (!mention) {
        continue;
      }
      anyPmh = true;
      Surface s = surface(c.key());
      if (c.key().equals("MI")) {
        hasMi = true;
        b.t("- History of ");
        b.fact(
            rng.nextBoolean() ? s.abbreviation() : s.full(),
            "condition",
            s.concept(),
            "ICD10CM:" + c.code(),
            "",
            "",
            "",
            false,
            false,
            true,
            "patient",
            c.structured());
        b.t(" in " + c.start().getYear());
        if (p.procedures.stream().anyMatch(x -> x.code().equals("027034Z"))) {
          b.t(", status post ");
          b.fact(
              "PCI",
              "procedure",
              vocab.pcs("027034Z").name(),
              "ICD10PCS:027034Z",
              "",
              "",
              "",
              false,
              false,
              true,
              "patient",
              true);
        }
        b.t("\n");
        continue;
      }
      double u = rng.nextDouble();
      String text = u < 0.03 ? s.typo() : u < 0.55 ? s.abbreviation() : s.full();
      b.t("- ");
      b.affirmed(text, "condition", s.concept(), "ICD10CM:" + c.code(), c.structured());
      if (c.key().equals("T2DM")) {
        Lab a1c = p.latestLab(PatientSimulator.HBA1C, date);
        if (a1c != null) {
          b.t(", last ");
          b.fact(
              "HbA1c " + LabFormat.format(a1c) + "%",
              "lab",
              "HbA1c",
              "LOINC:" + PatientSimulator.HBA1C,
              LabFormat.format(a1c),
              "%",
              "",
              false,
              false,
              false,
              "patient",
              true);
        }
      }
      if (c.key().equals("CKD")) {
        b.t(c.code().equals("N18.4") ? ", stage 4" : ", stage 3");
      }
      b.t("\n");
    }
    if (!hasMi && rng.nextDouble() < 0.3) {
      b.t("- No history of ");
      b.fact(
          "MI",
          "condition",
          "myocardial infarction",
          "ICD10CM:I21.4",
          "",
          "",
          "",
          true,
          false,
          false,
          "patient",
          false);
      b.t("\n");
    }
    if (!anyPmh) {
      b.t("- None significant\n");
    }
    b.t("\nFamily History:\n");
    if (p.familyHistory.isEmpty()) {
      b.t("Non-contributory.\n");
    }
    for (FamilyHistory f : p.familyHistory) {
      String rel =
          f.relative().substring(0, 1).toUpperCase(Locale.ROOT) + f.relative().substring(1);
      b.t(rel + (rng.nextBoolean() ? " had " : " with "));
      b.fact(
          f.phrase(),
          "condition",
          f.concept(),
          "ICD10CM:" + f.code(),
          "",
          "",
          "",
          false,
          false,
          false,
          "family",
          f.structured());
      b.t(".\n");
    }
    b.t("\nSocial History:\n");
    String smoke =
        switch (p.smoking) {
          case "never" -> "Never smoker";
          case "former" -> "Former smoker";
          default -> "Current smoker";
        };
    b.fact(
        smoke,
        "smoking",
        "tobacco smoking status",
        "LOINC:72166-2",
        "",
        "",
        p.smoking,
        false,
        false,
        false,
        "patient",
        true);
    if (p.packYears > 0) {
      b.t(", " + p.packYears + " pack-years");
    }
    b.t(".\n\nMedications:\n");
    boolean anyMed = false;
    for (DrugExposure d : p.drugs) {
      if (d.drug().role().equals("chemotherapy")
          || d.drug().role().equals("targeted")
          || d.drug().role().equals("immunotherapy")
          || d.start().isAfter(date)
          || d.end().isBefore(date)) {
        continue;
      }
      anyMed = true;
      b.t("- ");
      b.affirmed(d.drug().name(), "drug", d.drug().name(), "RXNORM:" + d.drug().rxcui(), true);
      b.t("\n");
    }
    if (!anyMed) {
      b.t("- None\n");
    }
    b.t("\nAssessment/Plan:\n");
    b.t("Newly diagnosed ");
    primary(b, p, cancerPhrase(p, p.cancer == Cancer.NSCLC));
    b.raw(". ");
    // "Tumour" is the patient's primary cancer again, not a new finding.
    primary(b, p, "Tumour");
    b.t(" tissue sent for molecular profiling. Will follow up with results.\n");
    return new Note(noteId, date, "Oncology consultation", b.sb.toString(), b.facts, b.ids);
  }

  private Note progress(PatientState p, SplittableRandom rng, long noteId, LocalDate date) {
    Builder b = new Builder(rng);
    header(b, p, "PROGRESS NOTE", date, false);
    b.t("Interval History:\n");
    b.t("Patient seen in follow up. ");
    if (rng.nextBoolean()) {
      b.t("Reports mild ");
      b.affirmed("fatigue", "symptom", "fatigue", "ICD10CM:R53.83", false).t(". ");
    }
    b.t("Denies ");
    b.fact(
        "shortness of breath",
        "symptom",
        "shortness of breath",
        "ICD10CM:R06.02",
        "",
        "",
        "",
        true,
        false,
        false,
        "patient",
        false);
    b.t(". ");
    if (p.surgery != null) {
      var proc = p.procedures.stream().filter(x -> x.code().equals(p.surgery)).findFirst();
      if (proc.isPresent() && proc.get().date().isBefore(date)) {
        String phrase =
            switch (p.surgery) {
              case "0BTC4ZZ" -> "right upper lobectomy";
              case "0DTN0ZZ" -> "sigmoid colectomy";
              default -> "mastectomy";
            };
        b.t("Status post ");
        b.fact(
            phrase,
            "procedure",
            vocab.pcs(p.surgery).name(),
            "ICD10PCS:" + p.surgery,
            "",
            "",
            "",
            false,
            false,
            true,
            "patient",
            true);
        b.t(" in " + proc.get().date().getYear() + ". ");
      }
    }
    for (Condition c : p.conditions) {
      if (!c.structured()
          && !c.key().equals("METASTASIS")
          && c.start().isAfter(p.diagnosisDate)
          && !c.start().isAfter(date)) {
        Surface s = surface(c.key());
        b.t("Newly noted ");
        b.affirmed(s.full(), "condition", s.concept(), "ICD10CM:" + c.code(), false);
        b.t(". ");
      }
    }
    b.t("\n\nLabs:\n");
    List<String> shown = new ArrayList<>();
    for (String loinc :
        List.of(
            PatientSimulator.HBA1C,
            PatientSimulator.CREATININE,
            PatientSimulator.HEMOGLOBIN,
            PatientSimulator.ANC,
            PatientSimulator.PLATELETS,
            PatientSimulator.EGFR_LAB)) {
      Lab l = p.latestLab(loinc, date);
      if (l == null || !l.date().equals(date) || rng.nextDouble() < 0.2) {
        continue;
      }
      shown.add(loinc);
      if (shown.size() > 1) {
        b.t(", ");
      }
      String v = LabFormat.format(l);
      String text = LabFormat.noteLabel(loinc) + " " + v + LabFormat.noteUnit(loinc);
      b.fact(
          text,
          "lab",
          l.loinc().abbreviation(),
          "LOINC:" + loinc,
          v,
          l.loinc().unit(),
          "",
          false,
          false,
          false,
          "patient",
          true);
    }
    if (shown.isEmpty()) {
      b.t("No labs drawn today.");
    }
    b.t("\n\nMolecular / Biomarkers:\n");
    biomarkers(b, p, rng);
    b.t("\n\nPerformance status: ");
    b.fact(
        "ECOG " + p.ecog,
        "performance",
        "ECOG performance status",
        "LOINC:89247-1",
        Integer.toString(p.ecog),
        "{score}",
        "",
        false,
        false,
        false,
        "patient",
        p.ecogStructured);
    b.t("\n");
    if (p.pregnant) {
      // Not "Pregnancy: currently pregnant": the label would be a second mention of one fact.
      b.t("Reproductive status: ");
      b.fact(
          "currently pregnant",
          "pregnancy",
          "pregnancy",
          "LOINC:82810-3",
          "",
          "",
          "pregnant",
          false,
          false,
          false,
          "patient",
          p.observations.stream()
              .anyMatch(
                  o -> o.source().equals(PatientSimulator.PREGNANCY) && !o.date().isAfter(date)));
      b.t(".\n");
    }
    b.t("\nAssessment/Plan:\n");
    String dx = cancerPhrase(p, true);
    primary(b, p, dx.substring(0, 1).toUpperCase(Locale.ROOT) + dx.substring(1));
    b.t(", ");
    b.t(
        switch (p.response) {
          case "CR" -> "complete response on restaging. ";
          case "PR" -> "partial response on restaging. ";
          case "SD" -> "stable disease on restaging. ";
          default -> "progressive disease on restaging. ";
        });
    b.t("Continue current plan and follow up in 3 weeks.\n");
    return new Note(noteId, date, "Progress note", b.sb.toString(), b.facts, b.ids);
  }

  private void biomarkers(Builder b, PatientState p, SplittableRandom rng) {
    boolean any = false;
    String source = p.sequenced ? "NGS panel: " : "Outside molecular report: ";
    boolean outsideKnown = !p.sequenced && rng.nextDouble() < 0.9;
    if (p.sequenced || outsideKnown) {
      b.t(source);
      for (Carried c : p.variants) {
        if (c.hotspot().gene().equals("TP53") && rng.nextBoolean()) {
          continue;
        }
        if (any) {
          b.t("; ");
        }
        any = true;
        String label =
            switch (c.hotspot().variantClass()) {
              case "AMP" -> "ERBB2 amplification";
              case "FUSION" -> "EML4-ALK fusion";
              default -> c.hotspot().gene() + " " + c.hotspot().proteinChange();
            };
        b.fact(
            label,
            "biomarker",
            biomarkerConcept(c),
            "HGNC:" + c.hotspot().gene(),
            "",
            "",
            c.hotspot().id(),
            false,
            false,
            false,
            "patient",
            p.sequenced);
        b.t(" detected");
      }
      if (p.cancer == Cancer.NSCLC && !p.carries("ALK_EML4_FUSION")) {
        b.t(any ? ". " : "");
        any = true;
        b.fact(
            "ALK rearrangement",
            "biomarker",
            "ALK fusion",
            "HGNC:ALK",
            "",
            "",
            "ALK_EML4_FUSION",
            true,
            false,
            false,
            "patient",
            false);
        b.t(" negative");
      }
      if (p.cancer == Cancer.NSCLC
          && !p.carries("EGFR_L858R")
          && !p.carries("EGFR_EX19DEL")
          && rng.nextBoolean()) {
        b.t(any ? ". " : "");
        any = true;
        b.t("No ");
        b.fact(
            "EGFR mutation",
            "biomarker",
            "EGFR sensitising mutation",
            "HGNC:EGFR",
            "",
            "",
            "",
            true,
            false,
            false,
            "patient",
            false);
        b.t(" identified");
      }
      if (!any) {
        b.t("no actionable alterations");
        any = true;
      }
      b.t(". ");
    } else {
      b.t("Molecular testing pending. ");
    }
    if (!Double.isNaN(p.pdl1)) {
      String v = Integer.toString((int) p.pdl1);
      b.fact(
          "PD-L1 TPS " + v + "%",
          "biomarker",
          "PD-L1 TPS",
          "HGNC:CD274",
          v,
          "%",
          "",
          false,
          false,
          false,
          "patient",
          false);
      b.t(". ");
    }
    if (!p.her2Ihc.isEmpty()) {
      b.fact(
          "HER2 " + p.her2Ihc,
          "biomarker",
          "HER2 IHC",
          "HGNC:ERBB2",
          "",
          "",
          p.her2Ihc,
          false,
          false,
          false,
          "patient",
          false);
      b.t(" by IHC. ");
    }
    if (p.erPositive != null) {
      b.fact(
          p.erPositive ? "ER positive" : "ER negative",
          "biomarker",
          "estrogen receptor",
          "HGNC:ESR1",
          "",
          "",
          p.erPositive ? "positive" : "negative",
          !p.erPositive,
          false,
          false,
          "patient",
          false);
      b.t(". ");
    }
  }

  private static String biomarkerConcept(Carried c) {
    return switch (c.hotspot().variantClass()) {
      case "AMP" -> "ERBB2 amplification";
      case "FUSION" -> "ALK fusion";
      default -> c.hotspot().gene() + " " + c.hotspot().proteinChange();
    };
  }
}
