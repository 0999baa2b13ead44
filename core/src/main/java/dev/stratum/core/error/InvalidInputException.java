package dev.stratum.core.error;

import java.util.Optional;

/**
 * Input a user can fix: a bad option value, or a file record that fails validation. Carries the
 * location (path, 1-based line, field) so that the message reads {@code path:line: field 'x':
 * reason}, the form every Stratum reader reports.
 */
public class InvalidInputException extends StratumException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final long line;
  private final String field;
  private final String reason;

  private InvalidInputException(String path, long line, String field, String reason, Throwable t) {
    super(format(path, line, field, reason), t);
    this.path = path;
    this.line = line;
    this.field = field;
    this.reason = reason;
  }

  /** A problem with an option or argument, not tied to a file. */
  public static InvalidInputException ofArgument(String option, String reason) {
    return new InvalidInputException(null, 0, option, reason, null);
  }

  /** A problem at a location in a file; {@code line} is 1-based, 0 when unknown. */
  public static InvalidInputException at(String path, long line, String field, String reason) {
    return new InvalidInputException(path, line, field, reason, null);
  }

  /** As {@link #at} with the underlying cause kept for debugging. */
  public static InvalidInputException at(
      String path, long line, String field, String reason, Throwable cause) {
    return new InvalidInputException(path, line, field, reason, cause);
  }

  private static String format(String path, long line, String field, String reason) {
    StringBuilder sb = new StringBuilder();
    if (path != null) {
      sb.append(path);
      if (line > 0) {
        sb.append(':').append(line);
      }
      sb.append(": ");
    }
    if (field != null) {
      sb.append(path == null ? "option " : "field ").append('\'').append(field).append("': ");
    }
    return sb.append(reason).toString();
  }

  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** 1-based line number, or 0 when the error is not tied to a line. */
  public long line() {
    return line;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** The reason alone, without the location prefix. */
  public String reason() {
    return reason;
  }
}
