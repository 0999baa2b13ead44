package dev.stratum.core.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriteriaRecordsTest {

  @Test
  void timeWindowIsInclusiveAtBothEnds() {
    TimeWindow fourWeeks = TimeWindow.of(4, "weeks");
    LocalDate ref = LocalDate.of(2026, 1, 29);
    assertEquals(LocalDate.of(2026, 1, 1), fourWeeks.start(ref));
    assertTrue(fourWeeks.contains(LocalDate.of(2026, 1, 1), ref));
    assertTrue(fourWeeks.contains(ref, ref));
    assertFalse(fourWeeks.contains(LocalDate.of(2025, 12, 31), ref));
    assertFalse(fourWeeks.contains(LocalDate.of(2026, 1, 30), ref));
    assertEquals("weeks", fourWeeks.unitLabel());
    assertThrows(IllegalArgumentException.class, () -> new TimeWindow(1, ChronoUnit.HOURS));
  }

  @Test
  void comparisonsFollowTheirSymbols() {
    assertTrue(Comparison.fromSymbol(">=").test(18, 18, Double.NaN));
    assertFalse(Comparison.fromSymbol(">").test(18, 18, Double.NaN));
    assertTrue(Comparison.BETWEEN.test(7, 7, 10));
    assertTrue(Comparison.BETWEEN.test(10, 7, 10));
    assertFalse(Comparison.BETWEEN.test(10.1, 7, 10));
    assertThrows(IllegalArgumentException.class, () -> Comparison.fromSymbol("=>"));
  }

  @Test
  void criterionValidatesOperatorValues() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EligibilityCriterion(
                    "I1",
                    CriterionKind.INCLUSION,
                    "HbA1c between 7% and 10%",
                    CriterionType.LAB,
                    "HbA1c",
                    null,
                    false,
                    Comparison.BETWEEN,
                    7,
                    Double.NaN,
                    "%",
                    null));
    assertTrue(e.getMessage().contains("I1"), e.getMessage());
  }

  @Test
  void trialCriteriaRejectsInvertedAgeBoundsAndCopiesItsList() {
    assertThrows(
        IllegalArgumentException.class, () -> new TrialCriteria("NCT1", 65, 18, null, List.of()));
    TrialCriteria tc = new TrialCriteria("NCT1", 18, Double.NaN, null, new java.util.ArrayList<>());
    assertThrows(UnsupportedOperationException.class, () -> tc.criteria().add(null));
    assertEquals("all", tc.sexLabel());
    assertTrue(tc.maximumAge().isEmpty());
  }

  @Test
  void alternativeCodesKeepTheFirstAsCode() {
    var c34 = dev.stratum.core.model.Code.of(dev.stratum.core.model.CodeSystem.ICD10CM, "C34.90");
    var c18 = dev.stratum.core.model.Code.of(dev.stratum.core.model.CodeSystem.ICD10CM, "C18.9");
    EligibilityCriterion one =
        new EligibilityCriterion(
            "I2",
            CriterionKind.INCLUSION,
            "NSCLC or colorectal cancer",
            CriterionType.CONDITION,
            "non-small cell lung cancer",
            c34,
            false,
            null,
            Double.NaN,
            Double.NaN,
            "",
            null);
    assertEquals(List.of(c34), one.codes());
    EligibilityCriterion two = one.withAlternatives(List.of(c18, c34));
    assertEquals(c34, two.code());
    assertEquals(List.of(c34, c18), two.codes(), "no duplicates, own code first");
    EligibilityCriterion none =
        new EligibilityCriterion(
            "I9",
            CriterionKind.INCLUSION,
            "Measurable disease",
            CriterionType.OTHER,
            "",
            null,
            false,
            null,
            Double.NaN,
            Double.NaN,
            "",
            null);
    assertTrue(none.codes().isEmpty());
    assertEquals(c18, none.withAlternatives(List.of(c18)).code());
  }
}
