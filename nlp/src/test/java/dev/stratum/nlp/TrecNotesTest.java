package dev.stratum.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.nlp.NoteFact;
import dev.stratum.nlp.io.Note;
import dev.stratum.nlp.io.NoteFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Robustness on real clinician-written notes: the 75 TREC 2021 Clinical Trials topics (admission
 * notes; NIST, as redistributed by TrialGPT, Jin et al. 2024). There is no gold for them; the
 * pinned facts below were read off the note text by hand (quoted in each assertion).
 */
class TrecNotesTest {
  static final Map<String, Note> NOTES = new LinkedHashMap<>();
  static final Map<String, List<NoteFact>> FACTS = new LinkedHashMap<>();

  @BeforeAll
  static void extract() {
    Path file =
        Path.of(
            System.getProperty("stratum.shared", "../../shared"),
            "data",
            "patient-notes-trec2021",
            "queries.jsonl");
    ClinicalNlp nlp = ClinicalNlp.create();
    for (Note n : NoteFiles.read(file)) {
      NOTES.put(n.noteId(), n);
      FACTS.put(n.noteId(), nlp.extract(n.noteId(), "p-" + n.noteId(), null, n.text()));
    }
  }

  private static NoteFact first(String note, String concept) {
    return FACTS.get(note).stream()
        .filter(f -> f.concept().equals(concept))
        .findFirst()
        .orElseThrow(() -> new AssertionError(note + ": no " + concept + " in " + FACTS.get(note)));
  }

  @Test
  void everyNoteGivesFactsWithExactEvidence() {
    assertTrue(NOTES.size() >= 74, "notes: " + NOTES.size());
    int total = 0;
    for (var e : FACTS.entrySet()) {
      String text = NOTES.get(e.getKey()).text();
      assertFalse(e.getValue().isEmpty(), e.getKey() + " gave no facts");
      for (NoteFact f : e.getValue()) {
        assertEquals(text.substring(f.evidence().begin(), f.evidence().end()), f.evidence().text());
        assertEquals(e.getKey(), f.noteId());
      }
      total += e.getValue().size();
    }
    assertTrue(total > 74 * 5, "facts: " + total);
  }

  @Test
  void trec20212AorticStenosisNote() {
    // "48 M with a h/o HTN hyperlipidemia, bicuspid aortic valve ..."
    NoteFact htn = first("trec-20212", "hypertension");
    assertEquals("ICD10CM:I10", htn.code().toString());
    assertTrue(htn.status().historical());
    // "EF was 25%."
    NoteFact ef = first("trec-20212", "left ventricular ejection fraction");
    assertEquals(25, ef.value(), 0);
    assertEquals("%", ef.unit());
    // "sent home from cardiology clinic with Lasix"
    assertEquals("RXNORM:4603", first("trec-20212", "furosemide").code().toString());
    // "showed no angiographically apparent flow-limiting coronary artery disease"
    assertTrue(first("trec-20212", "coronary artery disease").status().negated());
  }

  @Test
  void trec20215ParenthesisEndsNegation() {
    // "prior CVA (no residual deficits), HTN, HL, DMII" - the ")" ends the negation
    NoteFact htn = first("trec-20215", "hypertension");
    assertFalse(htn.status().negated(), htn.toString());
    // "no prior syncope"
    assertTrue(first("trec-20215", "syncope").status().negated());
    // "Past Medical History: ... Anemia" - a listed problem, current (no history trigger)
    assertFalse(first("trec-20215", "anemia").status().historical());
    // "Past Medical History: CAD s/p CABG" - the procedure is historical by "s/p"
    int pmh = NOTES.get("trec-20215").text().indexOf("Past Medical History:");
    assertTrue(
        FACTS.get("trec-20215").stream()
            .filter(f -> f.concept().equals("coronary artery bypass graft"))
            .filter(f -> f.evidence().begin() > pmh)
            .allMatch(f -> f.status().historical()));
  }

  @Test
  void trec20213ConcernForIsUncertain() {
    // "evaluated her for spontaneous intraventricular hemorrhage with a concern for an underlying
    // vascular malformation"
    assertTrue(first("trec-20213", "arteriovenous malformation").status().uncertain());
    assertTrue(first("trec-20213", "headache").status().isAffirmedForPatient());
  }

