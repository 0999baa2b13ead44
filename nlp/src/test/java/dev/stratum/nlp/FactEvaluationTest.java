package dev.stratum.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.nlp.NoteFact;
import dev.stratum.nlp.eval.FactEvaluation;
import dev.stratum.nlp.io.Note;
import dev.stratum.nlp.io.NoteFiles;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fact precision and recall in the {@code truth/facts.csv} format on a small hand-written cohort (8
 * OMOP notes, 39 true facts with spans, in {@code facts-fixture/}). The floor of 0.95 for
 * concept + assertion applies; the same evaluator scores a generated cohort's truth.
 */
class FactEvaluationTest {
  @Test
  void handWrittenCohortMeetsTheFloor() throws URISyntaxException {
    Path dir = Path.of(getClass().getResource("facts-fixture/note.csv").toURI()).getParent();
    ClinicalNlp nlp = ClinicalNlp.create();
    List<NoteFact> facts = new ArrayList<>();
    for (Note n : NoteFiles.read(dir.resolve("note.csv"))) {
      facts.addAll(nlp.extract(n.noteId(), n.personId(), n.date(), n.text()));
    }
    List<FactEvaluation.TruthFact> truth = FactEvaluation.readTruth(dir.resolve("facts.csv"));
    assertEquals(39, truth.size());
    FactEvaluation.Result r = FactEvaluation.evaluate(facts, truth);
    System.out.println("facts    " + r.facts() + "\nconcepts " + r.concepts());
    assertTrue(r.facts().precision() >= 0.95 && r.facts().recall() >= 0.95, r.facts().toString());
  }
}
