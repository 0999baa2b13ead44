package dev.stratum.core.genomics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One omics layer as a dense matrix in the TCGA/GDC orientation: features down, samples across.
 * Missing values are NaN. The record copies the arrays it is given and hands out copies.
 *
 * @param layer the layer name, e.g. {@code expression}, {@code protein}, {@code methylation}
 * @param featureIds row identifiers (gene symbols, probe ids)
 * @param sampleIds column identifiers (person ids)
 * @param values {@code values[feature][sample]}
 */
public record OmicsMatrix(
    String layer, List<String> featureIds, List<String> sampleIds, double[][] values) {

  public OmicsMatrix {
    Objects.requireNonNull(layer, "layer");
    featureIds = List.copyOf(featureIds);
    sampleIds = List.copyOf(sampleIds);
    if (values.length != featureIds.size()) {
      throw new IllegalArgumentException(
          "values has " + values.length + " rows but there are " + featureIds.size() + " features");
    }
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      if (values[i].length != sampleIds.size()) {
        throw new IllegalArgumentException(
            "row " + i + " has " + values[i].length + " values, expected " + sampleIds.size());
      }
      copy[i] = values[i].clone();
    }
    values = copy;
  }

  @Override
  public double[][] values() {
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i].clone();
    }
    return copy;
  }

  public int featureCount() {
    return featureIds.size();
  }

  public int sampleCount() {
    return sampleIds.size();
  }

  public double get(int feature, int sample) {
    return values[feature][sample];
  }

  /** One sample's profile across all features (a copy). */
  public double[] sampleVector(int sample) {
    double[] v = new double[values.length];
    for (int f = 0; f < values.length; f++) {
      v[f] = values[f][sample];
    }
    return v;
  }

  /** Samples as rows, features as columns: the orientation clustering libraries expect. */
  public double[][] samplesByFeatures() {
    double[][] t = new double[sampleIds.size()][];
    for (int s = 0; s < t.length; s++) {
      t[s] = sampleVector(s);
    }
    return t;
  }

  /** Index of each sample id. */
  public Map<String, Integer> sampleIndex() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < sampleIds.size(); i++) {
      m.put(sampleIds.get(i), i);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OmicsMatrix m
        && m.layer.equals(layer)
        && m.featureIds.equals(featureIds)
        && m.sampleIds.equals(sampleIds)
        && Arrays.deepEquals(m.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layer, featureIds, sampleIds, Arrays.deepHashCode(values));
  }

  @Override
  public String toString() {
    return "OmicsMatrix["
        + layer
        + ", "
        + featureCount()
        + " features x "
        + sampleCount()
        + " samples]";
  }
}
