package dev.stratum.datasets.synth;

import dev.stratum.core.model.Sex;
import dev.stratum.datasets.synth.PatientState.Carried;
import dev.stratum.datasets.synth.PatientState.Condition;
import dev.stratum.datasets.synth.PatientState.DrugExposure;
import dev.stratum.datasets.synth.PatientState.FamilyHistory;
import dev.stratum.datasets.synth.PatientState.Lab;
import dev.stratum.datasets.synth.PatientState.Observation;
import dev.stratum.datasets.synth.PatientState.Procedure;
import dev.stratum.datasets.synth.StratumProfile.Cancer;
import dev.stratum.datasets.synth.StratumProfile.VariantGroup;
import dev.stratum.datasets.synth.Vocabulary.Loinc;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one patient's true state from the generative model described in docs/dataset-card.md. A
 * patient depends only on its own {@link SplittableRandom} stream (split from the master seed in
 * patient order), so the cohort does not depend on thread count.
 */
final class PatientSimulator {

  /** Share of patients with tumour sequencing (a column in the VCF). */
  static final double SEQUENCED = 0.88;

  /** Share of patients who declined research use. */
  static final double RESEARCH_DECLINED = 0.08;

  /** Share of patients given immunotherapy (pembrolizumab), independent of stratum. */
  static final double TREATED = 0.5;

  /** Share of comorbidities recorded in condition_occurrence (the rest are in notes only). */
  static final double COMORBIDITY_STRUCTURED = 0.8;

  /** Annual hazard of loss to follow-up (exponential censoring). */
  static final double LOSS_TO_FOLLOW_UP_PER_YEAR = 0.04;

  static final String HBA1C = "4548-4";
  static final String GLUCOSE = "2345-7";
  static final String CREATININE = "2160-0";
  static final String EGFR_LAB = "98979-8";
  static final String ALT = "1742-6";
  static final String AST = "1920-8";
  static final String BILIRUBIN = "1975-2";
  static final String HEMOGLOBIN = "718-7";
  static final String PLATELETS = "777-3";
  static final String WBC = "6690-2";
  static final String ANC = "751-8";
  static final String ALBUMIN = "1751-7";
  static final String LDH = "2532-0";
  static final String CEA = "2039-6";

  static final String ECOG = "89247-1";
  static final String SMOKING = "72166-2";
  static final String PREGNANCY = "82810-3";
  static final String CONSENT_RESEARCH = "STRATUM:consent_research";
  static final String CONSENT_CARE = "STRATUM:consent_direct_care";
  static final String CONSENT_COMMERCIAL = "STRATUM:consent_commercial";
  static final String RESPONSE = "STRATUM:best_overall_response";

  private static final String[] RACES = {
    "White",
    "Black or African American",
    "Asian",
    "American Indian or Alaska Native",
    "Native Hawaiian or Other Pacific Islander",
    "Unknown"
  };
  private static final int[] RACE_CONCEPTS = {8527, 8516, 8515, 8657, 8557, 0};
  private static final double[] RACE_P = {0.66, 0.13, 0.07, 0.01, 0.005, 0.125};
  private static final double[] RACE_P_RTK = {0.55, 0.10, 0.25, 0.01, 0.005, 0.085};

  private static final String[] FIRST_F = {
    "Mary", "Linda", "Susan", "Karen", "Nancy", "Maria", "Aisha", "Mei", "Priya", "Olga", "Fatima",
    "Grace", "Ruth", "Elena", "Keiko", "Joan", "Rosa", "Hannah", "Ingrid", "Amara"
  };
  private static final String[] FIRST_M = {
    "James", "Robert", "John", "David", "William", "Carlos", "Wei", "Rahul", "Ahmed", "Ivan",
    "Kofi", "Thomas", "Daniel", "Hiroshi", "Luis", "Samuel", "Peter", "Omar", "George", "Andre"
  };
  private static final String[] LAST = {
    "Smith",
    "Johnson",
    "Garcia",
    "Nguyen",
    "Patel",
    "Kim",
    "Okafor",
    "Rossi",
    "Kowalski",
    "Chen",
    "Müller",
    "O'Brien",
    "Hernandez",
    "Jackson",
    "Lee",
    "Singh",
    "Cohen",
    "Ivanova",
    "Haddad",
    "Tanaka",
    "Brown",
    "Wilson",
    "Lopez",
    "Moore",
    "Martin"
  };
  private static final String[] STREETS = {
    "Maple Ave",
    "Oak St",
    "Cedar Ln",
    "Elm St",
    "Pine Rd",
    "Lakeview Dr",
    "Hillcrest Blvd",
    "River Rd",
    "Washington St",
    "Park Pl"
  };
  private static final String[] CITIES = {
    "Springfield, IL 62704",
    "Madison, WI 53703",
    "Columbus, OH 43215",
    "Portland, OR 97205",
    "Austin, TX 78701",
    "Raleigh, NC 27601",
    "Albany, NY 12207",
    "Boise, ID 83702"
  };

  private final Vocabulary vocab;
  private final double[] strataWeights;
  private final LocalDate asOf;

