package dev.stratum.notebooks.paragraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DisplayTest {

  @Test
  void tableIsTabSeparatedWithHeaderAndCellsCannotBreakIt() {
    Display.Table t =
        new Display.Table(
            List.of("criterion", "text"),
            List.of(List.of("c1", "age >= 18\tand\nconsent"), List.of("c2", "%html <b>x</b>")));
    assertEquals(
        "criterion\ttext\nc1\tage >= 18 and consent\nc2\t %html <b>x</b>\n", t.toZeppelinTable());
  }

  @Test
  void rowsMustMatchColumns() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Display.Table(List.of("a", "b"), List.of(List.of("1"))));
    assertEquals("row 0 has 1 cells, the table has 2 columns [a, b]", e.getMessage());
  }
}
