package dev.stratum.nlp;

import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.eval.CriteriaEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TokenizerSmokeTest {
  @Test
  void lct() throws Exception {
    var nlp = ClinicalNlp.create();
    var p = CriteriaParser.using(nlp);
    String t =
        Files.readString(
            Path.of("/work/shared/data/eligibility-criteria-lct/batch1/NCT03860038.txt"));
    System.out.println(
        dev.stratum.nlp.criteria.CriteriaJson.toJson(p.parse("x", t)).toPrettyString());
    long t0 = System.nanoTime();
    System.out.println(
        new CriteriaEvaluation(nlp)
            .evaluate(Path.of("/work/shared/data/eligibility-criteria-lct"))
            .report());
    System.out.println((System.nanoTime() - t0) / 1e9 + " s");
  }
}