  @Test
  void trec20211DrugsWithRxNormCodes() {
    // "11 cycles of temozolomide ... CPT-11 Weekly x4 with Avastin"
    assertEquals("RXNORM:37776", first("trec-20211", "temozolomide").code().toString());
    assertEquals("RXNORM:51499", first("trec-20211", "irinotecan").code().toString());
    assertEquals("RXNORM:253337", first("trec-20211", "bevacizumab").code().toString());
  }

  @Test
  void trec202115ProblemListValuesAndQuestionMark() {
    // "6. Chronic kidney disease (SCr 2.1 in [**3-17**])": 2.1 mg/dL; "in" is not the inch
    NoteFact scr = first("trec-202115", "creatinine");
    assertEquals(2.1, scr.value(), 1e-12);
    assertEquals("mg/dL", scr.unit());
    // "8. Anemia (HCT 30.7 in [**3-17**])"
    assertEquals("%", first("trec-202115", "hematocrit").unit());
    // "7. Hypothyroidism? (TSH 10 in [**3-17**])": the question mark makes it questionable
    assertTrue(first("trec-202115", "hypothyroidism").status().uncertain());
    // "5. Hypertension" in the Past Medical History list: current, affirmed
    assertTrue(first("trec-202115", "hypertension").status().isAffirmedForPatient());
    // "The results of the biopsy were consistent with pancreatic adenocarcinoma"
    assertEquals("ICD10CM:C25.9", first("trec-202115", "pancreatic cancer").code().toString());
  }

  @Test
  void trec202130ThyroidNote() {
    // "No hirsutism or nipple discharge was detected."
    assertTrue(first("trec-202130", "hirsutism").status().negated());
    // "She was diagnosed with Hashimoto's thyroiditis."
    NoteFact hashimoto = first("trec-202130", "Hashimoto's thyroiditis");
    assertEquals("ICD10CM:E06.3", hashimoto.code().toString());
    assertTrue(hashimoto.status().isAffirmedForPatient());
    // "high TSH level (13 mU/L)" - the first TSH, value in parentheses
    NoteFact tsh = first("trec-202130", "TSH");
    assertEquals(13, tsh.value(), 0);
    // "Her BMI was 34."
    assertEquals(34, first("trec-202130", "body mass index").value(), 0);
    // "After starting 250 mcg Levothyroxine per day"
    assertEquals("RXNORM:10582", first("trec-202130", "levothyroxine").code().toString());
  }

  @Test
  void trec202140FamilyHistoryIsCodedAsFamilyHistory() {
    // "His family history is only significant for hypertension in his mother and DM type 2 in
    // his father." ICD-10-CM codes a relative's disease as Z82.49 / Z83.3.
    NoteFact htn = first("trec-202140", "hypertension");
    assertEquals("family", htn.status().experiencer().label());
    assertEquals("ICD10CM:Z82.49", htn.code().toString());
    NoteFact dm =
        FACTS.get("trec-202140").stream()
            .filter(f -> f.evidence().text().equals("DM"))
            .findFirst()
            .orElseThrow();
    assertEquals("family", dm.status().experiencer().label());
    assertEquals("ICD10CM:Z83.3", dm.code().toString());
    // "His serum alkaline phosphatase is 300 IU/L"
    assertEquals(300, first("trec-202140", "alkaline phosphatase").value(), 0);
    // "Bisphosphonate will be started as first-line therapy": planned, not yet given
    assertTrue(first("trec-202140", "bisphosphonate").status().uncertain());
  }

  @Test
  void trec202150MothersPregnancyIsNotThePatients() {
    // A 5-month-old boy: "The mother had a normal pregnancy with no complication."
    assertEquals("family", first("trec-202150", "pregnancy status").status().experiencer().label());
    // "weighted as 6.5 kg with the height of 62 cm": the second height
    List<NoteFact> heights =
        FACTS.get("trec-202150").stream().filter(f -> f.concept().equals("body height")).toList();
    assertEquals(62, heights.get(heights.size() - 1).value(), 0);
  }

  @Test
  void trec202111TumourRefersToTheNamedCancer() {
    // "metastatic papillary thyroid cancer ... large tumor size": the tumour is the thyroid cancer
    NoteFact tumour =
        FACTS.get("trec-202111").stream()
            .filter(f -> f.evidence().text().equals("tumor"))
            .findFirst()
            .orElseThrow();
    assertEquals("ICD10CM:C73", tumour.code().toString());
    // "s/p XRT 19 sessions": historical
    assertTrue(first("trec-202111", "radiotherapy").status().historical());
  }
}
