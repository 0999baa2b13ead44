package dev.stratum.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The paragraph commands used from plain Java (Zeppelin's %spark or %java paragraphs). */
class ParagraphsTest {

  @Test
  void renderGivesZeppelinDisplayText() {
    // 1.5 mg/dL = 15 mg/L (UCUM: dL = 0.1 L)
    assertEquals(
        "%table\nvalue\tunit\tconverted\tconverted_unit\n1.5\tmg/dL\t15\tmg/L\n",
        Paragraphs.render("units convert 1.5 mg/dL mg/L"));
    assertTrue(Paragraphs.render("units chart 1 g/L").startsWith("%html\n<svg "));
    assertTrue(Paragraphs.render("version").startsWith("%text\nstratum "));
  }

  @Test
  void errorsAreThrownWithTheParagraphMessage() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Paragraphs.render("units convert 1 x y"));
    assertEquals(
        "option 'FROM': unknown unit 'x' (type units list for the known ones)", e.getMessage());
  }
}
