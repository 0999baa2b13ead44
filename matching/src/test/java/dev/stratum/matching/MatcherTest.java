package dev.stratum.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.criteria.TimeWindow;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.model.Sex;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.EvidenceSpan;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.matching.MatchResult.PatientMatch;
import dev.stratum.matching.MatchResult.Result;
import dev.stratum.matching.MatchResult.Status;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Criterion semantics on small in-memory cohorts: one index per test, built from records, so every
 * expected status follows from the records written in the test.
 */
class MatcherTest {
  static final LocalDate D = LocalDate.of(2025, 6, 30);

  @TempDir Path dir;
  private int builds;

  private static PatientRecord.Builder patient(String id, Consumer<PatientRecord.Builder> f) {
    PatientRecord.Builder b =
        PatientRecord.builder(id)
            .person(Sex.FEMALE, LocalDate.of(1960, 1, 1), "", "")
            .consent(true, LocalDate.of(2020, 1, 1));
    f.accept(b);
    return b;
  }

  private Map<String, PatientMatch> run(List<PatientRecord.Builder> ps, MatchCriterion... cs) {
    return run(ps, MatchOptions.defaults().withEvaluationDate(D), cs);
  }

  private Map<String, PatientMatch> run(
      List<PatientRecord.Builder> ps, MatchOptions o, MatchCriterion... cs) {
    Path idx = dir.resolve("idx" + builds++);
    PatientIndex.build(idx, "snap-1", D, ps.stream().map(PatientRecord.Builder::build).toList());
    try (PatientIndex index = PatientIndex.open(idx)) {
      MatchResult r = Matcher.match(index, "T", List.of(cs), o);
      assertEquals(
          r.counts().total(), r.patients().size(), "every patient listed with the default limit");
      return r.patients().stream().collect(Collectors.toMap(PatientMatch::personId, p -> p));
    }
  }

  private static MatchCriterion crit(
      String id,
      CriterionKind kind,
      CriterionType type,
      String concept,
      List<Code> codes,
      Comparison op,
      double v,
      double v2,
      String unit,
      TimeWindow w) {
    return new MatchCriterion(
        id, kind, id + " text", type, concept, codes, false, op, v, v2, unit, w, "");
  }

  private static Result result(PatientMatch p, String id) {
    return p.criteria().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().result();
  }

