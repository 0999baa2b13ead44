package dev.stratum.jobs;

/**
 * A raw record failed validation; the message is the reason written to the quarantine. Internal to
 * the ingest steps: it never leaves a Spark task (rejected records become quarantine rows).
 */
final class RecordRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RecordRejectedException(String reason) {
    super(reason, null, false, false);
  }
}
