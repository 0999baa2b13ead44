package dev.stratum.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;

/**
 * Any table Apache Commons CSV writes (fields with commas, quotes, CR, LF) reads back field for
 * field, and each record is reported at the line it starts on. jqwik prints the seed of a failing
 * case so it can be replayed.
 */
class CsvRecordScannerPropertyTest {

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> field =
        Arbitraries.strings().withChars("ab ,\"\r\n").ofMinLength(0).ofMaxLength(8);
    return field.list().ofSize(3).list().ofMinSize(1).ofMaxSize(20);
  }

  @Property(tries = 300)
  void roundTrip(@ForAll("tables") List<List<String>> rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    List<Long> startLines = new ArrayList<>();
    long line = 1;
    for (List<String> r : rows) {
      // CSVFormat.format writes one record as Commons CSV's printer does, without the separator.
      String written = CSVFormat.RFC4180.format(r.toArray()) + "\r\n";
      sb.append(written);
      startLines.add(line);
      line += lineBreaks(written);
    }
    CsvRecordScanner scanner = new CsvRecordScanner(new StringReader(sb.toString()));
    List<List<String>> back = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    for (CsvRecordScanner.RawRecord r = scanner.next(); r != null; r = scanner.next()) {
      back.add(CsvFields.split("t.csv", r.line(), r.text()));
      lines.add(r.line());
    }
    // A record of empty fields is written as ",," and a single-empty-field line would be blank;
    // with three columns every record has at least two commas, so none is skipped.
    assertEquals(rows, back);
    assertEquals(startLines, lines);
  }

  private static long lineBreaks(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }
}
