package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One OMOP CSV row with typed, validating accessors. Every failure names the file, the row's first
 * line and the column. Reasons never quote the offending value when it could be patient data
 * (dates, numbers, identifiers, text); they do quote vocabulary values (units, concept ids).
 */
final class OmopRow {
  private final String source;
  private final String fileName;
  private final long line;
  private final Map<String, Integer> index;
  private final List<String> fields;

  OmopRow(String source, String fileName, long line, Map<String, Integer> index, List<String> f) {
    this.source = source;
    this.fileName = fileName;
    this.line = line;
    this.index = index;
    this.fields = f;
  }

  long line() {
    return line;
  }

  /** {@code file.csv:line}, the {@code sourceRecord} of the records built from this row. */
  String sourceRecord() {
    return fileName + ":" + line;
  }

  InvalidInputException error(String column, String reason) {
    return InvalidInputException.at(source, line, column, reason);
  }

  /** The raw value, or "" when the column is empty or absent from the header (optional columns). */
  String raw(String column) {
    Integer i = index.get(column);
    return i == null ? "" : fields.get(i);
  }

  /** The value stripped of surrounding blanks, "" when empty. */
  String text(String column) {
    return raw(column).strip();
  }

  String required(String column) {
    String v = text(column);
    if (v.isEmpty()) {
      throw error(column, "required value is empty");
    }
    return v;
  }

  /** A required OMOP integer identifier such as person_id, kept as written. */
  String id(String column) {
    String v = required(column);
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        throw error(column, "not an integer identifier (OMOP ids are integers)");
      }
    }
    if (v.length() > 18) {
      throw error(column, "identifier longer than 18 digits");
    }
    return v;
  }

  /** An optional integer; {@code absent} when empty. */
  long integer(String column, long absent) {
    String v = text(column);
    if (v.isEmpty()) {
      return absent;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw error(column, "not an integer");
    }
  }

  /** An optional decimal number; NaN when empty. */
  double number(String column) {
    String v = text(column);
    if (v.isEmpty()) {
      return Double.NaN;
    }
    double x;
    try {
      x = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw error(column, "not a number");
    }
    if (!Double.isFinite(x) || !plainDecimalEnd(v)) {
      // parseDouble takes "NaN", "Infinity" and suffixes such as "1d"; CSV numbers are plain.
      throw error(column, "not a finite decimal number");
    }
    return x;
  }

  /** An ISO date; null when empty and not required. */
  LocalDate date(String column, boolean required) {
    String v = required ? required(column) : text(column);
    if (v.isEmpty()) {
      return null;
    }
    return isoDate(column, v);
  }

  /**
   * Parses {@code YYYY-MM-DD} by hand: DateTimeFormatter costs about a microsecond a call, which
   * dominates reading a measurement table of tens of millions of rows.
   */
  private LocalDate isoDate(String column, String v) {
    if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
      throw error(column, "not a date (expected YYYY-MM-DD)");
    }
    int y = digits(column, v, 0, 4);
    int m = digits(column, v, 5, 7);
    int d = digits(column, v, 8, 10);
    try {
      return LocalDate.of(y, m, d);
    } catch (DateTimeException e) {
      throw error(column, "not a valid date (expected YYYY-MM-DD)");
    }
  }

  private int digits(String column, String v, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw error(column, "not a date (expected YYYY-MM-DD)");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** The date part of an OMOP datetime ({@code YYYY-MM-DD}, optionally followed by a time). */
  LocalDate datePart(String column) {
    String v = text(column);
    if (v.isEmpty()) {
      return null;
    }
    if (v.length() < 10 || (v.length() > 10 && v.charAt(10) != ' ' && v.charAt(10) != 'T')) {
      throw error(column, "not a datetime (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)");
    }
    return isoDate(column, v.substring(0, 10));
  }

  /**
   * Whether a number Double.parseDouble accepted ends like a plain decimal ("5", "5.", "1e-3"), not
   * with the type suffixes Java allows ("1d", "2f") that no CSV or TSV exporter writes.
   */
  static boolean plainDecimalEnd(String v) {
    char c = v.charAt(v.length() - 1);
    return (c >= '0' && c <= '9') || c == '.';
  }
}
