package dev.stratum.notebooks.paragraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One block of a paragraph's output, in the three kinds Zeppelin's display system renders: a table
 * ({@code %table}, which Zeppelin can also draw as bar, pie, line and scatter charts), HTML ({@code
 * %html}; Stratum's charts are self-contained SVG inside it) and plain text ({@code %text}).
 */
public sealed interface Display {

  /**
   * A table: column names and rows of cells, all as text. Zeppelin treats cells that parse as
   * numbers as numbers in its charts, so write numbers plainly (no thousands separators).
   *
   * @param columns column names, at least one
   * @param rows rows with exactly one cell per column
   */
  record Table(List<String> columns, List<List<String>> rows) implements Display {
    public Table {
      columns = List.copyOf(columns);
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("a table needs at least one column");
      }
      List<List<String>> copy = new ArrayList<>(rows.size());
      for (int r = 0; r < rows.size(); r++) {
        List<String> row = rows.get(r);
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException(
              "row "
                  + r
                  + " has "
                  + row.size()
                  + " cells, the table has "
                  + columns.size()
                  + " columns "
                  + columns);
        }
        copy.add(List.copyOf(row));
      }
      rows = List.copyOf(copy);
    }

    /** Zeppelin's {@code %table} text: a header line and one line per row, cells tab-separated. */
    public String toZeppelinTable() {
      StringBuilder sb = new StringBuilder();
      appendLine(sb, columns);
      for (List<String> row : rows) {
        appendLine(sb, row);
      }
      return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells) {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          sb.append('\t');
        }
        sb.append(cell(cells.get(i)));
      }
      sb.append('\n');
    }

    // Tabs and line breaks are the table's own separators; inside a cell they become blanks. A
    // cell starting with "%" would be read by Zeppelin as a display directive (a "%html" cell is
    // shown as HTML), so data can never inject markup: such a cell gets a leading blank.
    private static String cell(String s) {
      if (s == null) {
        return "";
      }
      String c = s.replace('\t', ' ').replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
      return c.startsWith("%") ? " " + c : c;
    }
  }

  /** An HTML fragment; it must be self-contained (no scripts or styles fetched from elsewhere). */
  record Html(String html) implements Display {
    public Html {
      Objects.requireNonNull(html, "html");
    }
  }

  /** Plain text, shown in a fixed-width font. */
  record Text(String text) implements Display {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  static Display table(List<String> columns, List<List<String>> rows) {
    return new Table(columns, rows);
  }

  static Display html(String html) {
    return new Html(html);
  }

  static Display text(String text) {
    return new Text(text);
  }
}
