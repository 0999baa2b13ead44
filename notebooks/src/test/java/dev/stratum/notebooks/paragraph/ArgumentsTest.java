package dev.stratum.notebooks.paragraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  private static final Syntax MEANS =
      Syntax.of("sample-size means", "--delta D --sd S", "test syntax")
          .withOptions("delta", "sd", "power", "omics")
          .withFlags("strict");

  private static Arguments parse(String line) {
    return Arguments.parse(MEANS, Tokenizer.split(line));
  }

  @Test
  void optionsFlagsAndPositionals() {
    Arguments a = parse("--delta 0.5 --sd=1 --strict extra --omics a=x.tsv --omics b=y.tsv");
    assertEquals(0.5, a.number("delta", 0), 0);
    assertEquals(1.0, a.number("sd", 0), 0);
    assertEquals(0.8, a.number("power", 0.8), 0);
    assertTrue(a.flag("strict"));
    assertEquals(List.of("extra"), a.positionals());
    assertEquals(List.of("a=x.tsv", "b=y.tsv"), a.all("omics"));
    assertEquals(Optional.of("b=y.tsv"), a.option("omics"));
  }

  @Test
  void doubleDashEndsOptions() {
    Arguments a = parse("-- --delta");
    assertEquals(List.of("--delta"), a.positionals());
    assertFalse(a.option("delta").isPresent());
  }

  @Test
  void negativeNumbersAreValues() {
    assertEquals(-0.5, parse("--delta -0.5").number("delta", 0), 0);
  }

  @Test
  void errorsNameTheOptionAndWhatIsAccepted() {
    assertEquals(
        "option '--frob': unknown option for 'sample-size means' (known: --delta, --omics,"
            + " --power, --sd, --strict)",
        assertThrows(InvalidInputException.class, () -> parse("--frob 1")).getMessage());
    assertEquals(
        "option '--delta': needs a value",
        assertThrows(InvalidInputException.class, () -> parse("--delta")).getMessage());
    assertEquals(
        "option '--strict': is a flag and takes no value",
        assertThrows(InvalidInputException.class, () -> parse("--strict=yes")).getMessage());
    assertEquals(
        "option '--delta': expected a number, got 'half'",
        assertThrows(InvalidInputException.class, () -> parse("--delta half").number("delta", 0))
            .getMessage());
    assertEquals(
        "option '--sd': is required",
        assertThrows(InvalidInputException.class, () -> parse("").required("sd")).getMessage());
    assertEquals(
        "option 'sample-size means': expected 0 argument(s), got 1; usage: u",
        assertThrows(InvalidInputException.class, () -> parse("x").expectPositionals(0, 0, "u"))
            .getMessage());
  }

  @Test
  void integerRange() {
    assertEquals(3, parse("--power 3").integer("power", 1, 1, 5));
    assertEquals(
        "option '--power': must be in [1, 5], got 9",
        assertThrows(
                InvalidInputException.class, () -> parse("--power 9").integer("power", 1, 1, 5))
            .getMessage());
  }
}
