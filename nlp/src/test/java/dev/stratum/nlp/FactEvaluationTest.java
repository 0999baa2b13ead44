package dev.stratum.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.EvidenceSpan;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.nlp.eval.FactEvaluation;
import dev.stratum.nlp.io.Note;
import dev.stratum.nlp.io.NoteFiles;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fact precision and recall in the {@code truth/facts.csv} format with EXACT concepts: the code
 * (system and code) must equal the truth's, and all four assertion attributes must agree. The
 * issue's floor of 0.95 applies (issue 3: "precision and recall of facts (concept + assertion)
 * against truth/facts.csv of at least 0.95 each").
 */
class FactEvaluationTest {
  static final double ISSUE_3_FLOOR = 0.95;

  private static List<NoteFact> extract(ClinicalNlp nlp, Path notes) {
    List<NoteFact> facts = new ArrayList<>();
    for (Note n : NoteFiles.read(notes)) {
      facts.addAll(nlp.extract(n.noteId(), n.personId(), n.date(), n.text()));
    }
    return facts;
  }

  /** A hand-written cohort (8 OMOP notes, 39 true facts with spans, in {@code facts-fixture/}). */
  @Test
  void handWrittenCohortMeetsTheFloorWithExactCodes() throws URISyntaxException {
    Path dir = Path.of(getClass().getResource("facts-fixture/note.csv").toURI()).getParent();
    List<FactEvaluation.TruthFact> truth = FactEvaluation.readTruth(dir.resolve("facts.csv"));
    assertEquals(39, truth.size());
    FactEvaluation.Result r =
        FactEvaluation.evaluate(extract(ClinicalNlp.create(), dir.resolve("note.csv")), truth);
    System.out.println("fixture: exact facts " + r.facts() + ", lenient " + r.lenientFacts());
    assertTrue(
        r.facts().precision() >= ISSUE_3_FLOOR && r.facts().recall() >= ISSUE_3_FLOOR,
        r.facts().toString());
  }

  /**
   * The generator's golden cohort (seed 1, 5 patients, checked in under datasets' test resources;
   * the 200-patient run is the cli's GeneratedNotesNlpTest). Read as files: nlp does not depend on
   * datasets.
   */
  @Test
  void generatorGoldenCohortMeetsTheFloorWithExactCodes() {
    Path dir =
        Path.of(
            System.getProperty("stratum.root", ".."),
            "datasets/src/test/resources/dev/stratum/datasets/synth/golden/seed1-n5");
    assertTrue(Files.isDirectory(dir), dir.toString());
    List<FactEvaluation.TruthFact> truth = FactEvaluation.readTruth(dir.resolve("truth/facts.csv"));
    assertTrue(truth.size() >= 100, "golden truth facts: " + truth.size());
    FactEvaluation.Result r =
        FactEvaluation.evaluate(extract(ClinicalNlp.create(), dir.resolve("omop/note.csv")), truth);
    System.out.println(
        "golden seed1-n5: exact facts " + r.facts() + ", lenient " + r.lenientFacts());
    assertTrue(r.facts().precision() >= ISSUE_3_FLOOR, r.facts().toString());
    assertTrue(r.facts().recall() >= ISSUE_3_FLOOR, r.facts().toString());
    // Exact is never more generous than the lenient (span + category) rule.
    assertTrue(r.facts().truePositives() <= r.lenientFacts().truePositives());
  }

  private static NoteFact fact(String concept, Code code, int begin, int end, Experiencer who) {
    return new NoteFact(
        "n1",
        "p1",
        "condition",
        concept,
        code,
        Double.NaN,
        "",
        "",
        null,
        new AssertionStatus(false, false, false, who),
        new EvidenceSpan("n1", begin, end, "x".repeat(end - begin)));
  }

  private static FactEvaluation.TruthFact truth(String concept, String code, String who) {
    return new FactEvaluation.TruthFact(
        "n1", "condition", concept, code, false, false, false, who, 10, 23);
  }

  /**
   * The rule itself: a same-category concept at the true span is no longer enough, a code must
   * equal the truth's in system and code, and a truth without code is matched by name.
   */
  @Test
  void exactMatchingComparesCodesNotCategories() {
    var t = truth("breast cancer", "ICD10CM:C50.412", "patient");
    // The old, lenient rule accepted the unspecified C50.919 at the same span.
    var unspecified =
        FactEvaluation.evaluate(
            List.of(
                fact(
                    "breast cancer",
                    Code.of(CodeSystem.ICD10CM, "C50.919"),
                    10,
                    23,
                    Experiencer.PATIENT)),
            List.of(t));
    assertEquals(0, unspecified.facts().truePositives());
    assertEquals(1, unspecified.lenientFacts().truePositives());
    // Another name for the same code is right: the code is the concept's identity.
    var same =
        FactEvaluation.evaluate(
            List.of(
                fact(
                    "left upper-outer quadrant breast cancer",
                    Code.of(CodeSystem.ICD10CM, "C50.412"),
                    10,
                    23,
                    Experiencer.PATIENT)),
            List.of(t));
    assertEquals(1, same.facts().truePositives());
    // Same code, other system: wrong.
    var otherSystem =
        FactEvaluation.evaluate(
            List.of(fact("x", Code.of(CodeSystem.SNOMED, "C50.412"), 10, 23, Experiencer.PATIENT)),
            List.of(t));
    assertEquals(0, otherSystem.facts().truePositives());
    // No code in the truth: the name decides.
    var byName =
        FactEvaluation.evaluate(
            List.of(
                fact(
                    "PET scan",
                    Code.of(CodeSystem.SNOMED, "82918005"),
                    10,
                    23,
                    Experiencer.PATIENT)),
            List.of(truth("PET scan", "", "patient")));
    assertEquals(1, byName.facts().truePositives());
    assertFalse(
        FactEvaluation.evaluate(
                    List.of(fact("CT scan", null, 10, 23, Experiencer.PATIENT)),
                    List.of(truth("PET scan", "", "patient")))
                .facts()
                .truePositives()
            > 0);
  }

  /**
   * Family history is coded as the patient's ICD-10-CM Z80-Z84 code (ICD-10-CM Official Guidelines
   * FY2025, I.C.21.c.4), as the generator's truth does (docs/data-formats.md); a generic "tumour"
   * after a specific primary cancer takes that cancer's code.
   */
  @Test
  void familyHistoryCodesAndTumourAnaphora() {
    ClinicalNlp nlp = ClinicalNlp.create();
    List<NoteFact> f =
        nlp.extract(
            "n",
            "p",
            null,
            "Family History: Mother with breast cancer. Father had diabetes.\n\n"
                + "Assessment/Plan: Newly diagnosed left lower lobe NSCLC. Tumour tissue sent for"
                + " molecular profiling.");
    assertEquals("ICD10CM:Z80.3", f.get(0).code().toString());
    assertEquals(Experiencer.FAMILY, f.get(0).status().experiencer());
    assertEquals("ICD10CM:Z83.3", f.get(1).code().toString());
    assertEquals("ICD10CM:C34.32", f.get(2).code().toString());
    assertEquals("Tumour", f.get(3).evidence().text());
    assertEquals("ICD10CM:C34.32", f.get(3).code().toString());
    // Without an antecedent the generic code stays.
    NoteFact alone = nlp.extract("n", "p", null, "Tumour tissue sent for profiling.").get(0);
    assertEquals("ICD10CM:C80.1", alone.code().toString());
  }
}
