package dev.stratum.stratification;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The frozen preparation of one layer: which features, log transform, standardization, PCA rotation
 * and block weight. Applying it to a new patient's raw values gives exactly the coordinates the
 * training patients had.
 *
 * @param layer layer name
 * @param log2 whether values are log2(x+1)-transformed first
 * @param features kept feature ids, in column order
 * @param mean per-feature mean after the log transform (training patients)
 * @param sd per-feature standard deviation after the log transform
 * @param rotation PCA loadings, {@code rotation[component][feature]}; empty for no PCA
 * @param weight factor applied to the block so every layer has total variance 1
 */
public record LayerTransform(
    String layer,
    boolean log2,
    List<String> features,
    double[] mean,
    double[] sd,
    double[][] rotation,
    double weight) {

  public LayerTransform {
    features = List.copyOf(features);
    mean = mean.clone();
    sd = sd.clone();
    rotation = deepCopy(rotation);
    if (mean.length != features.size() || sd.length != features.size()) {
      throw new IllegalArgumentException("mean/sd length must equal the number of features");
    }
    for (double[] r : rotation) {
      if (r.length != features.size()) {
        throw new IllegalArgumentException("rotation rows must have one loading per feature");
      }
    }
  }

  static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] sd() {
    return sd.clone();
  }

  @Override
  public double[][] rotation() {
    return deepCopy(rotation);
  }

  /** Width of the prepared block. */
  public int dimension() {
    return rotation.length == 0 ? features.size() : rotation.length;
  }

  /**
   * The z-scores of one patient's raw values (keyed by feature id); missing or absent features are
   * imputed with the training mean (z = 0).
   */
  public double[] standardize(Map<String, Double> raw) {
    double[] z = new double[features.size()];
    for (int j = 0; j < z.length; j++) {
      Double v = raw.get(features.get(j));
      z[j] = v == null || v.isNaN() ? 0 : zscore(j, v);
    }
    return z;
  }

  double zscore(int j, double v) {
    double x = log2 ? log2p1(v) : v;
    return (x - mean[j]) / sd[j];
  }

  static double log2p1(double v) {
    return Math.log1p(Math.max(v, 0)) / Math.log(2);
  }

  /** The prepared block (PCA scores times weight) from a patient's z-scores. */
  public double[] project(double[] z) {
    int d = dimension();
    double[] out = new double[d];
    if (rotation.length == 0) {
      for (int j = 0; j < d; j++) {
        out[j] = z[j] * weight;
      }
      return out;
    }
    for (int c = 0; c < d; c++) {
      double s = 0;
      double[] r = rotation[c];
      for (int j = 0; j < z.length; j++) {
        s += r[j] * z[j];
      }
      out[c] = s * weight;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerTransform t
        && t.layer.equals(layer)
        && t.log2 == log2
        && t.features.equals(features)
        && Arrays.equals(t.mean, mean)
        && Arrays.equals(t.sd, sd)
        && Arrays.deepEquals(t.rotation, rotation)
        && t.weight == weight;
  }

  @Override
  public int hashCode() {
    return layer.hashCode() * 31 + features.hashCode();
  }

  @Override
  public String toString() {
    return "LayerTransform[" + layer + ", " + features.size() + " features -> " + dimension() + "]";
  }
}