  PatientSimulator(GeneratorOptions options) {
    this.vocab = Vocabulary.get();
    this.strataWeights = StratumProfile.weights(options.strata());
    this.asOf = options.asOf();
  }

  PatientState simulate(long personId, SplittableRandom rng) {
    PatientState p = new PatientState();
    p.personId = personId;
    p.stratum = categorical(rng, strataWeights);
    int s = p.stratum;
    int base = StratumProfile.base(s);
    p.cancer = Cancer.values()[categorical(rng, StratumProfile.cancerProbabilities(s))];
    p.sex =
        p.cancer == Cancer.BREAST
            ? Sex.FEMALE
            : rng.nextDouble() < (p.cancer == Cancer.NSCLC ? 0.52 : 0.50) ? Sex.MALE : Sex.FEMALE;
    p.diagnosisDate = asOf.minusDays(30 + rng.nextInt(6 * 365));
    double ageAtDx = clip((p.cancer == Cancer.BREAST ? 58 : 66) + 10 * rng.nextGaussian(), 28, 89);
    p.birthDate = p.diagnosisDate.minusDays((long) Math.floor(ageAtDx * 365.25));
    int race = categorical(rng, base == 1 ? RACE_P_RTK : RACE_P);
    p.race = RACES[race];
    p.raceConcept = RACE_CONCEPTS[race];
    boolean hispanic = rng.nextDouble() < 0.17;
    p.ethnicity = hispanic ? "Hispanic or Latino" : "Not Hispanic or Latino";
    p.ethnicityConcept = hispanic ? 38003563 : 38003564;

    smoking(p, rng, base);
    p.cancerCode = cancerCode(p.cancer, rng);
    p.metastatic = rng.nextDouble() < StratumProfile.metastaticProbability(s);
    p.observationStart = p.diagnosisDate.minusDays(365 + rng.nextInt(3 * 365));
    int ecog0 = categorical(rng, new double[] {0.35, 0.40, 0.15, 0.08, 0.02});
    p.ecog = Math.min(4, ecog0 + (p.metastatic && rng.nextDouble() < 0.3 ? 1 : 0));
    p.ecogStructured = rng.nextDouble() < 0.9;

    // Survival first: every later record must end by the observation end.
    p.treated = rng.nextDouble() < TREATED;
    double age = ageAtDx;
    double lambda =
        Math.log(2)
            / (StratumProfile.medianSurvivalMonths(s) * 30.4375)
            * (p.treated ? StratumProfile.treatmentHazardRatio(s) : 1.0)
            * (p.metastatic ? 1.3 : 0.45)
            * Math.exp(0.02 * (age - 65))
            * Math.exp(0.25 * p.ecog);
    double trueTime = -Math.log(1 - rng.nextDouble()) / lambda;
    long adminCensor = ChronoUnit.DAYS.between(p.diagnosisDate, asOf);
    double lost = -Math.log(1 - rng.nextDouble()) / (LOSS_TO_FOLLOW_UP_PER_YEAR / 365.25);
    double censor = Math.min(adminCensor, lost);
    p.trueDeathDays = trueTime;
    if (trueTime <= censor) {
      p.died = true;
      p.timeDays = Math.max(1, (long) Math.floor(trueTime));
      p.deathDate = p.diagnosisDate.plusDays(p.timeDays);
    } else {
      p.timeDays = (long) Math.floor(censor);
      p.deathDate = null;
    }
    if (trueTime <= adminCensor) {
      p.trueDeathDate = p.diagnosisDate.plusDays(Math.max(1, (long) Math.floor(trueTime)));
    }
    p.observationEnd = p.diagnosisDate.plusDays(p.timeDays);
    p.response =
        rng.nextDouble() < StratumProfile.responseProbability(s, p.treated)
            ? (rng.nextDouble() < 0.2 ? "CR" : "PR")
            : (rng.nextDouble() < 0.55 ? "SD" : "PD");
    p.responseDate = p.diagnosisDate.plusDays(84 + rng.nextInt(42));
    double progressionDays =
        -Math.log(1 - rng.nextDouble())
            / (lambda * (p.response.equals("PD") ? 4.0 : p.response.equals("SD") ? 2.0 : 1.2));
    LocalDate progression = p.diagnosisDate.plusDays((long) progressionDays + 30);

    comorbidities(p, rng, age);
    metastases(p, rng);
    variants(p, rng, s);
    biomarkers(p, rng, base);
    familyHistory(p, rng, base);
    drugs(p, rng, progression);
    procedures(p, rng);
    labs(p, rng, s);
    observations(p, rng);
    identifiers(p, rng);
    return p;
  }

  // ---------------------------------------------------------------------------------------------

  private static void smoking(PatientState p, SplittableRandom rng, int base) {
    double[] probs =
        base == 1
            ? new double[] {0.55, 0.35, 0.10}
            : p.cancer == Cancer.NSCLC
                ? new double[] {0.12, 0.55, 0.33}
                : new double[] {0.50, 0.35, 0.15};
    p.smoking = new String[] {"never", "former", "current"}[categorical(rng, probs)];
    p.packYears = p.smoking.equals("never") ? 0 : 5 + rng.nextInt(50);
  }

