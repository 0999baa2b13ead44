package dev.stratum.stratification.io;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.OmicsMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one omics layer in the TCGA/GDC orientation (docs/data-formats.md): header {@code
 * feature_id<TAB>sample...}, one row per feature, decimal values, {@code NA} or empty for missing.
 * Every problem is reported with path, 1-based line and field (sample id or column number).
 */
public final class OmicsTsvReader {
  private OmicsTsvReader() {}

  /** Reads {@code file} as layer {@code layer}; missing values become NaN. */
  public static OmicsMatrix read(String layer, Path file) {
    String path = file.toString();
    if (!Files.isRegularFile(file)) {
      throw InvalidInputException.at(path, 0, null, "omics file does not exist or is not a file");
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || header.isBlank()) {
        throw InvalidInputException.at(path, 1, "header", "empty file: expected a header row");
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      String[] cols = header.split("\t", -1);
      if (cols.length < 2) {
        throw InvalidInputException.at(
            path, 1, "header", "expected feature_id and at least one sample id, separated by tabs");
      }
      List<String> samples = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int c = 1; c < cols.length; c++) {
        String s = cols[c].strip();
        if (s.isEmpty()) {
          throw InvalidInputException.at(path, 1, "column " + (c + 1), "empty sample id");
        }
        if (!seen.add(s)) {
          throw InvalidInputException.at(path, 1, s, "duplicate sample id");
        }
        samples.add(s);
      }
      List<String> features = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      Set<String> seenFeatures = new HashSet<>();
      String line;
      long lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != cols.length) {
          throw InvalidInputException.at(
              path,
              lineNo,
              null,
              "expected "
                  + cols.length
                  + " tab-separated fields as in the header, found "
                  + f.length);
        }
        String id = f[0].strip();
        if (id.isEmpty()) {
          throw InvalidInputException.at(path, lineNo, "feature_id", "empty feature id");
        }
        if (!seenFeatures.add(id)) {
          throw InvalidInputException.at(path, lineNo, "feature_id", "duplicate feature id " + id);
        }
        double[] v = new double[samples.size()];
        for (int c = 1; c < f.length; c++) {
          String s = f[c].strip();
          if (s.isEmpty() || s.equals("NA") || s.equals("NaN")) {
            v[c - 1] = Double.NaN;
            continue;
          }
          try {
            v[c - 1] = Double.parseDouble(s);
          } catch (NumberFormatException e) {
            throw InvalidInputException.at(
                path, lineNo, samples.get(c - 1), "not a number: '" + s + "'", e);
          }
          if (Double.isInfinite(v[c - 1])) {
            throw InvalidInputException.at(
                path, lineNo, samples.get(c - 1), "infinite value '" + s + "'");
          }
        }
        features.add(id);
        rows.add(v);
      }
      if (features.isEmpty()) {
        throw InvalidInputException.at(path, lineNo, null, "no feature rows after the header");
      }
      return new OmicsMatrix(layer, features, samples, rows.toArray(new double[0][]));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
