package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.util.Objects;

/**
 * One record as a {@link RecordCursor} found it: either a value or the validation error that
 * rejected it, with the raw text either way.
 *
 * @param line 1-based line where the record starts
 * @param raw the record's text without its final line break
 * @param value the parsed record, null when {@code error} is set
 * @param error why the record was rejected, null when it was accepted
 */
public record Parsed<T>(long line, String raw, T value, InvalidInputException error) {
  public Parsed {
    if ((value == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of value and error must be set");
    }
    raw = raw == null ? "" : raw;
  }

  public static <T> Parsed<T> ok(long line, String raw, T value) {
    return new Parsed<>(line, raw, Objects.requireNonNull(value, "value"), null);
  }

  public static <T> Parsed<T> bad(long line, String raw, InvalidInputException error) {
    return new Parsed<>(line, raw, null, Objects.requireNonNull(error, "error"));
  }

  public boolean accepted() {
    return error == null;
  }
}
