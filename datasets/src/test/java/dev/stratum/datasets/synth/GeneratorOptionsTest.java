package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {

  @Test
  void rejectsOutOfRangeValuesNamingParameterRangeAndValue() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> GeneratorOptions.of(0, 1));
    assertEquals("option '--patients': must be between 1 and 10000000, got 0", e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> GeneratorOptions.of(-5, 1));
    assertTrue(e.getMessage().contains("got -5"));
    e = assertThrows(InvalidInputException.class, () -> GeneratorOptions.of(10, 1).withTrials(99));
    assertTrue(e.getMessage().startsWith("option '--trials': must be between 1 and 12"));
    assertThrows(InvalidInputException.class, () -> GeneratorOptions.of(10, 1).withStrata(1));
    assertThrows(InvalidInputException.class, () -> GeneratorOptions.of(10, 1).withThreads(0));
    assertThrows(
        InvalidInputException.class,
        () -> GeneratorOptions.of(10, 1).withAsOf(LocalDate.of(1999, 1, 1)));
  }

  @Test
  void defaultsAreFixedAndWallClockFree() {
    GeneratorOptions o = GeneratorOptions.of(10, 1);
    assertEquals(LocalDate.of(2025, 6, 30), o.asOf());
    assertEquals(4, o.strata());
    assertEquals(TrialCatalog.get().size(), o.trials());
  }
}
