package dev.stratum.datasets.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The omics layers and their planted stratum signatures. Each layer has a fixed feature list; for
 * every stratum a disjoint block of features is informative (its mean shifts by 1 to 2 feature
 * standard deviations, sign random), the rest are pure noise. A cell's value depends only on the
 * patient's omics seed, the feature index and the layer, so the matrix can be written feature by
 * feature (TCGA orientation) without holding patients in memory.
 */
final class OmicsModel {

  /** A layer: its name, features, and per-feature parameters. */
  static final class Layer {
    final int index;
    final String name;
    final List<String> features;
    final double[] mean;
    final double[] sd;

    /** shift[s][f] in standard deviations, 0 for non-informative features. */
    final double[][] shift;

    /** informative[f] = the stratum feature f marks, or -1 for noise. */
    final int[] informative;

    final double presence;
    final int decimals;

    /** Feature index of ERBB2 (raised in ERBB2-amplified tumours), -1 when absent. */
    final int erbb2;

    Layer(
        int index,
        String name,
        List<String> features,
        int perStratum,
        int strata,
        double presence,
        int decimals,
        double meanLo,
        double meanHi,
        double sdLo,
        double sdHi,
        long seed) {
      this.index = index;
      this.name = name;
      this.features = List.copyOf(features);
      this.presence = presence;
      this.decimals = decimals;
      int n = features.size();
      SplittableRandom rng = new SplittableRandom(seed ^ (0x6A09E667F3BCC909L * (index + 1)));
      mean = new double[n];
      sd = new double[n];
      for (int f = 0; f < n; f++) {
        mean[f] = meanLo + (meanHi - meanLo) * rng.nextDouble();
        sd[f] = sdLo + (sdHi - sdLo) * rng.nextDouble();
      }
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      informative = new int[n];
      java.util.Arrays.fill(informative, -1);
      shift = new double[strata][n];
      for (int s = 0; s < strata; s++) {
        for (int k = 0; k < perStratum; k++) {
          int f = order[s * perStratum + k];
          informative[f] = s;
          shift[s][f] = (rng.nextBoolean() ? 1 : -1) * (1.0 + rng.nextDouble());
        }
      }
      erbb2 = features.indexOf("ERBB2");
    }

    /**
     * The value of feature {@code f} for a patient, or NaN when missing (1% of cells at random).
     */
    double value(long omicsSeed, int stratum, boolean erbb2Amplified, int f) {
      SplittableRandom cell =
          new SplittableRandom(
              omicsSeed ^ (0x9E3779B97F4A7C15L * (f + 1) + 0x632BE59BD9B4E019L * index));
      if (cell.nextDouble() < MISSING_CELL) {
        return Double.NaN;
      }
      double z = shift[stratum][f] + cell.nextGaussian();
      return switch (index) {
        case 0 -> mean[f] + sd[f] * z + (erbb2Amplified && f == erbb2 ? 3.0 : 0.0);
        case 1 -> z + (erbb2Amplified && f == erbb2 ? 2.0 : 0.0);
        default -> {
          double m = mean[f] + sd[f] * z;
          yield 1.0 / (1.0 + Math.pow(2, -m));
        }
      };
    }
  }

  /** Share of individual cells written as NA. */
  static final double MISSING_CELL = 0.01;

  final List<Layer> layers;

  OmicsModel(long seed, int strata) {
    List<String> genes = Vocabulary.lines("/dev/stratum/datasets/synth/genes.txt");
    List<String> proteins = new ArrayList<>();
    for (String g : genes.subList(0, 120)) {
      proteins.add(g + "-R-V");
    }
    List<String> probes = new ArrayList<>();
    SplittableRandom probeIds = new SplittableRandom(0x3C6EF372FE94F82BL);
    java.util.Set<Integer> used = new java.util.TreeSet<>();
    while (probes.size() < 250) {
      int id = probeIds.nextInt(27_999_999);
      if (used.add(id)) {
        probes.add(String.format(Locale.ROOT, "cg%08d", id));
      }
    }
    layers =
        List.of(
            new Layer(0, "expression", genes, 24, strata, 0.92, 3, 4, 12, 0.4, 1.2, seed),
            new Layer(1, "protein", proteins, 12, strata, 0.75, 3, 0, 0, 1, 1, seed),
            new Layer(2, "methylation", probes, 20, strata, 0.70, 4, -3, 3, 0.5, 1.0, seed));
  }
}
