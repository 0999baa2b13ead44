package dev.stratum.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One raw input after validation.
 *
 * @param source the input's path relative to the raw directory (omop/measurement.csv)
 * @param family the long table its accepted rows feed, or "" when none (person, note)
 * @param records one row per input record: {@code line, reason} (reason null when accepted), plus
 *     {@code date} when the source is dated (for --as-of accounting)
 * @param quarantine the rejected records: {@code source, line, raw, reason}
 * @param accepted the accepted output rows, keyed by {@code person_src} (not yet pseudonymized)
 * @param dateColumn the column of {@code accepted} and {@code records} that dates a row, or null
 * @param cached the persisted dataset the others derive from (unpersisted when the job ends)
 */
record SourceData(
    String source,
    String family,
    Dataset<Row> records,
    Dataset<Row> quarantine,
    Dataset<Row> accepted,
    String dateColumn,
    Dataset<Row> cached) {}
