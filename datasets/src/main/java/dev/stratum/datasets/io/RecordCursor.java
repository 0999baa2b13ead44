package dev.stratum.datasets.io;

/**
 * An open source positioned between records: the service a {@link RecordReader} implements once per
 * format. Not thread-safe; one cursor per file.
 */
public interface RecordCursor<T> extends AutoCloseable {
  /**
   * The next record, accepted or rejected, or null at the end of the input.
   *
   * @throws dev.stratum.core.error.InvalidInputException when the rest of the file cannot be read
   *     (a syntax error no record boundary can be found after)
   */
  Parsed<T> next();

  /** Releases the file; never throws. */
  @Override
  void close();
}
