package dev.stratum.nlp;

import dev.stratum.core.nlp.AssertionStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The {@code nlp assertions} file contract: rows {@code id<TAB>sentence<TAB>target} in, rows {@code
 * id<TAB>negated<TAB>uncertain<TAB>historical<TAB>experiencer} out, one per input row, in input
 * order, after a header row. A header row in the input (first field {@code id}) is skipped. Rows
 * with missing fields are judged with what they have; no row makes it fail.
 */
public final class AssertionTsv {
  /** The output header. */
  public static final String HEADER = "id\tnegated\tuncertain\thistorical\texperiencer";

  private AssertionTsv() {}

  /**
   * Judges every row of {@code in} and writes the results to {@code out}; returns the row count.
   */
  public static int process(BufferedReader in, Writer out, ClinicalNlp nlp) throws IOException {
    out.write(HEADER);
    out.write('\n');
    String line;
    boolean first = true;
    int rows = 0;
    while ((line = in.readLine()) != null) {
      if (first && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String[] f = line.split("\t", -1);
      if (first && f.length >= 2 && f[0].strip().toLowerCase(Locale.ROOT).equals("id")) {
        first = false;
        continue;
      }
      first = false;
      String id = f[0];
      String sentence = f.length > 1 ? f[1] : "";
      String target = f.length > 2 ? f[2] : "";
      AssertionStatus s;
      try {
        s = nlp.assertion(sentence, target);
      } catch (RuntimeException e) {
        // A sentence the pipeline cannot handle still gets its row: nothing asserted.
        s = AssertionStatus.AFFIRMED;
      }
      out.write(
          id
              + '\t'
              + s.negated()
              + '\t'
              + s.uncertain()
              + '\t'
              + s.historical()
              + '\t'
              + s.experiencer().label()
              + '\n');
      rows++;
    }
    out.flush();
    return rows;
  }
}
