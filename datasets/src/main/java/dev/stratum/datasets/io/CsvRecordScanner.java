package dev.stratum.datasets.io;

import java.io.IOException;
import java.io.Reader;

/**
 * Finds RFC 4180 record boundaries in a character stream and returns each record's exact text and
 * the line it starts on, so that a quoted {@code note_text} spanning several lines stays one record
 * and a quarantined record can be replayed byte for byte. Field splitting is left to {@link
 * CsvFields} (Apache Commons CSV for quoted records).
 *
 * <p>A quote opens a quoted field only at the start of a field, as in RFC 4180 section 2 and as
 * Commons CSV reads it. Blank lines between records are skipped (their lines still count). A UTF-8
 * byte-order mark at the start is dropped.
 */
final class CsvRecordScanner {
  /** One record's text without its line terminator. */
  record RawRecord(long line, String text, boolean unterminatedQuote, int openQuoteField) {}

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int len;
  private int pos;
  private boolean eof;
  private boolean first = true;
  private long line = 1;
  private final StringBuilder sb = new StringBuilder(256);

  CsvRecordScanner(Reader in) {
    this.in = in;
  }

  /** 1-based number of the line the next character is on. */
  long line() {
    return line;
  }

  /** The next record, or null at the end of the input. */
  RawRecord next() throws IOException {
    sb.setLength(0);
    int state = FIELD_START;
    int field = 0;
    int quoteField = -1;
    long start = line;
    while (true) {
      int c = read();
      if (c < 0) {
        if (sb.length() == 0 && state == FIELD_START && field == 0) {
          return null;
        }
        return new RawRecord(start, sb.toString(), state == QUOTED, quoteField);
      }
      if (c == '\r' || c == '\n') {
        String eol = c == '\r' && peek() == '\n' ? "\r\n" : String.valueOf((char) c);
        if (eol.length() == 2) {
          read();
        }
        line++;
        if (state == QUOTED) {
          sb.append(eol);
          continue;
        }
        if (sb.length() == 0) {
          start = line; // a blank line between records
          continue;
        }
        return new RawRecord(start, sb.toString(), false, quoteField);
      }
      sb.append((char) c);
      switch (state) {
        case FIELD_START -> {
          if (c == '"') {
            state = QUOTED;
            quoteField = field;
          } else if (c == ',') {
            field++;
          } else {
            state = UNQUOTED;
          }
        }
        case UNQUOTED -> {
          if (c == ',') {
            state = FIELD_START;
            field++;
          }
        }
        case QUOTED -> {
          if (c == '"') {
            state = QUOTE_IN_QUOTED;
          }
        }
        default -> { // QUOTE_IN_QUOTED: "" is an escaped quote, anything else ends the field
          if (c == '"') {
            state = QUOTED;
          } else if (c == ',') {
            state = FIELD_START;
            field++;
          } else {
            state = UNQUOTED; // malformed; Commons CSV rejects the record when splitting it
          }
        }
      }
    }
  }

  private int read() throws IOException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos];
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    len = in.read(buf, 0, buf.length);
    pos = 0;
    if (len <= 0) {
      eof = true;
      len = 0;
      return false;
    }
    if (first) {
      first = false;
      if (buf[0] == '\uFEFF') {
        pos = 1;
        return pos < len || fill();
      }
    }
    return true;
  }
}
