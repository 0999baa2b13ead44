package dev.stratum.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts an RFC 4180 CSV stream into records and remembers the 1-based line on which each record
 * starts, so that a rejected record can be reported by file and line. Only record boundaries are
 * found here (a line break outside double quotes ends a record); the fields are parsed by Spark's
 * CSV reader. Blank lines are not records. An unterminated quote would swallow the rest of the
 * file, so a record is cut after {@code maxLinesPerRecord} physical lines and left to the CSV
 * reader to reject.
 */
final class CsvRecordSplitter implements Iterator<CsvRecordSplitter.Record> {

  /** One record: the line it starts on and its text without the final line break. */
  record Record(long line, String text) {}

  private final BufferedReader in;
  private final int maxLinesPerRecord;
  private long lineNo;
  private Record next;

  CsvRecordSplitter(BufferedReader in, int maxLinesPerRecord) {
    this.in = in;
    this.maxLinesPerRecord = maxLinesPerRecord;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = read();
    }
    return next != null;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Record r = next;
    next = null;
    return r;
  }

  private Record read() {
    try {
      String line;
      do {
        line = in.readLine();
        lineNo++;
        if (line == null) {
          return null;
        }
      } while (line.isBlank());
      long start = lineNo;
      StringBuilder sb = new StringBuilder(line);
      int quotes = count(line);
      int lines = 1;
      while ((quotes & 1) == 1 && lines < maxLinesPerRecord) {
        String more = in.readLine();
        if (more == null) {
          break;
        }
        lineNo++;
        lines++;
        sb.append('\n').append(more);
        quotes += count(more);
      }
      return new Record(start, sb.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int count(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '"') {
        n++;
      }
    }
    return n;
  }
}
