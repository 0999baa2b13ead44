package dev.stratum.jobs;

/**
 * Steps of a snapshot commit after which a test can make the job fail, to check that a crash at any
 * of them leaves the previous snapshot current and a rerun succeeds.
 */
public enum FailurePoint {
  /** Tables written to the temporary directory. */
  AFTER_TABLES,
  /** Parquet footers stamped with schema version and producer. */
  AFTER_FOOTERS,
  /** Manifest written and everything synced, not yet renamed. */
  AFTER_MANIFEST,
  /** Snapshot directory renamed into place, pointer not yet written. */
  AFTER_SNAPSHOT_RENAME,
  /** New pointer written to its temporary file, not yet moved over CURRENT. */
  AFTER_POINTER_TEMP
}
