package dev.stratum.stratification;

import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.stratification.stats.RandomizedPca;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Turns raw layers into clustering space, per layer: optional log2(x+1), drop features missing too
 * often or constant, keep the highest-variance features, standardize (z-scores), impute missing
 * values with the feature mean (z = 0), PCA, and weight the block so each layer has total variance
 * 1 (so a 5000-feature layer does not drown a 200-feature one). Patients missing a whole layer get
 * the mean block of their nearest neighbours on the layers they have (kNN imputation, Troyanskaya
 * et al. 2001, applied to whole blocks).
 */
public final class Preparation {
  private Preparation() {}

  /** Fits the preparation on {@code matrix} and returns the prepared patients. */
  public static PreparedData fit(FeatureMatrix matrix, PreparationOptions o, long seed) {
    List<String> ids = matrix.sampleIds();
    int n = ids.size();
    int nl = matrix.layers().size();
    List<LayerTransform> transforms = new ArrayList<>();
    double[][][] blocks = new double[nl][][];
    boolean[][] present = new boolean[nl][n];
    double[][][] zscores = new double[nl][][];
    double[][] missing = new double[nl][n];
    SplittableRandom root = new SplittableRandom(seed);
    Map<String, Integer> index = indexOf(ids);
    for (int l = 0; l < nl; l++) {
      OmicsMatrix m = matrix.layers().get(l);
      LayerFit f = fitLayer(m, o, root.split().nextLong());
      transforms.add(f.transform);
      int[] col = new int[m.sampleCount()];
      for (int s = 0; s < m.sampleCount(); s++) {
        col[s] = index.get(m.sampleIds().get(s));
      }
      int d = f.transform.dimension();
      blocks[l] = new double[n][d];
      zscores[l] = new double[n][f.transform.features().size()];
      Arrays.fill(missing[l], 1.0);
      for (double[] row : zscores[l]) {
        Arrays.fill(row, Double.NaN);
      }
      for (int s = 0; s < col.length; s++) {
        int g = col[s];
        present[l][g] = true;
        blocks[l][g] = f.scores[s];
        zscores[l][g] = f.z[s];
        missing[l][g] = f.missing[s];
      }
    }
    imputeMissingLayers(blocks, present, o.imputeNeighbours());
    int total = 0;
    for (double[][] b : blocks) {
      total += b[0].length;
    }
    int extra = o.missingIndicators() ? nl : 0;
    double[][] data = new double[n][total + extra];
    for (int s = 0; s < n; s++) {
      int off = 0;
      for (double[][] b : blocks) {
        System.arraycopy(b[s], 0, data[s], off, b[s].length);
        off += b[s].length;
      }
    }
    if (extra > 0) {
      for (int l = 0; l < nl; l++) {
        double[] col = missing[l].clone();
        standardizeInPlace(col);
        for (int s = 0; s < n; s++) {
          data[s][total + l] = col[s];
        }
      }
    }
    return new PreparedData(ids, transforms, blocks, present, zscores, missing, data);
  }

  private record LayerFit(
      LayerTransform transform, double[][] scores, double[][] z, double[] missing) {}

