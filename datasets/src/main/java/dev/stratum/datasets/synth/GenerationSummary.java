package dev.stratum.datasets.synth;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a generator run wrote.
 *
 * @param out the output directory
 * @param patients number of patients
 * @param seed the master seed
 * @param asOf the cohort's as-of date
 * @param rows data rows (header excluded) per file, keyed by the path relative to {@code out} with
 *     forward slashes (e.g. {@code omop/person.csv}); for VCF files the number of records, for
 *     omics matrices the number of features, for trial JSON files 1
 * @param stratumSizes patients per latent stratum, index = stratum
 * @param eligiblePerTrial eligible patients per trial id, in catalogue order
 */
public record GenerationSummary(
    Path out,
    long patients,
    long seed,
    LocalDate asOf,
    Map<String, Long> rows,
    long[] stratumSizes,
    Map<String, Long> eligiblePerTrial) {

  public GenerationSummary {
    Objects.requireNonNull(out, "out");
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    stratumSizes = stratumSizes.clone();
    eligiblePerTrial = Collections.unmodifiableMap(new LinkedHashMap<>(eligiblePerTrial));
  }

  @Override
  public long[] stratumSizes() {
    return stratumSizes.clone();
  }

  /** Rows written to one file, 0 when the file was not written. */
  public long rowsOf(String relativePath) {
    return rows.getOrDefault(relativePath, 0L);
  }
}
