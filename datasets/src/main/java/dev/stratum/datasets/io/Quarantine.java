package dev.stratum.datasets.io;

/**
 * Receives the records a lenient reader rejects. Implementations typically append them to a
 * quarantine file or table; the reader continues with the next record after the call returns.
 */
@FunctionalInterface
public interface Quarantine {
  /** Takes one rejected record; called in input order. */
  void accept(QuarantinedRecord record);
}