  private static String cancerCode(Cancer c, SplittableRandom rng) {
    String[] codes =
        switch (c) {
          case NSCLC -> new String[] {"C34.11", "C34.12", "C34.31", "C34.32", "C34.90", "C34.10"};
          case BREAST -> new String[] {"C50.911", "C50.912", "C50.411", "C50.412"};
          case COLORECTAL -> new String[] {"C18.7", "C18.2", "C18.0", "C18.9", "C20"};
        };
    return codes[rng.nextInt(codes.length)];
  }

  private LocalDate onset(PatientState p, SplittableRandom rng) {
    long span = ChronoUnit.DAYS.between(p.observationStart, p.diagnosisDate) + 180;
    LocalDate d = p.observationStart.plusDays(rng.nextLong(Math.max(1, span)));
    return d.isAfter(p.observationEnd) ? p.observationEnd : d;
  }

  private void comorbidity(PatientState p, SplittableRandom rng, String key, String code) {
    boolean structured = rng.nextDouble() < (key.equals("HTN") ? 0.9 : COMORBIDITY_STRUCTURED);
    p.conditions.add(new Condition(key, code, onset(p, rng), structured));
  }

  private void comorbidities(PatientState p, SplittableRandom rng, double age) {
    double a = age - 60;
    boolean male = p.sex == Sex.MALE;
    boolean obese = rng.nextDouble() < 0.22;
    boolean t2dm = rng.nextDouble() < clip(0.15 + 0.005 * a + (obese ? 0.12 : 0), 0.05, 0.45);
    boolean htn = rng.nextDouble() < clip(0.30 + 0.008 * a, 0.1, 0.7);
    boolean ckd = rng.nextDouble() < 0.06 + (t2dm ? 0.10 : 0) + (htn ? 0.05 : 0);
    boolean ckd4 = ckd && rng.nextDouble() < 0.2;
    p.ckdStage = ckd ? (ckd4 ? 4 : 3) : 0;
    p.hba1cMean =
        t2dm
            ? clip(7.8 + 1.2 * rng.nextGaussian(), 6.2, 12.5)
            : clip(5.4 + 0.3 * rng.nextGaussian(), 4.5, 6.1);
    if (t2dm) {
      String code = ckd ? "E11.22" : p.hba1cMean > 8.5 ? "E11.65" : "E11.9";
      comorbidity(p, rng, "T2DM", code);
    }
    if (htn) {
      comorbidity(p, rng, "HTN", "I10");
    }
    if (obese) {
      comorbidity(p, rng, "OBESITY", "E66.9");
    }
    if (ckd) {
      comorbidity(p, rng, "CKD", ckd4 ? "N18.4" : "N18.30");
    }
    if (rng.nextDouble() < 0.35) {
      comorbidity(p, rng, "HLD", "E78.5");
    }
    if (rng.nextDouble() < clip(0.05 + 0.003 * a, 0.01, 0.2)) {
      comorbidity(p, rng, "CHF", rng.nextBoolean() ? "I50.9" : "I50.22");
    }
    if (rng.nextDouble() < clip(0.05 + 0.002 * a + (male ? 0.02 : 0), 0.01, 0.2)) {
      comorbidity(p, rng, "MI", "I21.4");
    }
    double copd = p.smoking.equals("current") ? 0.25 : p.smoking.equals("former") ? 0.15 : 0.03;
    if (rng.nextDouble() < copd) {
      comorbidity(p, rng, "COPD", "J44.9");
    }
    if (rng.nextDouble() < (male ? 0.04 : 0.10)) {
      comorbidity(p, rng, "HYPOTHYROID", "E03.9");
    }
    if (rng.nextDouble() < 0.12) {
      comorbidity(p, rng, "DEPRESSION", "F32.9");
    }
    if (rng.nextDouble() < clip(0.04 + 0.003 * a, 0.01, 0.2)) {
      comorbidity(p, rng, "AF", "I48.91");
    }
    if (rng.nextDouble() < 0.005) {
      comorbidity(p, rng, "HIV", "B20");
    }
    if (rng.nextDouble() < 0.01) {
      comorbidity(p, rng, "HEPC", "B18.2");
    }
    if (rng.nextDouble() < 0.015) {
      comorbidity(p, rng, "RA", "M06.9");
    }
  }

  private void metastases(PatientState p, SplittableRandom rng) {
    if (!p.metastatic) {
      return;
    }
    double brain = p.cancer == Cancer.NSCLC ? 0.25 : 0.06;
    double liver = p.cancer == Cancer.COLORECTAL ? 0.6 : 0.25;
    double bone = p.cancer == Cancer.COLORECTAL ? 0.1 : 0.4;
    double lung = p.cancer == Cancer.NSCLC ? 0.0 : 0.3;
    int n = 0;
    if (rng.nextDouble() < brain) {
      metastasis(p, rng, "C79.31");
      n++;
    }
    if (rng.nextDouble() < liver) {
      metastasis(p, rng, "C78.7");
      p.liverMets = true;
      n++;
    }
    if (rng.nextDouble() < bone) {
      metastasis(p, rng, "C79.51");
      n++;
    }
    if (rng.nextDouble() < lung || n == 0) {
      metastasis(p, rng, p.cancer == Cancer.NSCLC ? "C79.51" : "C78.00");
    }
  }