  private static LayerFit fitLayer(OmicsMatrix m, PreparationOptions o, long seed) {
    int ns = m.sampleCount();
    int nf = m.featureCount();
    double[][] v = m.values(); // [feature][sample]
    boolean log2 =
        switch (o.log()) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO -> looksLikeCounts(v);
        };
    double[] mean = new double[nf];
    double[] var = new double[nf];
    boolean[] usable = new boolean[nf];
    for (int f = 0; f < nf; f++) {
      double[] row = v[f];
      int cnt = 0;
      double s = 0;
      for (int j = 0; j < ns; j++) {
        if (log2 && !Double.isNaN(row[j])) {
          row[j] = LayerTransform.log2p1(row[j]);
        }
        if (!Double.isNaN(row[j])) {
          cnt++;
          s += row[j];
        }
      }
      if (cnt < 2 || (ns - cnt) > o.maxMissingFraction() * ns) {
        continue;
      }
      double mu = s / cnt;
      double ss = 0;
      for (double x : row) {
        if (!Double.isNaN(x)) {
          ss += (x - mu) * (x - mu);
        }
      }
      mean[f] = mu;
      var[f] = ss / (cnt - 1);
      usable[f] = var[f] > 1e-12;
    }
    Integer[] order = IntStream.range(0, nf).filter(f -> usable[f]).boxed().toArray(Integer[]::new);
    if (order.length < 2) {
      throw new IllegalArgumentException(
          "layer '"
              + m.layer()
              + "' has fewer than 2 usable features (non-constant, missing in at most "
              + o.maxMissingFraction()
              + " of samples)");
    }
    // Highest variance first; ties by input order so the choice is deterministic.
    Arrays.sort(order, Comparator.comparingDouble((Integer f) -> -var[f]).thenComparing(f -> f));
    int keep = Math.min(order.length, o.maxFeaturesPerLayer());
    int[] kept = new int[keep];
    for (int i = 0; i < keep; i++) {
      kept[i] = order[i];
    }
    Arrays.sort(kept); // back to input order
    List<String> feats = new ArrayList<>();
    double[] mu = new double[keep];
    double[] sd = new double[keep];
    double[][] z = new double[ns][keep];
    double[][] zImp = new double[ns][keep];
    double[] miss = new double[ns];
    for (int i = 0; i < keep; i++) {
      int f = kept[i];
      feats.add(m.featureIds().get(f));
      mu[i] = mean[f];
      sd[i] = Math.sqrt(var[f]);
      for (int j = 0; j < ns; j++) {
        double x = v[f][j];
        if (Double.isNaN(x)) {
          z[j][i] = Double.NaN;
          zImp[j][i] = 0;
          miss[j] += 1.0 / keep;
        } else {
          z[j][i] = (x - mu[i]) / sd[i];
          zImp[j][i] = z[j][i];
        }
      }
    }
    double[][] rotation = new double[0][];
    double[][] scores;
    int comps = Math.min(o.pcaComponents(), Math.min(keep, ns - 1));
    if (comps >= 1) {
      // Observed z-scores sum to 0 per feature and imputed ones are 0, so zImp is centred.
      rotation = RandomizedPca.axes(zImp, comps, seed);
      scores = new double[ns][];
      LayerTransform unweighted = new LayerTransform(m.layer(), log2, feats, mu, sd, rotation, 1.0);
      for (int j = 0; j < ns; j++) {
        scores[j] = unweighted.project(zImp[j]);
      }
    } else {
      scores = LayerTransform.deepCopy(zImp);
    }
    double totalVar = 0;
    int d = scores[0].length;
    for (int c = 0; c < d; c++) {
      double s = 0;
      double ss = 0;
      for (double[] r : scores) {
        s += r[c];
        ss += r[c] * r[c];
      }
      totalVar += (ss - s * s / ns) / (ns - 1);
    }
    double weight = totalVar > 0 ? 1 / Math.sqrt(totalVar) : 1;
    for (double[] r : scores) {
      for (int c = 0; c < d; c++) {
        r[c] *= weight;
      }
    }
    LayerTransform t = new LayerTransform(m.layer(), log2, feats, mu, sd, rotation, weight);
    return new LayerFit(t, scores, z, miss);
  }

  /** Non-negative with values above 100: raw counts or intensities, not log-scale data. */
  static boolean looksLikeCounts(double[][] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] r : v) {
      for (double x : r) {
        if (!Double.isNaN(x)) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
    }
    return min >= 0 && max > 100;
  }

  static void imputeMissingLayers(double[][][] blocks, boolean[][] present, int k) {
    int nl = blocks.length;
    int n = present[0].length;
    for (int l = 0; l < nl; l++) {
      for (int s = 0; s < n; s++) {
        if (present[l][s]) {
          continue;
        }
        // Distances on the layers both patients have, averaged per shared layer.
        double[] dist = new double[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int t = 0; t < n; t++) {
          if (!present[l][t]) {
            continue;
          }
          double d = 0;
          int shared = 0;
          for (int m = 0; m < nl; m++) {
            if (m != l && present[m][s] && present[m][t]) {
              d += squared(blocks[m][s], blocks[m][t]);
              shared++;
            }
          }
          if (shared > 0) {
            dist[t] = d / shared;
          }
        }
        Integer[] idx = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble((Integer t) -> dist[t]).thenComparing(t -> t));
        double[] mean = new double[blocks[l][s].length];
        int used = 0;
        for (int i = 0; i < n && used < k; i++) {
          int t = idx[i];
          if (Double.isInfinite(dist[t])) {
            break;
          }
          for (int c = 0; c < mean.length; c++) {
            mean[c] += blocks[l][t][c];
          }
          used++;
        }
        if (used > 0) {
          for (int c = 0; c < mean.length; c++) {
            mean[c] /= used;
          }
        }
        blocks[l][s] = mean; // zeros (the layer mean) when no neighbour shares a layer
      }
    }
  }

  static double squared(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  static void standardizeInPlace(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    double mu = s / x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mu) * (v - mu);
    }
    double sd = Math.sqrt(ss / Math.max(1, x.length - 1));
    for (int i = 0; i < x.length; i++) {
      x[i] = sd > 0 ? (x[i] - mu) / sd : 0;
    }
  }

  static Map<String, Integer> indexOf(List<String> ids) {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      m.put(ids.get(i), i);
    }
    return m;
  }
}
