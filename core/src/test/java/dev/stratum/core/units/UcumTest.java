package dev.stratum.core.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UcumTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "mg/dl, mg/dL",
    "MG/DL, mg/dL",
    "x10^9/L, 10*9/L",
    "10^3/uL, 10*3/uL",
    "mEq/L, meq/L",
    "mL/min/1.73m2, mL/min/{1.73_m2}",
    "percent, %",
    "%, %",
    "mmHg, mm[Hg]",
    "weeks, wk",
  })
  void normalisesCommonEhrSpellings(String spelling, String canonical) {
    assertEquals(canonical, Ucum.canonical(spelling));
  }

  @Test
  void unknownUnitIsRejectedWithItsName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ucum.canonical("furlongs"));
    assertTrue(e.getMessage().contains("'furlongs'"), e.getMessage());
    assertTrue(Ucum.lookup("furlongs").isEmpty());
  }

  // Conversion factors from the UCUM definitions: 1 dL = 0.1 L; 10^3/uL = 10^9/L; 1 lb = 0.45359237
  // kg (international avoirdupois pound, exact by definition).
  @ParameterizedTest(name = "{0} {1} = {3} {2}")
  @CsvSource({
    "1.5, mg/dL, mg/L, 15",
    "13.5, g/dL, g/L, 135",
    "1.5, 10*9/L, 10*3/uL, 1.5",
    "250, /uL, 10*9/L, 0.25",
    "100, [lb_av], kg, 45.359237",
    "4, wk, d, 28",
    "8.2, %, 1, 0.082",
  })
  void convertsWithinADimension(double value, String from, String to, double expected) {
    assertEquals(expected, Ucum.convert(value, from, to), 1e-12 * Math.max(1, expected));
  }

  @Test
  void refusesToConvertAcrossDimensions() {
    assertFalse(Ucum.commensurable("mg/dL", "mmol/L"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ucum.convert(100, "mg/dL", "mmol/L"));
    assertTrue(e.getMessage().contains("mg/dL"), e.getMessage());
  }

  @Test
  void quantityKeepsCanonicalUnitAndConverts() {
    Quantity q = Quantity.of(1.2, "mg/dl");
    assertEquals("mg/dL", q.unit());
    assertEquals(Quantity.of(12, "mg/L"), q.to("mg/L"));
    assertThrows(IllegalArgumentException.class, () -> new Quantity(1, "mg/dl"));
    assertThrows(IllegalArgumentException.class, () -> Quantity.of(Double.NaN, "mg/dL"));
  }

  @Test
  void everyAliasPointsAtAKnownCanonicalUnit() {
    for (String code : Ucum.canonicalCodes()) {
      assertTrue(Ucum.isCanonical(Ucum.canonical(code)), code);
    }
  }
}
