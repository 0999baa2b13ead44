package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A reader of one input format. Records stream one at a time, so a table of any size reads in
 * constant memory; what happens to invalid records is the caller's {@link ReadPolicy}.
 *
 * <p>Every implementation passes the same contract (see {@code RecordReaderContract} in the tests):
 * file-level problems throw {@link InvalidInputException} naming the path; bad records throw in
 * strict mode and are quarantined with path, line, field, raw text and reason in lenient mode; and
 * records read = accepted + quarantined.
 *
 * @param <T> the record type produced
 */
public abstract class RecordReader<T> {

  /** Short name of the format for reports, e.g. {@code omop:person}, {@code vcf}. */
  public abstract String format();

  /**
   * Opens {@code path} and validates what precedes the records (header, column names, VCF meta
   * lines).
   *
   * @throws InvalidInputException when the file cannot be read or its header is invalid
   */
  public abstract RecordCursor<T> open(Path path);

  /**
   * The valid records of {@code path}, lazily; invalid ones go to {@code policy}. Close the stream
   * (try-with-resources) to release the file.
   *
   * @throws InvalidInputException at once for header problems, and while streaming for a bad record
   *     in strict mode or an unreadable rest of file
   */
  public final Stream<T> stream(Path path, ReadPolicy policy) {
    RecordCursor<T> cursor = open(path);
    Spliterator<T> records =
        new Spliterators.AbstractSpliterator<T>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super T> action) {
            for (Parsed<T> p = cursor.next(); p != null; p = cursor.next()) {
              if (p.accepted()) {
                action.accept(p.value());
                return true;
              }
              policy.reject(p.error(), p.raw());
            }
            return false;
          }
        };
    return StreamSupport.stream(records, false).onClose(cursor::close);
  }

  /**
   * Reads all of {@code path}, handing valid records to {@code sink} and invalid ones to {@code
   * policy}, and returns the counts.
   */
  public final ReadCounts read(Path path, ReadPolicy policy, Consumer<? super T> sink) {
    long read = 0;
    long accepted = 0;
    try (RecordCursor<T> cursor = open(path)) {
      for (Parsed<T> p = cursor.next(); p != null; p = cursor.next()) {
        read++;
        if (p.accepted()) {
          accepted++;
          sink.accept(p.value());
        } else {
          policy.reject(p.error(), p.raw());
        }
      }
    }
    return new ReadCounts(path.toString(), read, accepted, read - accepted);
  }

  /** Every record of a small file, strictly; for tests and small inputs such as a trial file. */
  public final List<T> readAll(Path path) {
    List<T> out = new ArrayList<>();
    read(path, ReadPolicy.strict(), out::add);
    return out;
  }
}
