package dev.stratum.trialsim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A result as a table of text cells, the one presentation the CLI and the notebooks both show.
 *
 * @param header column names
 * @param rows rows of cells, each as long as the header
 */
public record ResultTable(List<String> header, List<List<String>> rows) {
  public ResultTable {
    header = List.copyOf(header);
    List<List<String>> copy = new ArrayList<>();
    for (List<String> r : rows) {
      if (r.size() != header.size()) {
        throw new IllegalArgumentException(
            "row of " + r.size() + " cells under a header of " + header.size() + ": " + r);
      }
      copy.add(List.copyOf(r));
    }
    rows = List.copyOf(copy);
  }

  /**
   * How a front end writes a number: the CLI with a fixed number of decimals, the notebooks with
   * significant digits. NaN and infinities are the formatter's to spell.
   */
  @FunctionalInterface
  public interface NumberFormatter {
    /** {@code x} with about {@code digits} digits. */
    String format(double x, int digits);
  }
}
