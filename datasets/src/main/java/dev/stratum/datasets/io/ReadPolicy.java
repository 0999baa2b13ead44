package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.util.Objects;

/**
 * What a reader does with a record that fails validation: stop ({@link #strict()}, the first bad
 * record throws {@link InvalidInputException} with path, line and field) or hand it to a {@link
 * Quarantine} and go on ({@link #lenient}). Either way every input record is accounted for: records
 * read = records accepted + records quarantined.
 *
 * <p>Problems that make the rest of a file unreadable (an empty file, a header without a required
 * column, an unterminated quoted CSV field, a JSON syntax error, a broken VCF header) are thrown in
 * both modes: no record after them can be identified, so none can be quarantined.
 */
public final class ReadPolicy {
  private static final ReadPolicy STRICT = new ReadPolicy(null);

  private final Quarantine quarantine;

  private ReadPolicy(Quarantine quarantine) {
    this.quarantine = quarantine;
  }

  /** Throw on the first bad record. */
  public static ReadPolicy strict() {
    return STRICT;
  }

  /** Hand every bad record to {@code quarantine} and continue. */
  public static ReadPolicy lenient(Quarantine quarantine) {
    return new ReadPolicy(Objects.requireNonNull(quarantine, "quarantine"));
  }

  public boolean isStrict() {
    return quarantine == null;
  }

  /**
   * Deals with a bad record: throws {@code error} in strict mode, quarantines it in lenient mode.
   *
   * @param error the validation error, located at path, line and field
   * @param raw the record's text as read
   */
  public void reject(InvalidInputException error, String raw) {
    if (quarantine == null) {
      throw error;
    }
    quarantine.accept(QuarantinedRecord.of(error, raw));
  }
}