  @Test
  void labThresholdConvertsUnitsAndMissingValueIsUnknown() {
    // Hb >= 9 g/dL; 95 g/L = 9.5 g/dL (met), 85 g/L = 8.5 g/dL (not met), none (unknown).
    var ps =
        List.of(
            patient("a", b -> b.measurement("718-7", D.minusDays(3), 95, "g/L", 160, "m")),
            patient("b", b -> b.measurement("718-7", D.minusDays(3), 85, "g/L", 160, "m")),
            patient("c", b -> {}));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.LAB,
                "hemoglobin",
                List.of(Code.of(CodeSystem.LOINC, "718-7")),
                Comparison.GE,
                9,
                Double.NaN,
                "g/dL",
                null));
    assertEquals(Result.MET, result(r.get("a"), "I1"));
    assertEquals(Status.ELIGIBLE, r.get("a").status());
    assertEquals(Result.NOT_MET, result(r.get("b"), "I1"));
    assertEquals(Status.INELIGIBLE, r.get("b").status());
    assertEquals(Result.UNKNOWN, result(r.get("c"), "I1"));
    assertEquals(Status.NEEDS_REVIEW, r.get("c").status());
    var ev = r.get("a").criteria().get(1).evidence().get(0);
    assertEquals(95, ev.value());
    assertEquals("g/L", ev.unit());
  }

  @Test
  void countUnitsConvertAndLatestValueDecides() {
    // Platelets >= 100,000 /uL = 100 x 10^9/L. Patient a: latest 150 x10^9/L (older 50);
    // patient b: latest 90 x10^9/L (older 200).
    var ps =
        List.of(
            patient(
                "a",
                b ->
                    b.measurement("777-3", D.minusDays(100), 50, "10*9/L", 400, "m")
                        .measurement("777-3", D.minusDays(5), 150, "10*9/L", 400, "m")),
            patient(
                "b",
                b ->
                    b.measurement("777-3", D.minusDays(100), 200, "10*9/L", 400, "m")
                        .measurement("777-3", D.minusDays(5), 90, "10*9/L", 400, "m")));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.LAB,
                "platelets",
                List.of(Code.of(CodeSystem.LOINC, "777-3")),
                Comparison.GE,
                100_000,
                Double.NaN,
                "/uL",
                null));
    assertEquals(Result.MET, result(r.get("a"), "I1"));
    assertEquals(Result.NOT_MET, result(r.get("b"), "I1"));
  }

  @Test
  void multiplesOfTheUpperLimitOfNormal() {
    // Creatinine <= 1.5 x ULN with ULN 1.0 mg/dL: 1.4 met, 1.6 not met.
    var ps =
        List.of(
            patient("a", b -> b.measurement("2160-0", D, 1.4, "mg/dL", 1.0, "m")),
            patient("b", b -> b.measurement("2160-0", D, 1.6, "mg/dL", 1.0, "m")));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.LAB,
                "creatinine",
                List.of(Code.of(CodeSystem.LOINC, "2160-0")),
                Comparison.LE,
                1.5,
                Double.NaN,
                "x ULN",
                null));
    assertEquals(Result.MET, result(r.get("a"), "I1"));
    assertEquals(Result.NOT_MET, result(r.get("b"), "I1"));
  }

  @Test
  void analyteGroupsMatchEgfrByAnyEquation() {
    // A criterion coded eGFR by MDRD (33914-3) reads a CKD-EPI 2021 value (98979-8).
    var ps =
        List.of(
            patient(
                "a", b -> b.measurement("98979-8", D, 50, "mL/min/{1.73_m2}", Double.NaN, "m")));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.LAB,
                "eGFR",
                List.of(Code.of(CodeSystem.LOINC, "33914-3")),
                Comparison.BETWEEN,
                30,
                59,
                "mL/min/{1.73_m2}",
                null));
    assertEquals(Result.MET, result(r.get("a"), "I1"));
  }

  @Test
  void drugWindowsCountOverlappingExposures() {
    // Chemotherapy (ATC L01) within 4 weeks of 2025-06-30, i.e. exposure overlapping
    // 2025-06-02..30.
    var ps =
        List.of(
            patient("recent", b -> b.drug("40048", D.minusDays(40), D.minusDays(10), "d")),
            patient("old", b -> b.drug("40048", D.minusDays(120), D.minusDays(60), "d")),
            patient("never", b -> {}));
    var r =
        run(
            ps,
            crit(
                "E1",
                CriterionKind.EXCLUSION,
                CriterionType.DRUG,
                "chemotherapy",
                List.of(Code.of(CodeSystem.ATC, "L01")),
                null,
                Double.NaN,
                Double.NaN,
                "",
                TimeWindow.of(4, "weeks")));
    assertEquals(Result.MET, result(r.get("recent"), "E1"));
    assertEquals(Status.INELIGIBLE, r.get("recent").status());
    assertEquals(Result.NOT_MET, result(r.get("old"), "E1"));
    assertEquals(Status.ELIGIBLE, r.get("old").status());
    assertEquals(Status.ELIGIBLE, r.get("never").status());
    assertEquals("absence", r.get("never").criteria().get(1).evidence().get(0).kind());
  }

  @Test
  void unspecifiedDiagnosisCodesStandForTheirCategoryAndWindowsApply() {
    // NSCLC parsed as C34.90 matches a C34.11 diagnosis; MI (I21.9) within 6 months.
    var ps =
        List.of(
            patient(
                "a",
                b ->
                    b.condition("C34.11", LocalDate.of(2024, 1, 5), null, "c")
                        .condition("I21.4", LocalDate.of(2025, 3, 1), null, "c")),
            patient(
                "b",
                b ->
                    b.condition("C34.11", LocalDate.of(2024, 1, 5), null, "c")
                        .condition("I21.4", LocalDate.of(2024, 3, 1), null, "c")),
            patient("c", b -> b.condition("C50.911", LocalDate.of(2024, 1, 5), null, "c")));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.CONDITION,
                "NSCLC",
                List.of(Code.of(CodeSystem.ICD10CM, "C34.90")),
                null,
                Double.NaN,
                Double.NaN,
                "",
                null),
            crit(
                "E1",
                CriterionKind.EXCLUSION,
                CriterionType.CONDITION,
                "MI",
                List.of(Code.of(CodeSystem.ICD10CM, "I21.9")),
                null,
                Double.NaN,
                Double.NaN,
                "",
                TimeWindow.of(6, "months")));
    assertEquals(Status.INELIGIBLE, r.get("a").status(), "MI 4 months ago excludes");
    assertEquals(Status.ELIGIBLE, r.get("b").status(), "MI 16 months ago does not");
    assertEquals(Result.NOT_MET, result(r.get("c"), "I1"));
  }

  @Test
  void aSubcategoryUnspecifiedCodeStandsForItsSubcategory() {
    // ICD-10-CM N18.30 "CKD stage 3 unspecified" (as the parser codes "CKD stage 3") covers the
    // stage 3a/3b codes N18.31 and N18.32, not stage 4 (N18.4).
    var ps =
        List.of(
            patient("a", b -> b.condition("N18.31", LocalDate.of(2024, 1, 5), null, "c")),
            patient("b", b -> b.condition("N18.32", LocalDate.of(2024, 1, 5), null, "c")),
            patient("c", b -> b.condition("N18.4", LocalDate.of(2024, 1, 5), null, "c")));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.CONDITION,
                "CKD stage 3",
                List.of(Code.of(CodeSystem.ICD10CM, "N18.30")),
                null,
                Double.NaN,
                Double.NaN,
                "",
                null));
    assertEquals(Result.MET, result(r.get("a"), "I1"));
    assertEquals(Result.MET, result(r.get("b"), "I1"));
    assertEquals(Result.NOT_MET, result(r.get("c"), "I1"));
  }

  private static NoteFact fact(
      String pid,
      String category,
      String concept,
      Code code,
      double value,
      String unit,
      String valueText,
      boolean negated,
      Experiencer who,
      String text) {
    return new NoteFact(
        pid + "-n1",
        pid,
        category,
        concept,
        code,
        value,
        unit,
        valueText,
        D.minusDays(10),
        new AssertionStatus(negated, false, false, who),
        new EvidenceSpan(pid + "-n1", 0, text.length(), text));
  }

  @Test
  void negatedNoteFactsExcludeAndFamilyHistoryDoesNotCount() {
    Code egfr = Code.of(CodeSystem.HGNC, "EGFR");
    var ps =
        List.of(
            patient("called", b -> b.variant("EGFR", "p.L858R", "SNV", "", 0.3)),
            patient(
                "negated",
                b -> {
                  String t = "No EGFR mutation identified.";
                  b.note("negated-n1", D.minusDays(10), "Progress note", t)
                      .fact(
                          fact(
                              "negated",
                              "biomarker",
                              "EGFR sensitising mutation",
                              egfr,
                              Double.NaN,
                              "",
                              "",
                              true,
                              Experiencer.PATIENT,
                              t));
                }),
            patient("untested", b -> {}),
            patient("genotyped", b -> b.variant("TP53", "p.R175H", "SNV", "", 0.4)));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.BIOMARKER,
                "EGFR",
                List.of(egfr),
                null,
                Double.NaN,
                Double.NaN,
                "",
                null));
    assertEquals(Status.ELIGIBLE, r.get("called").status());
    assertEquals(Result.NOT_MET, result(r.get("negated"), "I1"));
    assertEquals("negated", r.get("negated").criteria().get(1).evidence().get(0).assertion());
    assertEquals(
        "No EGFR mutation identified.",
        r.get("negated").criteria().get(1).evidence().get(0).text());
    assertEquals(Result.UNKNOWN, result(r.get("untested"), "I1"));
    assertEquals(Result.NOT_MET, result(r.get("genotyped"), "I1"));

    Code crc = Code.of(CodeSystem.ICD10CM, "C18.9");
    var fam =
        run(
            List.of(
                patient(
                    "fam",
                    b ->
                        b.fact(
                            fact(
                                "fam",
                                "condition",
                                "colon cancer",
                                crc,
                                Double.NaN,
                                "",
                                "",
                                false,
                                Experiencer.FAMILY,
                                "father had colon cancer")))),
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.CONDITION,
                "colon cancer",
                List.of(crc),
                null,
                Double.NaN,
                Double.NaN,
                "",
                null));
    assertEquals(Result.NOT_MET, result(fam.get("fam"), "I1"));
    assertEquals("family", fam.get("fam").criteria().get(1).evidence().get(0).assertion());
  }

  @Test
  void noteValuesAndPositivityDecideBiomarkers() {
    Code pdl1 = Code.of(CodeSystem.HGNC, "CD274");
    Code her2 = Code.of(CodeSystem.HGNC, "ERBB2");
    var ps =
        List.of(
            patient(
                "high",
                b ->
                    b.fact(
                            fact(
                                "high",
                                "biomarker",
                                "PD-L1 TPS",
                                pdl1,
                                60,
                                "%",
                                "",
                                false,
                                Experiencer.PATIENT,
                                "PD-L1 TPS 60%"))
                        .fact(
                            fact(
                                "high",
                                "biomarker",
                                "HER2 IHC",
                                her2,
                                Double.NaN,
                                "",
                                "3+",
                                false,
                                Experiencer.PATIENT,
                                "HER2 3+"))),
            patient(
                "low",
                b ->
                    b.fact(
                            fact(
                                "low",
                                "biomarker",
                                "PD-L1 TPS",
                                pdl1,
                                10,
                                "%",
                                "",
                                false,
                                Experiencer.PATIENT,
                                "PD-L1 TPS 10%"))
                        .fact(
                            fact(
                                "low",
                                "biomarker",
                                "HER2 IHC",
                                her2,
                                Double.NaN,
                                "",
                                "1+",
                                false,
                                Experiencer.PATIENT,
                                "HER2 1+"))),
            patient("amp", b -> b.variant("ERBB2", "", "AMP", "", 0.5)));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.BIOMARKER,
                "CD274",
                List.of(pdl1),
                Comparison.GE,
                50,
                Double.NaN,
                "%",
                null),
            crit(
                "I2",
                CriterionKind.INCLUSION,
                CriterionType.BIOMARKER,
                "ERBB2 positive",
                List.of(her2),
                null,
                Double.NaN,
                Double.NaN,
                "",
                null));
    assertEquals(Status.ELIGIBLE, r.get("high").status());
    assertEquals(Result.NOT_MET, result(r.get("low"), "I1"));
    assertEquals(Result.NOT_MET, result(r.get("low"), "I2"));
    assertEquals(Result.MET, result(r.get("amp"), "I2"), "ERBB2 amplification is HER2 positive");
    assertEquals(Result.UNKNOWN, result(r.get("amp"), "I1"));
  }

  @Test
  void unstructuredCriteriaAreUnknownWithTheirTextNeverIgnored() {
    var ps = List.of(patient("a", b -> {}));
    MatchCriterion other =
        new MatchCriterion(
            "I1",
            CriterionKind.INCLUSION,
            "Measurable disease per RECIST 1.1",
            CriterionType.OTHER,
            "",
            List.of(),
            false,
            null,
            Double.NaN,
            Double.NaN,
            "",
            null,
            "");
    MatchCriterion ecogNoThreshold =
        crit(
            "I2",
            CriterionKind.INCLUSION,
            CriterionType.PERFORMANCE,
            "ECOG",
            List.of(),
            null,
            Double.NaN,
            Double.NaN,
            "",
            null);
    var r = run(ps, other, ecogNoThreshold);
    PatientMatch a = r.get("a");
    assertEquals(Status.NEEDS_REVIEW, a.status());
    var c1 = a.criteria().get(1);
    assertEquals(Result.UNKNOWN, c1.result());
    assertEquals("Measurable disease per RECIST 1.1", c1.text());
    assertFalse(c1.reason().isEmpty());
    assertEquals(Result.UNKNOWN, result(a, "I2"));
  }

  @Test
  void ageSexAliveAndPregnancy() {
    var ps =
        List.of(
            patient("w40", b -> b.person(Sex.FEMALE, LocalDate.of(1985, 7, 1), "", "")),
            patient(
                "w40preg",
                b ->
                    b.person(Sex.FEMALE, LocalDate.of(1985, 6, 30), "", "")
                        .observation("82810-3", D.minusDays(2), Double.NaN, "pregnant", "", "o")),
            patient("m50", b -> b.person(Sex.MALE, LocalDate.of(1975, 1, 1), "", "")),
            patient("dead", b -> b.death(D.minusDays(1))));
    var r =
        run(
            ps,
            crit(
                "I1",
                CriterionKind.INCLUSION,
                CriterionType.AGE,
                "age",
                List.of(),
                Comparison.GE,
                40,
                Double.NaN,
                "a",
                null),
            crit(
                "I2",
                CriterionKind.INCLUSION,
                CriterionType.SEX,
                "female",
                List.of(),
                null,
                Double.NaN,
                Double.NaN,
                "",
                null),
            crit(
                "E1",
                CriterionKind.EXCLUSION,
                CriterionType.CONDITION,
                "pregnancy status",
                List.of(Code.of(CodeSystem.LOINC, "82810-3")),
                null,
                Double.NaN,
                Double.NaN,
                "",
                null));
    // Born 1985-07-01: 39 on 2025-06-30; born 1985-06-30: 40 that day (completed years).
    assertEquals(Result.NOT_MET, result(r.get("w40"), "I1"));
    assertEquals(Result.MET, result(r.get("w40preg"), "I1"));
    assertEquals(Result.MET, result(r.get("w40preg"), "E1"));
    assertEquals(Status.INELIGIBLE, r.get("w40preg").status());
    assertEquals(Result.NOT_MET, result(r.get("m50"), "I2"));
    assertEquals(Result.NOT_MET, result(r.get("dead"), "ALIVE"));
    assertEquals(Status.INELIGIBLE, r.get("dead").status());
  }

  @Test
  void patientsWithoutResearchConsentNeverAppearAndRevokedIdsAreExcluded() {
    var ps =
        new ArrayList<>(
            List.of(
                patient("yes", b -> {}),
                patient("revoked", b -> {}),
                patient("declined", b -> b.consent(false, LocalDate.of(2021, 1, 1))),
                PatientRecord.builder("never")));
    var o = MatchOptions.defaults().withEvaluationDate(D).withExcluded(Set.of("revoked"));
    Path idx = dir.resolve("idx");
    IndexBuildSummary s =
        PatientIndex.build(
            idx, "snap-1", D, ps.stream().map(PatientRecord.Builder::build).toList());
    assertEquals(2, s.info().patients());
    assertEquals(2, s.withoutConsent());
    try (PatientIndex index = PatientIndex.open(idx)) {
      assertNull(index.record("declined"));
      MatchResult r = Matcher.match(index, "T", List.of(), o);
      assertEquals(1, r.counts().total());
      assertEquals(List.of("yes"), r.patients().stream().map(PatientMatch::personId).toList());
      assertTrue(Matcher.rankTrials(index, "revoked", List.of(), o).isEmpty());
    }
  }

  @Test
  void anIndexWithoutConsentingPatientsMatchesNobody() {
    // Every patient declined: the index holds no document, and a match counts zero everywhere
    // (it used to trip FixedBitSet's index < length assertion under -ea).
    Path idx = dir.resolve("idx");
    PatientIndex.build(
        idx,
        "snap-1",
        D,
        List.of(
            PatientRecord.builder("declined").consent(false, LocalDate.of(2021, 1, 1)).build()));
    try (PatientIndex index = PatientIndex.open(idx)) {
      MatchResult r =
          Matcher.match(index, "T", List.of(), MatchOptions.defaults().withEvaluationDate(D));
      assertEquals(0, r.counts().total());
      assertTrue(r.patients().isEmpty());
    }
  }

  @Test
  void incrementalRebuildSkipsAnUnchangedSnapshotAndRewritesOnlyChangedPatients() {
    Path idx = dir.resolve("idx");
    var v1 =
        List.of(
            patient("a", b -> {}).build(),
            patient("b", b -> {}).build(),
            patient("c", b -> {}).build());
    IndexBuildSummary first = PatientIndex.build(idx, "snap-1", D, v1);
    assertEquals(3, first.added());
    assertTrue(PatientIndex.build(idx, "snap-1", D, v1).skipped());
    var v2 =
        List.of(
            patient("a", b -> {}).build(),
            patient("b", b -> b.condition("I50.9", D.minusDays(3), null, "c")).build(),
            patient("c", b -> b.consent(false, D)).build(),
            patient("d", b -> {}).build());
    IndexBuildSummary second = PatientIndex.build(idx, "snap-2", D, v2);
    assertEquals(1, second.added());
    assertEquals(1, second.updated());
    assertEquals(1, second.unchanged());
    assertEquals(1, second.removed(), "consent withdrawn");
    try (PatientIndex index = PatientIndex.open(idx)) {
      assertEquals("snap-2", index.info().snapshotId());
      assertEquals(3, index.size());
      assertEquals(1, index.record("b").conditions().size());
    }
  }

  @Test
  void freeTextOverNotesIsACriterionWithSentenceEvidence() {
    var ps =
        List.of(
            patient(
                "a",
                b ->
                    b.note(
                        "n1",
                        D,
                        "Progress note",
                        "Seen today. Chest CT shows interstitial lung disease. Plan follow-up.")),
            patient("b", b -> b.note("n2", D, "Progress note", "Lungs clear.")),
            patient("c", b -> {}));
    var o = MatchOptions.defaults().withEvaluationDate(D).withFreeText("interstitial AND lung");
    var r = run(ps, o);
    assertEquals(Result.MET, result(r.get("a"), "Q1"));
    var ev = r.get("a").criteria().get(1).evidence().get(0);
    assertEquals("Chest CT shows interstitial lung disease.", ev.text());
    assertEquals(Result.NOT_MET, result(r.get("b"), "Q1"));
    assertEquals(Result.UNKNOWN, result(r.get("c"), "Q1"));
    assertThrows(
        InvalidInputException.class,
        () -> run(ps, MatchOptions.defaults().withEvaluationDate(D).withFreeText("lung AND (")));
  }

  @Test
  void anEvaluationDateBeforeTheDataIsRefused() {
    var ps = List.of(patient("a", b -> b.measurement("718-7", D, 120, "g/L", 160, "m")));
    var o = MatchOptions.defaults().withEvaluationDate(D.minusDays(1));
    assertThrows(InvalidInputException.class, () -> run(ps, o));
  }

  @Test
  void recordsRoundTripThroughTheStoredForm() {
    PatientRecord r =
        patient(
                "a",
                b ->
                    b.measurement("718-7", D, 120, "g/L", 160, "m")
                        .note("n1", D, "t", "text é")
                        .fact(
                            fact(
                                "a",
                                "biomarker",
                                "PD-L1 TPS",
                                Code.of(CodeSystem.HGNC, "CD274"),
                                5,
                                "%",
                                "",
                                false,
                                Experiencer.PATIENT,
                                "PD-L1 5%"))
                        .variant("KRAS", "p.G12C", "SNV", "", 0.2)
                        .stratum("k:1"))
            .build();
    assertEquals(r, RecordCodec.decode(RecordCodec.encode(r)));
  }

  @Test
  void funnelAppliesTheMostSelectiveCriterionFirst() {
    var ps = new ArrayList<PatientRecord.Builder>();
    for (int i = 0; i < 10; i++) {
      int k = i;
      ps.add(
          patient(
              "p" + i,
              b -> {
                if (k < 8) {
                  b.condition("E11.9", D.minusDays(30), null, "c");
                }
                if (k < 2) {
                  b.condition("I50.9", D.minusDays(30), null, "c");
                }
              }));
    }
    Path idx = dir.resolve("idx");
    PatientIndex.build(idx, "s", D, ps.stream().map(PatientRecord.Builder::build).toList());
    try (PatientIndex index = PatientIndex.open(idx)) {
      MatchResult r =
          Matcher.match(
              index,
              "T",
              List.of(
                  crit(
                      "I1",
                      CriterionKind.INCLUSION,
                      CriterionType.CONDITION,
                      "T2DM",
                      List.of(Code.of(CodeSystem.ICD10CM, "E11")),
                      null,
                      Double.NaN,
                      Double.NaN,
                      "",
                      null),
                  crit(
                      "I2",
                      CriterionKind.INCLUSION,
                      CriterionType.CONDITION,
                      "CHF",
                      List.of(Code.of(CodeSystem.ICD10CM, "I50")),
                      null,
                      Double.NaN,
                      Double.NaN,
                      "",
                      null)),
              MatchOptions.defaults().withEvaluationDate(D));
      assertEquals("I2", r.funnel().get(0).criterionId());
      assertEquals(2, r.funnel().get(0).remaining());
      assertEquals(2, r.funnel().get(r.funnel().size() - 1).remaining());
      assertEquals(2, r.counts().eligible());
      assertEquals(8, r.counts().ineligible());
    }
  }
}
