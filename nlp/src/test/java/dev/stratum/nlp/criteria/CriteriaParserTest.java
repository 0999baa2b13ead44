package dev.stratum.nlp.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.criteria.EligibilityCriterion;
import dev.stratum.core.criteria.TimeWindow;
import dev.stratum.core.criteria.Trial;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.model.Sex;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layouts and contents as ClinicalTrials.gov registrations write them. */
class CriteriaParserTest {
  static CriteriaParser parser;

  @BeforeAll
  static void build() {
    parser = CriteriaParser.create();
  }

  @Test
  void numberedListsWithHeadings() {
    TrialCriteria t =
        parser.parse(
            "NCT0",
            "Inclusion Criteria:\n"
                + "  1. Age ≥ 18, male or female;\n"
                + "  2. Histologically confirmed NSCLC harbouring EGFR exon 19 deletion or L858R;\n"
                + "  3. ECOG performance status 0-1\n"
                + "Exclusion Criteria:\n"
                + "  1. No prior EGFR TKI therapy\n"
                + "  2. Myocardial infarction within 6 months before enrolment\n");
    assertEquals(18, t.minAge());
    assertTrue(Double.isNaN(t.maxAge()));
    assertEquals("all", t.sexLabel());
    List<EligibilityCriterion> c = t.criteria();
    assertEquals(
        List.of("I1", "I2", "I3", "E1", "E2"), c.stream().map(EligibilityCriterion::id).toList());
    assertEquals(CriterionType.AGE, c.get(0).type());
    assertEquals(CriterionType.BIOMARKER, c.get(1).type());
    assertEquals("EGFR exon 19 deletion", c.get(1).concept());
    assertEquals(CriterionType.PERFORMANCE, c.get(2).type());
    assertEquals(Comparison.BETWEEN, c.get(2).operator());
    assertEquals(CriterionKind.EXCLUSION, c.get(3).kind());
    assertTrue(c.get(3).negated());
    assertEquals(CriterionType.DRUG, c.get(3).type());
    assertEquals("ICD10CM:I21.9", c.get(4).code().toString());
    assertEquals(6, c.get(4).window().within());
  }

  @Test
  void aWindowInATrailingQualifierDatesTheQualifierNotTheLab() {
    // The shipped trial NCT90000105's wording: the 28 days date the transfusion; the haemoglobin
    // threshold has no look-back window of its own.
    TrialCriteria t =
        parser.parse(
            "NCT0",
            "Inclusion Criteria:\n"
                + "* Hemoglobin >= 10 g/dL with no blood transfusion in the past 28 days\n"
                + "Exclusion Criteria:\n"
                + "* Any chemotherapy within 3 weeks prior to study treatment\n");
    EligibilityCriterion hb = t.criteria().get(0);
    assertEquals(CriterionType.LAB, hb.type());
    assertNull(hb.window());
    TimeWindow chemo = t.criteria().get(1).window();
    assertEquals(3, chemo.within());
    assertEquals(java.time.temporal.ChronoUnit.WEEKS, chemo.unit());
  }

  @Test
  void performanceScoresListedAsAlternatives() {
    // The shipped trial NCT90000102's wording (datasets' synthetic trials); "0 or 1" once gave no
    // threshold, so the criterion was unknown for every patient.
    TrialCriteria t =
        parser.parse(
            "NCT90000102",
            "Inclusion Criteria:\n\n"
                + "* Eastern Cooperative Oncology Group (ECOG) performance status of 0 or 1\n");
    EligibilityCriterion c = t.criteria().get(0);
    assertEquals(CriterionType.PERFORMANCE, c.type());
    assertEquals(Comparison.BETWEEN, c.operator());
    assertEquals(0, c.value());
    assertEquals(1, c.value2());
  }

  @Test
  void nestedBulletsKeyCriteriaAndProse() {
    TrialCriteria t =
        parser.parse(
            "NCT1",
            "Key Inclusion Criteria:\n\n"
                + "  -  Adequate organ function, defined as:\n"
                + "       -  Absolute neutrophil count ≥ 1.5 x 10^9/L\n"
                + "       -  Total bilirubin ≤ 1.5 x ULN\n"
                + "  -  Women aged 18 to 70 years with\n"
                + "     metastatic breast cancer\n\n"
                + "Key Exclusion Criteria:\n\n"
                + "Patients with brain metastases are excluded. Pregnant or breastfeeding women"
                + " cannot take part in this study because of the unknown risk to the fetus.\n");
    List<EligibilityCriterion> c = t.criteria();
    assertEquals(5, c.size(), c.toString());
    assertEquals("absolute neutrophil count", c.get(0).concept());
    assertEquals("10*9/L", c.get(0).unit());
    assertEquals("x ULN", c.get(1).unit());
    assertEquals(CriterionType.AGE, c.get(2).type());
    assertTrue(c.get(2).text().contains("metastatic breast cancer"), "wrapped line joined");
    assertEquals(18, t.minAge());
    assertEquals(70, t.maxAge());
    assertEquals(Sex.FEMALE, t.sex());
    assertEquals(CriterionKind.EXCLUSION, c.get(3).kind());
    assertEquals("brain metastases", c.get(3).concept());
    assertEquals(CriterionKind.EXCLUSION, c.get(4).kind());
  }

