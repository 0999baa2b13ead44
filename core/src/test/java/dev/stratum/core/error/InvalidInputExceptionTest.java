package dev.stratum.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

  @Test
  void fileErrorsNamePathLineAndField() {
    InvalidInputException e =
        InvalidInputException.at(
            "omop/measurement.csv", 42, "unit_source_value", "unknown unit 'x'");
    assertEquals(
        "omop/measurement.csv:42: field 'unit_source_value': unknown unit 'x'", e.getMessage());
    assertEquals(42, e.line());
    assertEquals("unit_source_value", e.field().orElseThrow());
    assertEquals("unknown unit 'x'", e.reason());
  }

  @Test
  void argumentErrorsNameTheOption() {
    assertEquals(
        "option '--patients': must be >= 1, got 0",
        InvalidInputException.ofArgument("--patients", "must be >= 1, got 0").getMessage());
  }

  @Test
  void lineIsOmittedWhenUnknown() {
    assertEquals(
        "trials/x.json: field 'protocolSection': missing",
        InvalidInputException.at("trials/x.json", 0, "protocolSection", "missing").getMessage());
  }

  @Test
  void schemaMismatchSaysWhatWasFoundAndWhatIsSupported() {
    assertEquals(
        "model.json: written as stratum-model/9, this build reads stratum-model/1",
        new SchemaMismatchException("model.json", "stratum-model/9", "stratum-model/1")
            .getMessage());
  }
}