  private static void metastasis(PatientState p, SplittableRandom rng, String code) {
    for (Condition c : p.conditions) {
      if (c.code().equals(code)) {
        return;
      }
    }
    LocalDate d = p.diagnosisDate.plusDays(rng.nextInt(21));
    if (d.isAfter(p.observationEnd)) {
      d = p.observationEnd;
    }
    p.conditions.add(new Condition("METASTASIS", code, d, rng.nextDouble() < 0.85));
  }

  private void variants(PatientState p, SplittableRandom rng, int stratum) {
    p.sequenced = rng.nextDouble() < SEQUENCED;
    p.sequencingDate = p.diagnosisDate.plusDays(7 + rng.nextInt(21));
    if (p.sequencingDate.isAfter(p.observationEnd)) {
      p.sequencingDate = p.observationEnd;
    }
    int base = StratumProfile.base(stratum);
    for (VariantGroup g : StratumProfile.VARIANT_GROUPS) {
      double u = rng.nextDouble();
      double cum = 0;
      for (int i = 0; i < g.ids().size(); i++) {
        cum += g.prevalence()[base][i];
        if (u < cum) {
          addVariant(p, rng, g.ids().get(i));
          break;
        }
      }
    }
    if ((p.carries("EGFR_L858R") || p.carries("EGFR_EX19DEL"))
        && rng.nextDouble() < StratumProfile.T790M_GIVEN_EGFR) {
      addVariant(p, rng, "EGFR_T790M");
    }
  }

  private void addVariant(PatientState p, SplittableRandom rng, String id) {
    Vocabulary.Hotspot h = vocab.hotspot(id);
    boolean structural = h.variantClass().equals("AMP") || h.variantClass().equals("FUSION");
    double vaf = structural ? 0.10 + 0.8 * rng.nextDouble() : 0.05 + 0.55 * rng.nextDouble();
    p.variants.add(new Carried(h, Math.round(vaf * 1000) / 1000.0));
  }

  private static void biomarkers(PatientState p, SplittableRandom rng, int base) {
    if (p.cancer == Cancer.NSCLC && rng.nextDouble() < 0.8) {
      double[] probs =
          base == 0
              ? new double[] {0.20, 0.35, 0.45}
              : base == 1 ? new double[] {0.45, 0.35, 0.20} : new double[] {0.30, 0.35, 0.35};
      int band = categorical(rng, probs);
      p.pdl1 = band == 0 ? 0 : band == 1 ? 1 + rng.nextInt(49) : 50 + rng.nextInt(51);
    }
    if (p.cancer == Cancer.BREAST) {
      if (p.carries("ERBB2_AMP")) {
        p.her2Ihc = rng.nextDouble() < 0.8 ? "3+" : "2+";
      } else {
        p.her2Ihc =
            new String[] {"0", "1+", "2+"}[categorical(rng, new double[] {0.5, 0.35, 0.15})];
      }
      p.erPositive = rng.nextDouble() < (base == 2 ? 0.45 : 0.75);
    }
  }

