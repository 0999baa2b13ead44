package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.OmicsMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an omics matrix in the TCGA/GDC orientation: a tab-separated header {@code
 * feature_id<TAB>sample...}, then one row per feature. Values are decimal numbers; {@code NA},
 * {@code NaN} or empty mean missing (NaN). Sample ids must be unique in the header and feature ids
 * unique down the file; the {@code methylation} layer holds beta values in [0, 1].
 *
 * <p>Rows stream ({@link #stream}); {@link #readMatrix} assembles the dense {@link OmicsMatrix} the
 * stratification code takes. The layer is the file name without its extension ({@code
 * expression.tsv} is layer {@code expression}).
 */
public final class OmicsTsvReader extends RecordReader<OmicsRow> {

  @Override
  public String format() {
    return "omics-tsv";
  }

  /** The layer a file holds: its name up to the first dot. */
  public static String layerOf(Path path) {
    String name = String.valueOf(path.getFileName());
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /**
   * Sample ids of a header line, validated.
   *
   * @throws InvalidInputException for an empty or duplicated sample id
   */
  public static List<String> parseHeader(String source, String headerLine) {
    String[] cols = headerLine.split("\t", -1);
    if (cols.length < 2) {
      throw InvalidInputException.at(
          source, 1, null, "header has no sample columns (expected feature_id<TAB>sample...)");
    }
    if (cols[0].strip().isEmpty()) {
      throw InvalidInputException.at(
          source, 1, "column 1", "empty name for the feature id column (expected feature_id)");
    }
    List<String> samples = new ArrayList<>(cols.length - 1);
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < cols.length; i++) {
      String id = cols[i].strip();
      if (id.isEmpty()) {
        throw InvalidInputException.at(source, 1, "column " + (i + 1), "empty sample id");
      }
      if (!seen.add(id)) {
        throw InvalidInputException.at(source, 1, id, "sample id appears twice in the header");
      }
      samples.add(id);
    }
    return samples;
  }

  /**
   * Parses one feature row; the line-at-a-time entry point for batch jobs. Duplicate feature ids
   * are a file-level property that {@link #open} checks; this checks one row alone.
   *
   * @param layer the layer, which decides the allowed range (methylation: [0, 1])
   * @param samples the header's sample ids
   * @throws InvalidInputException naming source, line and sample column
   */
  public static OmicsRow parseRow(
      String source, String layer, List<String> samples, long line, String text) {
    String[] cols = text.split("\t", -1);
    if (cols.length != samples.size() + 1) {
      String field = cols.length < samples.size() + 1 ? samples.get(cols.length - 1) : null;
      throw InvalidInputException.at(
          source,
          line,
          field,
          "row has " + cols.length + " columns but the header has " + (samples.size() + 1));
    }
    String feature = cols[0].strip();
    if (feature.isEmpty()) {
      throw InvalidInputException.at(source, line, "feature_id", "empty feature id");
    }
    boolean beta = layer.equals("methylation");
    double[] values = new double[samples.size()];
    for (int i = 0; i < values.length; i++) {
      String v = cols[i + 1].strip();
      if (v.isEmpty() || v.equals("NA") || v.equals("NaN")) {
        values[i] = Double.NaN;
        continue;
      }
      double x;
      try {
        x = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw InvalidInputException.at(
            source, line, samples.get(i), "not a number (missing values are NA or empty)");
      }
      if (!Double.isFinite(x) || !plainDecimalEnd(v)) {
        throw InvalidInputException.at(source, line, samples.get(i), "not a finite decimal number");
      }
      if (beta && (x < 0 || x > 1)) {
        throw InvalidInputException.at(
            source, line, samples.get(i), "methylation beta value outside [0, 1]");
      }
      values[i] = x;
    }
    return new OmicsRow(feature, values, line);
  }

  /** The sample ids of {@code path}'s header, without reading the rows. */
  public List<String> samples(Path path) {
    try (Cursor c = (Cursor) open(path)) {
      return c.samples;
    }
  }

  @Override
  public RecordCursor<OmicsRow> open(Path path) {
    String source = path.toString();
    BufferedReader reader = new BufferedReader(Inputs.open(path), 1 << 16);
    try {
      String header = reader.readLine();
      if (header == null || header.isEmpty()) {
        throw InvalidInputException.at(
            source, 1, null, "empty file: expected a header feature_id<TAB>sample...");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      return new Cursor(path, layerOf(path), reader, parseHeader(source, header));
    } catch (IOException e) {
      Inputs.closeQuietly(reader);
      throw Inputs.unreadable(path, 1, e);
    } catch (RuntimeException e) {
      Inputs.closeQuietly(reader);
      throw e;
    }
  }

  /**
   * The whole matrix of {@code path}, with bad rows handled by {@code policy} (a quarantined row is
   * left out). Holds features x samples doubles in memory.
   */
  public OmicsMatrix readMatrix(Path path, ReadPolicy policy) {
    List<String> features = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    List<String> samples;
    try (Cursor c = (Cursor) open(path)) {
      samples = c.samples;
      for (Parsed<OmicsRow> p = c.next(); p != null; p = c.next()) {
        if (p.accepted()) {
          features.add(p.value().featureId());
          rows.add(p.value().values());
        } else {
          policy.reject(p.error(), p.raw());
        }
      }
    }
    return new OmicsMatrix(layerOf(path), features, samples, rows.toArray(new double[0][]));
  }

  private static final class Cursor implements RecordCursor<OmicsRow> {
    private final Path path;
    private final String layer;
    private final BufferedReader reader;
    private final List<String> samples;
    private final Map<String, Long> features = new HashMap<>();
    private long line = 1;

    Cursor(Path path, String layer, BufferedReader reader, List<String> samples) {
      this.path = path;
      this.layer = layer;
      this.reader = reader;
      this.samples = List.copyOf(samples);
    }

    @Override
    public Parsed<OmicsRow> next() {
      String s;
      try {
        do {
          s = reader.readLine();
          line++;
        } while (s != null && s.isEmpty());
      } catch (IOException e) {
        throw Inputs.unreadable(path, line, e);
      }
      if (s == null) {
        return null;
      }
      try {
        OmicsRow row = parseRow(path.toString(), layer, samples, line, s);
        Long first = features.putIfAbsent(row.featureId(), line);
        if (first != null) {
          throw InvalidInputException.at(
              path.toString(),
              line,
              "feature_id",
              "feature id appears twice (first on line " + first + ")");
        }
        return Parsed.ok(line, s, row);
      } catch (InvalidInputException e) {
        return Parsed.bad(line, s, e);
      }
    }

    @Override
    public void close() {
      Inputs.closeQuietly(reader);
    }
  }

  /**
   * Whether a number Double.parseDouble accepted ends like a plain decimal ("5", "5.", "1e-3"), not
   * with the type suffixes Java allows ("1d", "2f") that no CSV or TSV exporter writes.
   */
  static boolean plainDecimalEnd(String v) {
    char c = v.charAt(v.length() - 1);
    return (c >= '0' && c <= '9') || c == '.';
  }
}
