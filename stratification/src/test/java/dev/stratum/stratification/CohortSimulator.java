package dev.stratum.stratification;

import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.stratification.stats.SurvivalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A test cohort with planted strata, of the character the generator in datasets will produce:
 * unequal strata driving an expression layer (log2 scale) and a protein layer (z-scores); most
 * features are noise; some values NA; some patients lack the protein layer; exponential survival
 * with a stratum-specific hazard and uniform censoring.
 */
final class CohortSimulator {
  final List<String> ids = new ArrayList<>();
  final int[] truth;
  final OmicsMatrix expression;
  final OmicsMatrix protein;
  final Map<String, SurvivalData.Observation> survival = new LinkedHashMap<>();

  /**
   * @param n patients
   * @param shares stratum shares (sum 1)
   * @param effect shift of a signal feature in SD units
   * @param seed the seed
   */
  CohortSimulator(int n, double[] shares, double effect, long seed) {
    this(n, shares, effect, 400, 200, 0.1, seed);
  }

  CohortSimulator(
      int n,
      double[] shares,
      double effect,
      int exprFeatures,
      int protFeatures,
      double signalShare,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int k = shares.length;
    truth = new int[n];
    int at = 0;
    for (int c = 0; c < k; c++) {
      int m = c == k - 1 ? n - at : (int) Math.round(shares[c] * n);
      for (int i = 0; i < m; i++) {
        truth[at++] = c;
      }
    }
    // Shuffle patients so strata are not in blocks.
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = truth[i];
      truth[i] = truth[j];
      truth[j] = t;
    }
    for (int i = 0; i < n; i++) {
      ids.add(String.format(Locale.ROOT, "P%05d", i + 1));
    }
    expression = layer("expression", n, exprFeatures, signalShare, k, effect, 8.0, 1.0, r, false);
    protein = layer("protein", n, protFeatures, signalShare, k, effect, 0.0, 1.0, r, true);
    double[] hazard = {0.02, 0.05, 0.01, 0.1, 0.03, 0.07};
    for (int i = 0; i < n; i++) {
      double t = -Math.log(1 - r.nextDouble()) / hazard[truth[i] % hazard.length];
      double c = 10 + 90 * r.nextDouble();
      survival.put(
          ids.get(i),
          new SurvivalData.Observation(
              Math.max(0.5, Math.round(Math.min(t, c) * 10) / 10.0), t <= c));
    }
  }

  private OmicsMatrix layer(
      String name,
      int n,
      int p,
      double signalShare,
      int k,
      double effect,
      double base,
      double sd,
      SplittableRandom r,
      boolean dropSome) {
    int signal = (int) Math.round(p * signalShare);
    double[][] pattern = new double[k][signal];
    for (int c = 0; c < k; c++) {
      for (int f = 0; f < signal; f++) {
        pattern[c][f] = r.nextInt(3) - 1; // -1, 0, +1
      }
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!(dropSome && r.nextDouble() < 0.04)) {
        keep.add(i);
      }
    }
    List<String> feats = new ArrayList<>();
    for (int f = 0; f < p; f++) {
      feats.add((f < signal ? "sig_" : "noise_") + name.charAt(0) + f);
    }
    List<String> samples = new ArrayList<>();
    double[][] v = new double[p][keep.size()];
    for (int s = 0; s < keep.size(); s++) {
      int i = keep.get(s);
      samples.add(ids.get(i));
      for (int f = 0; f < p; f++) {
        double mu = base + (f < signal ? effect * sd * pattern[truth[i]][f] : 0);
        double x = mu + sd * r.nextGaussian();
        v[f][s] = r.nextDouble() < 0.02 ? Double.NaN : x;
      }
    }
    return new OmicsMatrix(name, feats, samples, v);
  }

  FeatureMatrix matrix() {
    return FeatureMatrix.of(List.of(expression, protein));
  }

  /** Truth in the order of {@code sampleIds}. */
  int[] truthFor(List<String> sampleIds) {
    Map<String, Integer> idx = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      idx.put(ids.get(i), truth[i]);
    }
    return sampleIds.stream().mapToInt(idx::get).toArray();
  }

  static void writeTsv(OmicsMatrix m, Path file) {
    StringBuilder sb = new StringBuilder("feature_id");
    for (String s : m.sampleIds()) {
      sb.append('\t').append(s);
    }
    sb.append('\n');
    for (int f = 0; f < m.featureCount(); f++) {
      sb.append(m.featureIds().get(f));
      for (int s = 0; s < m.sampleCount(); s++) {
        double v = m.get(f, s);
        sb.append('\t').append(Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.4f", v));
      }
      sb.append('\n');
    }
    try {
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void writeSurvival(Path file) {
    StringBuilder sb = new StringBuilder("person_id,time,event\n");
    survival.forEach(
        (id, o) ->
            sb.append(id)
                .append(',')
                .append(o.time())
                .append(',')
                .append(o.event() ? 1 : 0)
                .append('\n'));
    try {
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
