package dev.stratum.datasets.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ICD-10-CM chapter II (Neoplasms) spans C00-D49 (CMS ICD-10-CM tabular list, chapter 2). */
class SurvivalTableNeoplasmTest {

  @Test
  void neoplasmChapterBounds() {
    assertTrue(SurvivalTable.isNeoplasm("C34.90"));
    assertTrue(SurvivalTable.isNeoplasm("D49.9"));
    assertFalse(SurvivalTable.isNeoplasm("D50.0"));
    assertFalse(SurvivalTable.isNeoplasm("E11.9"));
  }
}
