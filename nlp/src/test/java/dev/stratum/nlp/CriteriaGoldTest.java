package dev.stratum.nlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.nlp.eval.CriteriaEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The criteria parser against the Leaf Clinical Trials corpus gold (brat, 217 trials; Dobbins et
 * al., Sci Data 2022) in {@code ${stratum.shared}/data/eligibility-criteria-lct}. Floors are the
 * values measured at this commit rounded down (numbers in docs/clinical-nlp.md); the corpus was
 * used for development, so they are not held-out estimates.
 */
class CriteriaGoldTest {
  static CriteriaEvaluation.Result result;

  @BeforeAll
  static void evaluate() {
    Path gold =
        Path.of(
            System.getProperty("stratum.shared", "../../shared"),
            "data",
            "eligibility-criteria-lct");
    assertTrue(Files.isDirectory(gold), "LCT gold missing: " + gold);
    result = new CriteriaEvaluation(ClinicalNlp.create()).evaluate(gold);
    System.out.println(result.report());
  }

  private static void floor(CriteriaEvaluation.Score s, double p, double r, String what) {
    assertTrue(s.precision() >= p && s.recall() >= r, what + ": " + s);
  }

  @Test
  void readsAllTrials() {
    assertTrue(result.documents() >= 217, "documents " + result.documents());
  }

  @Test
  void ageBounds() {
    floor(result.minAge(), 0.95, 0.95, "min age");
    floor(result.maxAge(), 0.93, 0.90, "max age");
  }

  @Test
  void numericThresholds() {
    // Measured P 0.930 R 0.970 after ">/=", "</=", ppm/kPa/dB/fL units and age bounds in years
    // ("18-35-year-old", "age < 18 or > 60") kept out of the thresholds (before: 0.905 / 0.940).
    floor(result.thresholds(), 0.91, 0.95, "thresholds");
    floor(result.thresholdUnits(), 0.85, 0.85, "threshold units");
  }

  @Test
  void negationOfGoldConcepts() {
    // LCT marks negation on the head concept only ("No cardiometabolic (e.g. heart disease)"
    // negates "cardiometabolic" alone), where ConText negates the whole list: see the docs.
    // Measured P 0.518 R 0.760 after the affix, hindrance, exclusion post-trigger and parenthesis
    // rules (before: P 0.444 R 0.575); floors a little below.
    floor(result.negation(), 0.50, 0.74, "negation");
  }

  @Test
  void conceptTypes() {
    floor(result.conceptType(), 0.88, 0.88, "concept type");
  }
}