  private static void familyHistory(PatientState p, SplittableRandom rng, int base) {
    if (rng.nextDouble() < (base == 2 ? 0.35 : 0.10)) {
      String rel = rng.nextBoolean() ? "mother" : "sister";
      p.familyHistory.add(
          new FamilyHistory(
              rel, "breast cancer", "Z80.3", "breast cancer", rng.nextDouble() < 0.3));
    }
    if (rng.nextDouble() < 0.08) {
      String rel = rng.nextBoolean() ? "father" : "brother";
      p.familyHistory.add(
          new FamilyHistory(rel, "colon cancer", "Z80.0", "colon cancer", rng.nextDouble() < 0.3));
    }
    if (rng.nextDouble() < 0.06) {
      p.familyHistory.add(
          new FamilyHistory(
              "father", "lung cancer", "Z80.1", "lung cancer", rng.nextDouble() < 0.3));
    }
    if (rng.nextDouble() < 0.18) {
      p.familyHistory.add(
          new FamilyHistory(
              rng.nextBoolean() ? "mother" : "father",
              "type 2 diabetes mellitus",
              "Z83.3",
              "diabetes",
              rng.nextDouble() < 0.3));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Drugs

  private void course(PatientState p, String drug, LocalDate start, LocalDate end, String route) {
    if (start.isAfter(p.observationEnd)) {
      return;
    }
    if (start.isBefore(p.observationStart)) {
      start = p.observationStart;
    }
    LocalDate e = end.isAfter(p.observationEnd) ? p.observationEnd : end;
    if (e.isBefore(start)) {
      e = start;
    }
    p.drugs.add(new DrugExposure(vocab.drug(drug), start, e, route));
  }

  private void cycles(
      PatientState p, List<String> drugs, LocalDate first, int n, int every, LocalDate stop) {
    for (int c = 0; c < n; c++) {
      LocalDate d = first.plusDays((long) c * every);
      if (d.isAfter(stop) || d.isAfter(p.observationEnd)) {
        break;
      }
      for (String drug : drugs) {
        course(p, drug, d, d, "intravenous");
      }
    }
  }

  /** Monthly fills of an oral drug from {@code start} until {@code stop}. */
  private void fills(PatientState p, String drug, LocalDate start, LocalDate stop) {
    for (LocalDate d = start;
        !d.isAfter(stop) && !d.isAfter(p.observationEnd);
        d = d.plusDays(30)) {
      course(p, drug, d, d.plusDays(29), "oral");
    }
  }

  private void drugs(PatientState p, SplittableRandom rng, LocalDate progression) {
    LocalDate start = p.diagnosisDate.plusDays(21 + rng.nextInt(21));
    p.firstLineStart = start;
    int n = 4 + rng.nextInt(3);
    LocalDate end = p.observationEnd;
    switch (p.cancer) {
      case NSCLC ->
          cycles(
              p,
              rng.nextBoolean()
                  ? List.of("carboplatin", "pemetrexed")
                  : List.of("carboplatin", "paclitaxel"),
              start,
              n,
              21,
              end);
      case BREAST -> {
        cycles(p, List.of("doxorubicin", "cyclophosphamide"), start, 4, 21, end);
        cycles(p, List.of("paclitaxel"), start.plusDays(84), 12, 7, end);
      }
      case COLORECTAL ->
          cycles(
              p,
              rng.nextBoolean() ? List.of("fluorouracil", "oxaliplatin") : List.of("oxaliplatin"),
              start,
              n + 2,
              14,
              end);
    }
    if (p.cancer == Cancer.COLORECTAL && !p.drugs.isEmpty() && rng.nextDouble() < 0.3) {
      fills(p, "capecitabine", start.plusDays(120), start.plusDays(300));
    }
    if (p.treated) {
      cycles(p, List.of("pembrolizumab"), start, 35, 21, progression.plusDays(21));
    }
    // Targeted therapy for actionable alterations the clinic knows of.
    String targeted = null;
    if (p.cancer == Cancer.NSCLC && (p.carries("EGFR_L858R") || p.carries("EGFR_EX19DEL"))) {
      targeted = p.carries("EGFR_T790M") || rng.nextBoolean() ? "osimertinib" : "erlotinib";
    } else if (p.cancer == Cancer.NSCLC && p.carries("ALK_EML4_FUSION")) {
      targeted = "alectinib";
    } else if (p.cancer == Cancer.NSCLC && p.carries("KRAS_G12C")) {
      targeted = "sotorasib";
    } else if (p.carries("BRAF_V600E") && p.cancer != Cancer.BREAST) {
      targeted = "dabrafenib";
    } else if (p.cancer == Cancer.BREAST && p.her2Positive()) {
      targeted = "trastuzumab";
    } else if (p.cancer == Cancer.BREAST
        && (p.carries("BRCA1_E23FS") || p.carries("BRCA2_S1982FS"))) {
      targeted = "olaparib";
    } else if (p.cancer == Cancer.BREAST
        && (p.carries("PIK3CA_H1047R") || p.carries("PIK3CA_E545K"))) {
      targeted = "alpelisib";
    }
    if (targeted != null && rng.nextDouble() < targetedUptake(targeted, p.cancer)) {
      LocalDate t0 = p.diagnosisDate.plusDays(35 + rng.nextInt(60));
      if (targeted.equals("trastuzumab")) {
        cycles(p, List.of("trastuzumab"), t0, 17, 21, end);
      } else {
        fills(p, targeted, t0, progression.plusDays(60));
        if (targeted.equals("dabrafenib")) {
          fills(p, "trametinib", t0, progression.plusDays(60));
        }
      }
    }
    if (p.cancer == Cancer.BREAST && Boolean.TRUE.equals(p.erPositive)) {
      LocalDate h0 = start.plusDays(200 + rng.nextInt(60));
      String drug = p.ageOn(h0) >= 55 ? "letrozole" : "tamoxifen";
      for (LocalDate d = h0; !d.isAfter(end); d = d.plusDays(90)) {
        course(p, drug, d, d.plusDays(89), "oral");
      }
    }
    // Second line at progression.
    if (progression.isBefore(p.observationEnd)) {
      LocalDate s2 = progression.plusDays(14 + rng.nextInt(14));
      List<String> second =
          switch (p.cancer) {
            case NSCLC -> List.of("docetaxel");
            case BREAST -> List.of("capecitabine");
            case COLORECTAL -> List.of("irinotecan", "fluorouracil");
          };
      if (p.cancer == Cancer.BREAST) {
        fills(p, "capecitabine", s2, s2.plusDays(150));
      } else {
        cycles(p, second, s2, 4 + rng.nextInt(3), p.cancer == Cancer.NSCLC ? 21 : 14, end);
      }
      if (p.cancer == Cancer.COLORECTAL && rng.nextDouble() < 0.5) {
        cycles(
            p,
            List.of(p.carries("KRAS_G12C") || p.carries("KRAS_G12D") ? "bevacizumab" : "cetuximab"),
            s2,
            6,
            14,
            end);
      }
    }
    // Chronic medications for comorbidities: one course from onset to the end of observation.
    List<String> chronic = new ArrayList<>();
    for (Condition c : p.conditions) {
      switch (c.key()) {
        case "T2DM" -> {
          if (p.ckdStage < 4 && rng.nextDouble() < 0.85) {
            chronic.add("metformin");
          }
          if (rng.nextDouble() < (p.hba1cMean > 8.5 ? 0.5 : 0.15)) {
            chronic.add("insulin glargine");
          }
          if (rng.nextDouble() < 0.2) {
            chronic.add("empagliflozin");
          }
        }
        case "HTN" -> chronic.add(rng.nextDouble() < 0.6 ? "lisinopril" : "amlodipine");
        case "HLD", "MI" -> chronic.add("atorvastatin");
        case "CHF" -> {
          chronic.add("metoprolol");
          if (rng.nextDouble() < 0.7) {
            chronic.add("furosemide");
          }
        }
        case "AF" -> chronic.add("apixaban");
        case "COPD" -> chronic.add(rng.nextDouble() < 0.6 ? "tiotropium" : "albuterol");
        case "HYPOTHYROID" -> chronic.add("levothyroxine");
        case "DEPRESSION" -> {
          if (rng.nextDouble() < 0.6) {
            chronic.add("sertraline");
          }
        }
        default -> {}
      }
      if (c.key().equals("MI")) {
        chronic.add("aspirin");
      }
    }
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < chronic.size(); i++) {
      String d = chronic.get(i);
      if (seen.contains(d)) {
        continue;
      }
      seen.add(d);
      LocalDate onset = p.observationEnd;
      for (Condition c : p.conditions) {
        if (!c.start().isAfter(onset)) {
          onset = c.start();
        }
      }
      course(
          p,
          d,
          onset.plusDays(rng.nextInt(30)),
          end,
          d.startsWith("insulin") ? "subcutaneous" : "oral");
    }
    p.drugs.sort(
        (a, b) -> {
          int c = a.start().compareTo(b.start());
          return c != 0 ? c : a.drug().name().compareTo(b.drug().name());
        });
  }

  /**
   * Share of carriers of an actionable alteration who receive the matching targeted drug: high
   * where it is standard first-line care (EGFR, ALK, HER2), lower where it is later-line or
   * off-label (KRAS G12C, BRAF in colorectal cancer, PARP and PI3K inhibitors).
   */
  static double targetedUptake(String drug, Cancer cancer) {
    return switch (drug) {
      case "osimertinib", "erlotinib", "alectinib", "trastuzumab" -> 0.8;
      case "sotorasib" -> 0.5;
      case "olaparib" -> 0.4;
      case "dabrafenib" -> cancer == Cancer.COLORECTAL ? 0.2 : 0.6;
      default -> 0.3;
    };
  }

  private void procedures(PatientState p, SplittableRandom rng) {
    LocalDate biopsy = p.diagnosisDate.minusDays(rng.nextInt(10));
    switch (p.cancer) {
      case NSCLC -> p.procedures.add(new Procedure("0BBC3ZX", biopsy));
      case COLORECTAL -> p.procedures.add(new Procedure("0DJD8ZZ", biopsy));
      case BREAST -> {}
    }
    if (!p.metastatic && rng.nextDouble() < 0.75) {
      LocalDate d = p.diagnosisDate.plusDays(14 + rng.nextInt(30));
      if (!d.isAfter(p.observationEnd)) {
        String code =
            switch (p.cancer) {
              case NSCLC -> "0BTC4ZZ";
              case BREAST -> p.cancerCode.endsWith("1") ? "0HTT0ZZ" : "0HTU0ZZ";
              case COLORECTAL -> "0DTN0ZZ";
            };
        p.procedures.add(new Procedure(code, d));
        p.surgery = code;
      }
    }
    LocalDate firstChemo = null;
    for (DrugExposure d : p.drugs) {
      if (d.drug().role().equals("chemotherapy") && d.route().equals("intravenous")) {
        firstChemo = d.start();
        break;
      }
    }
    if (firstChemo != null) {
      p.procedures.add(new Procedure("0JH63XZ", firstChemo.minusDays(3)));
      p.procedures.add(new Procedure("3E03305", firstChemo));
    }
    for (Condition c : p.conditions) {
      if (c.key().equals("MI") && rng.nextDouble() < 0.6) {
        p.procedures.add(new Procedure("027034Z", c.start()));
      }
      if (c.code().equals("N18.4") && rng.nextDouble() < 0.3) {
        p.procedures.add(new Procedure("5A1D70Z", c.start().plusDays(30)));
      }
    }
    p.procedures.removeIf(
        x -> x.date().isAfter(p.observationEnd) || x.date().isBefore(p.observationStart));
    p.procedures.sort((a, b) -> a.date().compareTo(b.date()));
  }

  // ---------------------------------------------------------------------------------------------
  // Labs

  /** Visit dates, oldest first: a baseline before diagnosis and up to 7 later visits. */
  private static List<LocalDate> visits(PatientState p, SplittableRandom rng) {
    List<LocalDate> back = new ArrayList<>();
    LocalDate d = p.observationEnd.minusDays(rng.nextInt(21));
    LocalDate floor = p.diagnosisDate.plusDays(7);
    while (!d.isBefore(floor) && back.size() < 7) {
      back.add(d);
      d = d.minusDays(45 + rng.nextInt(106));
    }
    List<LocalDate> out = new ArrayList<>();
    out.add(p.diagnosisDate.minusDays(7));
    for (int i = back.size() - 1; i >= 0; i--) {
      out.add(back.get(i));
    }
    return out;
  }

  private static final double[] DECIMALS_FACTOR = {1, 10, 100};

  private static double round(double x, int decimals) {
    double f = DECIMALS_FACTOR[decimals];
    return Math.round(x * f) / f;
  }

  /**
   * eGFR by the race-free CKD-EPI 2021 creatinine equation (Inker et al., N Engl J Med 2021;
   * 385:1737-49): 142 * min(Scr/k, 1)^a * max(Scr/k, 1)^-1.200 * 0.9938^age * 1.012 [female], k =
   * 0.7 (F) / 0.9 (M), a = -0.241 (F) / -0.302 (M).
   */
  static double ckdEpi2021(double creatinine, double age, boolean female) {
    double k = female ? 0.7 : 0.9;
    double a = female ? -0.241 : -0.302;
    double r = creatinine / k;
    return 142
        * Math.pow(Math.min(r, 1), a)
        * Math.pow(Math.max(r, 1), -1.200)
        * Math.pow(0.9938, age)
        * (female ? 1.012 : 1.0);
  }

  private void labs(PatientState p, SplittableRandom rng, int stratum) {
    boolean female = p.sex == Sex.FEMALE;
    boolean t2dm = p.hasConditionKey("T2DM");
    boolean hepc = p.hasConditionKey("HEPC");
    double creat =
        (female ? 0.8 : 1.0)
            * Math.exp(0.12 * rng.nextGaussian())
            * (p.ckdStage == 4 ? 3.2 : p.ckdStage == 3 ? 1.9 : 1.0);
    double liver = (p.liverMets ? 2.5 : 1.0) * (hepc ? 2.2 : 1.0);
    double alt = 24 * Math.exp(0.3 * rng.nextGaussian()) * liver;
    double ast = 23 * Math.exp(0.3 * rng.nextGaussian()) * liver;
    double bili = 0.6 * Math.exp(0.3 * rng.nextGaussian()) * (p.liverMets ? 1.8 : 1.0);
    double hgb =
        (female ? 13.1 : 14.6)
            + StratumProfile.hemoglobinShift(stratum)
            + (p.ckdStage > 0 ? -1.0 : 0)
            + 0.8 * rng.nextGaussian();
    double plt = 260 * Math.exp(0.2 * rng.nextGaussian());
    double wbc = 7.0 * Math.exp(0.2 * rng.nextGaussian());
    double alb = 4.0 - (p.metastatic ? 0.4 : 0) + 0.25 * rng.nextGaussian();
    double ldh =
        190
            * StratumProfile.ldhFactor(stratum)
            * (p.metastatic ? 1.3 : 1.0)
            * Math.exp(0.2 * rng.nextGaussian());
    double cea =
        (p.cancer == Cancer.COLORECTAL ? 6.0 * (p.metastatic ? 3 : 1) : 1.5)
            * StratumProfile.ceaFactor(stratum)
            * Math.exp(0.5 * rng.nextGaussian());
    double glucose = t2dm ? 28.7 * p.hba1cMean - 46.7 : 92 + 8 * rng.nextGaussian();
    List<LocalDate> visits = visits(p, rng);
    for (int v = 0; v < visits.size(); v++) {
      LocalDate d = visits.get(v);
      boolean last = v == visits.size() - 1;
      boolean chemo = false;
      for (DrugExposure x : p.drugs) {
        if (x.drug().role().equals("chemotherapy")
            && !x.start().isAfter(d)
            && x.start().isAfter(d.minusDays(21))) {
          chemo = true;
          break;
        }
      }
      double age = ChronoUnit.DAYS.between(p.birthDate, d) / 365.25;
      double cr = round(creat * Math.exp(0.06 * rng.nextGaussian()), 2);
      if (t2dm ? rng.nextDouble() < 0.6 || last : rng.nextDouble() < 0.25) {
        lab(p, HBA1C, d, round(clip(p.hba1cMean + 0.3 * rng.nextGaussian(), 4.0, 14.0), 1));
      }
      lab(p, GLUCOSE, d, round(clip(glucose + 15 * rng.nextGaussian(), 55, 450), 0));
      lab(p, CREATININE, d, Math.max(0.3, cr));
      lab(p, EGFR_LAB, d, round(ckdEpi2021(Math.max(0.3, cr), age, female), 0));
      lab(p, ALT, d, round(alt * Math.exp(0.15 * rng.nextGaussian()), 0));
      lab(p, AST, d, round(ast * Math.exp(0.15 * rng.nextGaussian()), 0));
      lab(p, BILIRUBIN, d, round(Math.max(0.1, bili * Math.exp(0.15 * rng.nextGaussian())), 1));
      lab(
          p,
          HEMOGLOBIN,
          d,
          round(clip(hgb - (chemo ? 0.8 : 0) + 0.4 * rng.nextGaussian(), 6, 19), 1));
      double w = wbc * (chemo ? 0.6 : 1.0) * Math.exp(0.12 * rng.nextGaussian());
      lab(
          p,
          PLATELETS,
          d,
          round(plt * (chemo ? 0.7 : 1.0) * Math.exp(0.1 * rng.nextGaussian()), 0));
      lab(p, WBC, d, round(w, 1));
      lab(p, ANC, d, round(w * (chemo ? 0.5 : 0.62), 2));
      lab(p, ALBUMIN, d, round(clip(alb + 0.15 * rng.nextGaussian(), 1.8, 5.5), 1));
      if (rng.nextDouble() < 0.3 || last) {
        lab(p, LDH, d, round(ldh * Math.exp(0.1 * rng.nextGaussian()), 0));
      }
      if (p.cancer == Cancer.COLORECTAL || rng.nextDouble() < 0.1) {
        lab(p, CEA, d, round(cea * Math.exp(0.15 * rng.nextGaussian()), 1));
      }
    }
    p.visits = visits;
  }

  private void lab(PatientState p, String loinc, LocalDate d, double value) {
    Loinc l = vocab.loinc(loinc);
    p.labs.add(new Lab(l, d, value));
  }

  // ---------------------------------------------------------------------------------------------

  private void observations(PatientState p, SplittableRandom rng) {
    List<LocalDate> visits = p.visits;
    LocalDate lastVisit = visits.get(visits.size() - 1);
    p.observations.add(new Observation(SMOKING, p.diagnosisDate, Double.NaN, p.smoking));
    if (visits.size() > 2 && rng.nextBoolean()) {
      int earlier = Math.max(0, p.ecog - (rng.nextBoolean() ? 1 : 0));
      p.observations.add(new Observation(ECOG, visits.get(1), earlier, ""));
    }
    if (p.ecogStructured) {
      p.observations.add(new Observation(ECOG, lastVisit, p.ecog, ""));
    }
    int ageNow = p.ageOn(lastVisit);
    if (p.sex == Sex.FEMALE && ageNow >= 18 && ageNow <= 50) {
      p.pregnant = rng.nextDouble() < 0.03;
      if (p.pregnant || rng.nextDouble() < 0.6) {
        if (!p.pregnant || rng.nextDouble() < 0.85) {
          p.observations.add(
              new Observation(
                  PREGNANCY, lastVisit, Double.NaN, p.pregnant ? "pregnant" : "not pregnant"));
        }
      }
    }
    if (!p.responseDate.isAfter(p.observationEnd)) {
      p.observations.add(new Observation(RESPONSE, p.responseDate, Double.NaN, p.response));
    }
    LocalDate consent = p.observationStart.plusDays(rng.nextInt(60));
    p.consentDate = consent;
    p.observations.add(new Observation(CONSENT_CARE, consent, Double.NaN, "granted"));
    p.researchConsent = rng.nextDouble() >= RESEARCH_DECLINED;
    if (!p.researchConsent && rng.nextDouble() < 0.3) {
      // Granted first, withdrawn later: the latest record wins.
      p.observations.add(new Observation(CONSENT_RESEARCH, consent, Double.NaN, "granted"));
      LocalDate later = consent.plusDays(200 + rng.nextInt(400));
      p.consentDate = later.isAfter(p.observationEnd) ? p.observationEnd : later;
    }
    p.observations.add(
        new Observation(
            CONSENT_RESEARCH,
            p.consentDate,
            Double.NaN,
            p.researchConsent ? "granted" : "declined"));
    boolean commercial = p.researchConsent && rng.nextDouble() < 0.6;
    p.observations.add(
        new Observation(
            CONSENT_COMMERCIAL, consent, Double.NaN, commercial ? "granted" : "declined"));
    p.observations.sort((a, b) -> a.date().compareTo(b.date()));
  }

  private static void identifiers(PatientState p, SplittableRandom rng) {
    String[] first = p.sex == Sex.FEMALE ? FIRST_F : FIRST_M;
    p.firstName = first[rng.nextInt(first.length)];
    p.lastName = LAST[rng.nextInt(LAST.length)];
    p.mrn = Integer.toString(10_000_000 + rng.nextInt(89_999_999));
    // 555-01xx numbers are reserved for fiction in the North American Numbering Plan.
    int line = rng.nextInt(100);
    p.phone = "(" + (200 + rng.nextInt(780)) + ") 555-01" + (line < 10 ? "0" : "") + line;
    String local =
        (p.firstName.charAt(0) + "." + p.lastName)
            .toLowerCase(java.util.Locale.ROOT)
            .replace("'", "")
            .replace("ü", "u");
    // example.org is reserved for documentation (RFC 2606).
    p.email = local + rng.nextInt(100) + "@example.org";
    p.address =
        (100 + rng.nextInt(9800))
            + " "
            + STREETS[rng.nextInt(STREETS.length)]
            + ", "
            + CITIES[rng.nextInt(CITIES.length)];
  }

  // ---------------------------------------------------------------------------------------------

  static int categorical(SplittableRandom rng, double[] p) {
    double u = rng.nextDouble();
    double cum = 0;
    for (int i = 0; i < p.length; i++) {
      cum += p[i];
      if (u < cum) {
        return i;
      }
    }
    return p.length - 1;
  }

  static double clip(double x, double lo, double hi) {
    return Math.max(lo, Math.min(hi, x));
  }
}