  @Test
  void structuredFieldsWinOverText() {
    Trial trial =
        new Trial(
            "NCT2",
            "",
            List.of(),
            "",
            "Inclusion Criteria:\n- Age 18 to 65 years\n",
            Sex.MALE,
            21,
            Double.NaN,
            false);
    TrialCriteria t = parser.parse(trial);
    assertEquals(21, t.minAge());
    assertTrue(Double.isNaN(t.maxAge()));
    assertEquals(Sex.MALE, t.sex());
  }

  @Test
  void exclusionAgeBoundsFromTheOtherSide() {
    TrialCriteria t =
        parser.parse("NCT3", "Exclusion Criteria:\n- Age < 18 years\n- Age > 80 years\n");
    assertEquals(18, t.minAge());
    assertEquals(80, t.maxAge());
  }

  @Test
  void emptyAndOddTextNeverFail() {
    assertTrue(parser.parse("x", "").criteria().isEmpty());
    assertTrue(parser.parse("x", "   \n\n").criteria().isEmpty());
    TrialCriteria t = parser.parse("x", "-\n*\n1.\nInclusion Criteria:\n");
    assertTrue(t.criteria().isEmpty(), t.criteria().toString());
    EligibilityCriterion c = parser.parse("x", "Informed consent").criteria().get(0);
    assertNull(c.operator());
    assertFalse(c.negated());
  }

  private static List<String> codes(EligibilityCriterion c) {
    return c.codes().stream().map(Object::toString).toList();
  }

  @Test
  void alternativesBecomeCodes() {
    // Wordings of the shipped synthetic trials (datasets' trials.json): every alternative named is
    // a
    // code of the criterion, any of which satisfies it.
    List<EligibilityCriterion> c =
        parser
            .parse(
                "NCT0",
                "Inclusion Criteria:\n"
                    + "- Locally advanced or metastatic NSCLC or colorectal cancer\n"
                    + "- Diagnosis of lung, breast or colorectal cancer\n"
                    + "- Histologically confirmed adenocarcinoma of the colon or rectum\n"
                    + "- PIK3CA mutation (H1047R or E545K) in tumour tissue\n"
                    + "Exclusion Criteria:\n"
                    + "- Prior treatment with any BRAF inhibitor\n"
                    + "- Previous treatment with a KRAS G12C inhibitor (e.g. sotorasib)\n"
                    + "- Prior treatment with alpelisib or any PI3K inhibitor\n"
                    + "- Chronic kidney disease stage 4 or 5\n"
                    + "- Cytotoxic chemotherapy within 4 weeks\n")
            .criteria();
    // "metastatic" qualifies NSCLC; colorectal cancer is C18, C19 or C20 (lexicon "also" codes)
    assertEquals(
        List.of("ICD10CM:C34.90", "ICD10CM:C18.9", "ICD10CM:C19", "ICD10CM:C20"), codes(c.get(0)));
    assertTrue(
        codes(c.get(1)).containsAll(List.of("ICD10CM:C34.90", "ICD10CM:C50.919", "ICD10CM:C18.9")),
        codes(c.get(1)).toString());
    assertEquals(List.of("ICD10CM:C18.9", "ICD10CM:C20"), codes(c.get(2)));
    assertEquals(List.of("HGNC:PIK3CA/H1047R", "HGNC:PIK3CA/E545K"), codes(c.get(3)));
    assertEquals(CriterionType.DRUG, c.get(4).type());
    assertEquals(List.of("ATC:L01EC"), codes(c.get(4)));
    assertEquals(CriterionType.DRUG, c.get(5).type());
    assertEquals(List.of("RXNORM:2550714"), codes(c.get(5)));
    assertEquals(List.of("RXNORM:2169302", "ATC:L01EM"), codes(c.get(6)));
    assertEquals(List.of("ICD10CM:N18.4", "ICD10CM:N18.5"), codes(c.get(7)));
    // chemotherapy is cytotoxic: ATC L01A-L01D and the platinum compounds, not every antineoplastic
    assertEquals(
        List.of("ATC:L01A", "ATC:L01B", "ATC:L01C", "ATC:L01D", "ATC:L01XA"), codes(c.get(8)));
  }

  @Test
  void ellipticListsAreSpelledOut() {
    assertEquals(
        List.of("lung cancer", "breast cancer"),
        CriteriaParser.ellipses("Diagnosis of lung, breast or colorectal cancer"));
    assertEquals(
        List.of("adenocarcinoma of the rectum"),
        CriteriaParser.ellipses("adenocarcinoma of the colon or rectum"));
    assertEquals(
        List.of("liver metastases", "lung metastases", "bone metastases", "brain metastases"),
        CriteriaParser.ellipses("Distant metastases (liver, lung, bone or brain)"));
  }
}
