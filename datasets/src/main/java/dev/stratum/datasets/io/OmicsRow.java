package dev.stratum.datasets.io;

import java.util.Objects;

/**
 * One feature (row) of an omics matrix file: its id and one value per sample column, NaN where
 * missing. Rows stream one at a time so a matrix with many samples need not fit in memory.
 *
 * @param featureId gene symbol or probe id
 * @param values one value per sample, in the header's sample order
 * @param line the line it was read from
 */
public record OmicsRow(String featureId, double[] values, long line) {
  public OmicsRow {
    Objects.requireNonNull(featureId, "featureId");
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  public int size() {
    return values.length;
  }

  public double get(int sample) {
    return values[sample];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OmicsRow r
        && r.featureId.equals(featureId)
        && r.line == line
        && java.util.Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureId, line, java.util.Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "OmicsRow[" + featureId + ", " + values.length + " values, line " + line + "]";
  }
}
