package dev.stratum.nlp.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.TimeWindow;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Comparisons and windows as ClinicalTrials.gov criteria write them (examples from the issue). */
class ThresholdReaderTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "HbA1c between 7% and 10%|between|7|10|%",
        "ECOG performance status of 0~2|between|0|2|",
        "Age ≥ 18 years|>=|18|NaN|a",
        "ALT < 1.5 x ULN|<|1.5|NaN|x ULN",
        "total bilirubin ≤ 1.5 × upper limit of normal|<=|1.5|NaN|x ULN",
        "aged 18-75 years|between|18|75|a",
        "18 years of age or older|>=|18|NaN|a",
        "at least 12 weeks|>=|12|NaN|wk",
        "no less than 6 months|>=|6|NaN|mo",
        "platelets >= 100,000/mm3|>=|100000|NaN|/uL",
        "ANC ≥ 1.5 x 10^9/L|>=|1.5|NaN|10*9/L",
        "creatinine clearance > 60 mL/min|>|60|NaN|mL/min",
        "hemoglobin greater than or equal to 9 g/dL|>=|9|NaN|g/dL",
        "BMI less than 35 kg/m2|<|35|NaN|kg/m2",
        "more or equal 18 years-old|>=|18|NaN|a",
        "Women over age 18|>|18|NaN|",
        "systolic blood pressure > 160 mmHg|>|160|NaN|mm[Hg]",
        // ">/=" and "</=" as ClinicalTrials.gov registrants type them (LCT gold NCT03868... smoking
        // criteria: ">/= 5 ppm CO", "</= 4 ppm CO").
        ">/= 5 ppm carbon monoxide|>=|5|NaN|[ppm]",
        "</= 4 ppm CO|<=|4|NaN|[ppm]",
        "liver stiffness ≥10 kPa|>=|10|NaN|kPa",
        "MCV less than 80 fl|<|80|NaN|fL",
        "≥ 20 y/o patients|>=|20|NaN|a",
        "18-35-year-old women|between|18|35|a",
        // Scale scores as alternatives (the shipped trials' "ECOG performance status 0 or 1").
        "ECOG performance status 0 or 1|between|0|1|",
        "ECOG 0, 1, or 2|between|0|2|",
        "ECOG performance status of 0 or 1 at screening|between|0|1|",
      })
  void readsTheFirstComparison(String text, String op, double v, double v2, String unit) {
    List<Threshold> t = ThresholdReader.read(text, 0);
    assertTrue(!t.isEmpty(), text);
    Threshold first = t.get(0);
    assertEquals(Comparison.fromSymbol(op), first.operator(), text);
    assertEquals(v, first.value(), 1e-12, text);
    if (!Double.isNaN(v2)) {
      assertEquals(v2, first.value2(), 1e-12, text);
    }
    assertEquals(unit == null ? "" : unit, first.unit(), text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "chemotherapy within 4 weeks before the first dose|4|weeks",
        "myocardial infarction in the past 6 months|6|months",
        "major surgery within 28 days prior to randomization|28|days",
        "stroke within the last year|1|years",
        "radiotherapy ≤ 14 days before enrolment|14|days",
        "within two weeks of screening|2|weeks",
      })
  void readsWindows(String text, int within, String unit) {
    assertEquals(TimeWindow.of(within, unit), ThresholdReader.window(text), text);
  }

  @ParameterizedTest
  @CsvSource({"COVID-19 infection", "EGFR exon 19 deletion", "PD-1 inhibitor", "T2DM"})
  void findsNoNumbersInNames(String text) {
    assertTrue(
        ThresholdReader.read(text, 0).isEmpty(), text + " -> " + ThresholdReader.read(text, 0));
    assertNull(ThresholdReader.window(text));
  }
}
