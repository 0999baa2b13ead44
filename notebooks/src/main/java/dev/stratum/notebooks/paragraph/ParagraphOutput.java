package dev.stratum.notebooks.paragraph;

import java.util.List;

/**
 * What a paragraph shows: one or more {@link Display} blocks, in order (e.g. a table of numbers and
 * the SVG chart drawn from it).
 *
 * @param blocks at least one block
 */
public record ParagraphOutput(List<Display> blocks) {
  public ParagraphOutput {
    blocks = List.copyOf(blocks);
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("a paragraph output needs at least one block");
    }
  }

  public static ParagraphOutput of(Display... blocks) {
    return new ParagraphOutput(List.of(blocks));
  }

  public static ParagraphOutput table(List<String> columns, List<List<String>> rows) {
    return of(Display.table(columns, rows));
  }

  public static ParagraphOutput html(String html) {
    return of(Display.html(html));
  }

  public static ParagraphOutput text(String text) {
    return of(Display.text(text));
  }
}
