package dev.stratum.jobs;

import dev.stratum.core.units.Ucum;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Column checks shared by the raw-record validators; each throws the reason on failure. */
final class FieldChecks {
  private FieldChecks() {}

  static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new RecordRejectedException("field '" + field + "': required, empty");
    }
    return value.strip();
  }

  /** A positive integer id (OMOP person_id, note_id), returned without leading zeros changed. */
  static String id(String field, String value) {
    String v = required(field, value);
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        throw new RecordRejectedException(
            "field '" + field + "': not a non-negative integer id: '" + clip(v) + "'");
      }
    }
    if (v.length() > 18) {
      throw new RecordRejectedException("field '" + field + "': id longer than 18 digits");
    }
    return v;
  }

  /** An ISO date YYYY-MM-DD, or null when empty and not required. */
  static String date(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new RecordRejectedException("field '" + field + "': required date, empty");
      }
      return null;
    }
    String v = value.strip();
    try {
      if (v.length() != 10) {
        throw new DateTimeParseException("length", v, 0);
      }
      return LocalDate.parse(v).toString();
    } catch (DateTimeParseException e) {
      throw new RecordRejectedException(
          "field '" + field + "': not an ISO date YYYY-MM-DD: '" + clip(v) + "'");
    }
  }

  /** A finite decimal number, or null when empty and not required. */
  static String number(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new RecordRejectedException("field '" + field + "': required number, empty");
      }
      return null;
    }
    String v = value.strip();
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)
          || v.endsWith("d")
          || v.endsWith("f")
          || v.endsWith("D")
          || v.endsWith("F")) {
        throw new NumberFormatException(v);
      }
      return Double.toString(d);
    } catch (NumberFormatException e) {
      throw new RecordRejectedException(
          "field '" + field + "': not a decimal number: '" + clip(v) + "'");
    }
  }

  /** An integer in [lo, hi], or null when empty and not required. */
  static String integer(String field, String value, boolean required, long lo, long hi) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new RecordRejectedException("field '" + field + "': required integer, empty");
      }
      return null;
    }
    String v = value.strip();
    long x;
    try {
      x = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new RecordRejectedException("field '" + field + "': not an integer: '" + clip(v) + "'");
    }
    if (x < lo || x > hi) {
      throw new RecordRejectedException(
          "field '" + field + "': " + x + " outside [" + lo + ", " + hi + "]");
    }
    return Long.toString(x);
  }

  /** A UCUM unit known to {@link Ucum}, returned in canonical spelling; null when empty. */
  static String unit(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw new RecordRejectedException("field '" + field + "': required unit, empty");
      }
      return null;
    }
    return Ucum.lookup(value)
        .orElseThrow(
            () ->
                new RecordRejectedException(
                    "field '" + field + "': unknown UCUM unit '" + clip(value.strip()) + "'"));
  }

  static void notBefore(String endField, String end, String startField, String start) {
    if (end != null && start != null && end.compareTo(start) < 0) {
      throw new RecordRejectedException(
          "field '" + endField + "': " + end + " is before " + startField + " " + start);
    }
  }

  static String lower(String v) {
    return v == null ? null : v.strip().toLowerCase(Locale.ROOT);
  }

  static String clip(String v) {
    return v.length() <= 60 ? v : v.substring(0, 57) + "...";
  }
}
