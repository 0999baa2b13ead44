package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.util.Objects;

/**
 * An input record that failed validation in lenient mode, with everything needed to account for it
 * and to fix or replay it.
 *
 * @param source the file it came from, as the reader was given it
 * @param line 1-based line where the record starts (a quoted multi-line CSV record reports its
 *     first line); 0 when the problem is not tied to a line
 * @param field the column, INFO/FORMAT key or JSON/XML path at fault; empty when the whole record
 *     is at fault (e.g. too many fields)
 * @param raw the record exactly as it appears in the file, without its final line break. It holds
 *     patient data: keep it in the quarantine area, never print it in reports
 * @param reason why it was rejected, in words a user can act on; never contains patient values
 */
public record QuarantinedRecord(String source, long line, String field, String raw, String reason) {
  public QuarantinedRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    field = field == null ? "" : field;
    raw = raw == null ? "" : raw;
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  /** The quarantine entry for a validation error and the raw record it was raised for. */
  public static QuarantinedRecord of(InvalidInputException error, String raw) {
    return new QuarantinedRecord(
        error.path().orElse(""), error.line(), error.field().orElse(""), raw, error.reason());
  }

  /**
   * The one-line location and reason, {@code path:line: field 'x': reason}, as {@link
   * InvalidInputException} formats it. Safe to print: it carries no field values.
   */
  public String message() {
    return toException().getMessage();
  }

  /** The same problem as the exception a strict reader throws. */
  public InvalidInputException toException() {
    return InvalidInputException.at(source, line, field.isEmpty() ? null : field, reason);
  }
}
