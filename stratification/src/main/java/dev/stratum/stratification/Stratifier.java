package dev.stratum.stratification;

import dev.stratum.core.strata.StratumAssignment;
import dev.stratum.stratification.cluster.ClusterInput;
import dev.stratum.stratification.cluster.Clusterer;
import dev.stratum.stratification.cluster.Consensus;
import dev.stratum.stratification.stats.ClusterAgreement;
import dev.stratum.stratification.stats.CoxRegression;
import dev.stratum.stratification.stats.GapStatistic;
import dev.stratum.stratification.stats.KaplanMeier;
import dev.stratum.stratification.stats.LogRankTest;
import dev.stratum.stratification.stats.MultipleTesting;
import dev.stratum.stratification.stats.Silhouette;
import dev.stratum.stratification.stats.SurvivalData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hipparchus.stat.inference.TTest;

/**
 * Stratifies patients: prepares the layers, clusters, chooses k, measures stability, relates
 * clusters to survival, profiles them and freezes a model. Every random step draws from its own
 * split of {@link StratifierOptions#seed()}, so a seed reproduces the whole result.
 */
public final class Stratifier {
  private Stratifier() {}

  /** Stratifies {@code matrix} without follow-up. */
  public static StratificationResult fit(FeatureMatrix matrix, StratifierOptions o) {
    return fit(matrix, Map.of(), o);
  }

  /**
   * Stratifies {@code matrix}; {@code followUp} (person id -> follow-up, may be empty) adds
   * survival by cluster.
   */
  public static StratificationResult fit(
      FeatureMatrix matrix, Map<String, SurvivalData.Observation> followUp, StratifierOptions o) {
    return fit(matrix, followUp, o, stage -> {});
  }

  /**
   * As {@link #fit(FeatureMatrix, Map, StratifierOptions)}, reporting each stage's start to {@code
   * progress} (e.g. "choosing k") so a command line or notebook can show where the time goes.
   */
  public static StratificationResult fit(
      FeatureMatrix matrix,
      Map<String, SurvivalData.Observation> followUp,
      StratifierOptions o,
      java.util.function.Consumer<String> progress) {
    SplittableRandom root = new SplittableRandom(o.seed());
    long prepSeed = root.split().nextLong();
    long kSeed = root.split().nextLong();
    long finalSeed = root.split().nextLong();
    long stabSeed = root.split().nextLong();
    long survSeed = root.split().nextLong();
    progress.accept("preparing layers");
    PreparedData prep = Preparation.fit(matrix, o.preparation(), prepSeed);
    int n = prep.size();
    if (n < 2 * o.kMin() || (o.k() > 0 && n < 2 * o.k())) {
      throw dev.stratum.core.error.InvalidInputException.ofArgument(
          "--k",
          "too few samples to cluster: " + n + " samples for k=" + Math.max(o.k(), o.kMin()));
    }
    ClusterInput in = new ClusterInput(prep.data, prep.blocks);
    List<String> warnings = new ArrayList<>();

    progress.accept(o.k() > 0 ? "clustering" : "choosing k in " + o.kMin() + ".." + o.kMax());
    Map<Integer, Consensus> consensusByK = new java.util.HashMap<>();
    KSelection selection = chooseK(in, o, kSeed, warnings, consensusByK);
    int k = selection.chosenK();
    Consensus consensus = consensusByK.get(k);
    if (consensus == null && n <= MAX_CONSENSUS_SAMPLES) {
      // Fixed k: the consensus matrix still feeds the report's heatmap and the confidences.
      consensus = Consensus.run(o.method(), in, k, o.resamples(), o.subsampleFraction(), finalSeed);
    }
    int[] labels =
        o.consensus() && consensus != null
            ? consensus.labels()
            : o.method().cluster(in, k, finalSeed);
    labels = orderBySize(labels);
    int realK = max(labels) + 1;
    sizeWarnings(labels, realK, k, o.minClusterSize(), warnings);
    double[] sil = Silhouette.widths(prep.data, labels);
    progress.accept("stability");
    Stability stability = stability(in, o, o.method(), labels, realK, stabSeed);
    progress.accept("survival and profiles");
    SurvivalByCluster survival = survival(prep, labels, realK, followUp, o, survSeed, warnings);
    List<ClusterProfile> profiles = profiles(prep, labels, realK, o.topFeatures());
    StratificationModel model = freeze(prep, labels, realK, o, o.method().cliName());
    return new StratificationResult(
        o, prep, labels, selection, consensus, sil, stability, survival, profiles, model, warnings);
  }

  /**
   * Stratifies with a clustering engine from outside this module (Spark MLlib for large cohorts,
   * composed by the CLI): the same preparation, stability (bootstrap Jaccard and ARI between runs,
   * each run by {@code engine}), survival, profiles and frozen nearest-centroid model as {@link
   * #fit}, for a fixed k ({@code o.k() > 0}). No consensus matrix, PAC or gap statistic: they need
   * the n x n consensus matrix or many reclusterings, which large cohorts make too costly. Above
   * {@value #MAX_CONSENSUS_SAMPLES} patients the silhouette widths are computed for a random
   * subsample of that size (the others are NaN).
   *
   * @param engineName the method name written into model.json, e.g. {@code mllib-kmeans}
   * @param engine the clustering function; it receives the prepared clustering space
   */
  public static StratificationResult fitWith(
      FeatureMatrix matrix,
      Map<String, SurvivalData.Observation> followUp,
      StratifierOptions o,
      String engineName,
      Clusterer engine,
      java.util.function.Consumer<String> progress) {
    if (o.k() < 2) {
      throw dev.stratum.core.error.InvalidInputException.ofArgument(
          "--k", "the " + engineName + " engine needs a fixed k >= 2, got auto");
    }
    SplittableRandom root = new SplittableRandom(o.seed());
    long prepSeed = root.split().nextLong();
    root.split(); // the k-choice stream of fit(), unused here, keeps the other streams aligned
    long finalSeed = root.split().nextLong();
    long stabSeed = root.split().nextLong();
    long survSeed = root.split().nextLong();
    long silSeed = root.split().nextLong();
    progress.accept("preparing layers");
    PreparedData prep = Preparation.fit(matrix, o.preparation(), prepSeed);
    int n = prep.size();
    if (n < 2 * o.k()) {
      throw dev.stratum.core.error.InvalidInputException.ofArgument(
          "--k", "too few samples to cluster: " + n + " samples for k=" + o.k());
    }
    ClusterInput in = new ClusterInput(prep.data, prep.blocks);
    List<String> warnings = new ArrayList<>();
    progress.accept("clustering with " + engineName);
    int[] labels = orderBySize(engine.cluster(in, o.k(), finalSeed));
    int realK = max(labels) + 1;
    sizeWarnings(labels, realK, o.k(), o.minClusterSize(), warnings);
    double[] sil;
    if (n <= MAX_CONSENSUS_SAMPLES) {
      sil = Silhouette.widths(prep.data, labels);
    } else {
      int[] rows = sample(n, MAX_CONSENSUS_SAMPLES, new SplittableRandom(silSeed));
      double[][] x = new double[rows.length][];
      int[] y = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        x[i] = prep.data[rows[i]];
        y[i] = labels[rows[i]];
      }
      double[] w = Silhouette.widths(x, y);
      sil = new double[n];
      Arrays.fill(sil, Double.NaN);
      for (int i = 0; i < rows.length; i++) {
        sil[rows[i]] = w[i];
      }
      warnings.add(
          "silhouette widths computed for a random subsample of "
              + rows.length
              + " of "
              + n
              + " patients");
    }
    progress.accept("stability");
    Stability stability = stability(in, o, engine, labels, realK, stabSeed);
    progress.accept("survival and profiles");
    SurvivalByCluster survival = survival(prep, labels, realK, followUp, o, survSeed, warnings);
    List<ClusterProfile> profiles = profiles(prep, labels, realK, o.topFeatures());
    StratificationModel model = freeze(prep, labels, realK, o, engineName);
    KSelection selection = new KSelection(List.of(), o.k(), null, "k fixed by the user");
    return new StratificationResult(
        o, prep, labels, selection, null, sil, stability, survival, profiles, model, warnings);
  }

  /** {@code m} distinct indices of 0..n-1 in increasing order (partial Fisher-Yates). */
  static int[] sample(int n, int m, SplittableRandom r) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, m);
    Arrays.sort(out);
    return out;
  }

  /** Assigns new patients with a frozen model ({@link StratificationModel#assign}). */
  public static List<StratumAssignment> assign(StratificationModel model, FeatureMatrix matrix) {
    return model.assign(matrix);
  }

  /**
   * Above this many patients the n x n consensus matrix (and PAC) is not computed: 5000 patients
   * already take 200 MB per matrix.
   */
  static final int MAX_CONSENSUS_SAMPLES = 5000;

  static KSelection chooseK(
      ClusterInput in,
      StratifierOptions o,
      long seed,
      List<String> warn,
      Map<Integer, Consensus> consensusByK) {
    int from = o.k() > 0 ? o.k() : o.kMin();
    int to = o.k() > 0 ? o.k() : Math.min(o.kMax(), in.size() / 2);
    SplittableRandom root = new SplittableRandom(seed);
    List<KSelection.Candidate> cands = new ArrayList<>();
    if (o.k() > 0) {
      return new KSelection(cands, o.k(), null, "k fixed by the user");
    }
    for (int k = from; k <= to; k++) {
      SplittableRandom r = root.split();
      long clusterSeed = r.nextLong();
      long gapSeed = r.nextLong();
      long consSeed = r.nextLong();
      double pac = Double.NaN;
      int[] y = null;
      if (in.size() <= MAX_CONSENSUS_SAMPLES) {
        Consensus c =
            Consensus.run(o.method(), in, k, o.resamples(), o.subsampleFraction(), consSeed);
        pac = c.pac();
        consensusByK.put(k, c);
        if (o.consensus()) {
          y = c.labels();
        }
      }
      if (y == null) {
        y = o.method().cluster(in, k, clusterSeed);
      }
      double sil = Silhouette.mean(in.data(), y);
      double gap = Double.NaN;
      double gapSe = Double.NaN;
      if (o.gapReferences() > 0) {
        final int kk = k;
        GapStatistic.Value g =
            GapStatistic.compute(
                in.data(),
                y,
                k,
                o.gapReferences(),
                gapSeed,
                (data, s) ->
                    o.method().cluster(new ClusterInput(data, new double[][][] {data}), kk, s));
        gap = g.gap();
        gapSe = g.se();
      }
      int smallest = Integer.MAX_VALUE;
      int[] size = new int[k];
      for (int v : y) {
        size[v]++;
      }
      for (int s : size) {
        smallest = Math.min(smallest, s);
      }
      cands.add(
          new KSelection.Candidate(
              k, sil, gap, gapSe, pac, smallest, smallest >= o.minClusterSize()));
    }
    List<KSelection.Candidate> ok = cands.stream().filter(KSelection.Candidate::eligible).toList();
    if (ok.isEmpty()) {
      warn.add("no k in range reaches the minimum cluster size; choosing among all k");
      ok = cands;
    }
    KSelection.Candidate best;
    String reason;
    switch (o.criterion()) {
      case PAC -> {
        best = ok.stream().min(Comparator.comparingDouble(KSelection.Candidate::pac)).orElseThrow();
        reason = "smallest proportion of ambiguous clustering (PAC)";
      }
      case GAP -> {
        best = null;
        reason = "smallest k with Gap(k) >= Gap(k+1) - s(k+1) (Tibshirani et al. 2001)";
        for (int i = 0; i < ok.size() - 1; i++) {
          KSelection.Candidate a = ok.get(i);
          KSelection.Candidate b = ok.get(i + 1);
          if (b.k() == a.k() + 1 && a.gap() >= b.gap() - b.gapSe()) {
            best = a;
            break;
          }
        }
        if (best == null && !Double.isNaN(ok.get(0).gap())) {
          best =
              ok.stream().max(Comparator.comparingDouble(KSelection.Candidate::gap)).orElseThrow();
          reason = "largest gap (the Tibshirani rule picked no k in range)";
        }
        if (best == null) {
          best =
              ok.stream()
                  .max(Comparator.comparingDouble(KSelection.Candidate::silhouette))
                  .orElseThrow();
          reason = "largest mean silhouette width (gap not computed: gapReferences = 0)";
        }
      }
      default -> {
        best =
            ok.stream()
                .max(Comparator.comparingDouble(KSelection.Candidate::silhouette))
                .orElseThrow();
        reason = "largest mean silhouette width";
      }
    }
    return new KSelection(cands, best.k(), o.criterion(), reason);
  }

  static Stability stability(
      ClusterInput in, StratifierOptions o, Clusterer method, int[] labels, int k, long seed) {
    int n = in.size();
    SplittableRandom root = new SplittableRandom(seed);
    double[] jac = new double[k];
    Arrays.fill(jac, Double.NaN);
    if (o.bootstraps() > 0) {
      Arrays.fill(jac, 0);
      for (int b = 0; b < o.bootstraps(); b++) {
        SplittableRandom r = root.split();
        boolean[] drawn = new boolean[n];
        for (int i = 0; i < n; i++) {
          drawn[r.nextInt(n)] = true;
        }
        int[] rows = java.util.stream.IntStream.range(0, n).filter(i -> drawn[i]).toArray();
        int[] y = method.cluster(in.subset(rows), k, r.nextLong());
        int kb = max(y) + 1;
        for (int c = 0; c < k; c++) {
          boolean[] orig = new boolean[rows.length];
          for (int i = 0; i < rows.length; i++) {
            orig[i] = labels[rows[i]] == c;
          }
          double bestJ = 0;
          for (int g = 0; g < kb; g++) {
            boolean[] boot = new boolean[rows.length];
            for (int i = 0; i < rows.length; i++) {
              boot[i] = y[i] == g;
            }
            bestJ = Math.max(bestJ, ClusterAgreement.jaccard(orig, boot));
          }
          jac[c] += bestJ / o.bootstraps();
        }
      }
    }
    double meanAri = Double.NaN;
    double minAri = Double.NaN;
    if (o.stabilityRuns() > 0) {
      List<int[]> runs = new ArrayList<>();
      runs.add(labels);
      for (int r = 0; r < o.stabilityRuns(); r++) {
        runs.add(method.cluster(in, k, root.split().nextLong()));
      }
      double s = 0;
      int c = 0;
      minAri = 1;
      for (int a = 0; a < runs.size(); a++) {
        for (int b = a + 1; b < runs.size(); b++) {
          double ari = ClusterAgreement.adjustedRand(runs.get(a), runs.get(b));
          s += ari;
          c++;
          minAri = Math.min(minAri, ari);
        }
      }
      meanAri = s / c;
    }
    return new Stability(jac, o.bootstraps(), meanAri, minAri, o.stabilityRuns());
  }

  static SurvivalByCluster survival(
      PreparedData prep,
      int[] labels,
      int k,
      Map<String, SurvivalData.Observation> followUp,
      StratifierOptions o,
      long seed,
      List<String> warn) {
    if (followUp.isEmpty()) {
      return null;
    }
    List<SurvivalData.Observation> obs = new ArrayList<>();
    List<Integer> group = new ArrayList<>();
    int without = 0;
    for (int i = 0; i < prep.size(); i++) {
      SurvivalData.Observation ob = followUp.get(prep.sampleIds.get(i));
      if (ob == null) {
        without++;
      } else {
        obs.add(ob);
        group.add(labels[i]);
      }
    }
    if (without > 0) {
      warn.add(without + " clustered patients have no follow-up and are left out of survival");
    }
    if (obs.size() < 2) {
      warn.add("fewer than 2 clustered patients have follow-up: survival by cluster skipped");
      return null;
    }
    int[] g = group.stream().mapToInt(Integer::intValue).toArray();
    List<KaplanMeier> curves = new ArrayList<>();
    int[] size = new int[k];
    for (int c = 0; c < k; c++) {
      List<SurvivalData.Observation> sub = new ArrayList<>();
      for (int i = 0; i < g.length; i++) {
        if (g[i] == c) {
          sub.add(obs.get(i));
        }
      }
      size[c] = sub.size();
      curves.add(sub.isEmpty() ? null : KaplanMeier.fit(sub));
    }
    if (curves.contains(null)) {
      warn.add("a cluster has no patient with follow-up: survival by cluster skipped");
      return null;
    }
    LogRankTest lr = LogRankTest.test(obs, g, o.survivalPermutations(), seed);
    int ref = 0;
    for (int c = 1; c < k; c++) {
      if (size[c] > size[ref]) {
        ref = c;
      }
    }
    int[] coxClusters = new int[k - 1];
    int j = 0;
    for (int c = 0; c < k; c++) {
      if (c != ref) {
        coxClusters[j++] = c;
      }
    }
    double[][] x = new double[g.length][k - 1];
    for (int i = 0; i < g.length; i++) {
      for (int a = 0; a < k - 1; a++) {
        x[i][a] = g[i] == coxClusters[a] ? 1 : 0;
      }
    }
    CoxRegression cox = CoxRegression.fit(obs, x);
    return new SurvivalByCluster(curves, lr, cox, ref, coxClusters, obs.size(), without);
  }

  static List<ClusterProfile> profiles(PreparedData prep, int[] labels, int k, int top) {
    int n = prep.size();
    int nl = prep.transforms.size();
    TTest tt = new TTest();
    List<ClusterProfile> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      List<ClusterProfile.FeatureEffect> effects = new ArrayList<>();
      for (int l = 0; l < nl; l++) {
        LayerTransform t = prep.transforms.get(l);
        double[][] z = prep.zscores[l];
        for (int f = 0; f < t.features().size(); f++) {
          double[] in = new double[n];
          double[] rest = new double[n];
          int ni = 0;
          int nr = 0;
          for (int s = 0; s < n; s++) {
            double v = z[s][f];
            if (Double.isNaN(v)) {
              continue;
            }
            if (labels[s] == c) {
              in[ni++] = v;
            } else {
              rest[nr++] = v;
            }
          }
          if (ni < 2 || nr < 2) {
            continue;
          }
          in = Arrays.copyOf(in, ni);
          rest = Arrays.copyOf(rest, nr);
          double mi = mean(in);
          double mr = mean(rest);
          double vi = var(in, mi);
          double vr = var(rest, mr);
          double pooled = Math.sqrt(((ni - 1) * vi + (nr - 1) * vr) / (ni + nr - 2));
          double d = pooled > 0 ? (mi - mr) / pooled : 0;
          double p = (vi + vr) > 0 ? tt.tTest(in, rest) : 1.0;
          effects.add(
              new ClusterProfile.FeatureEffect(t.layer(), t.features().get(f), mi, mr, d, p, 0));
        }
      }
      double[] ps = effects.stream().mapToDouble(ClusterProfile.FeatureEffect::p).toArray();
      double[] qs = MultipleTesting.benjaminiHochberg(ps);
      List<ClusterProfile.FeatureEffect> adjusted = new ArrayList<>();
      for (int i = 0; i < effects.size(); i++) {
        ClusterProfile.FeatureEffect e = effects.get(i);
        adjusted.add(
            new ClusterProfile.FeatureEffect(
                e.layer(), e.feature(), e.meanIn(), e.meanOut(), e.effectSize(), e.p(), qs[i]));
      }
      adjusted.sort(
          Comparator.comparingDouble((ClusterProfile.FeatureEffect e) -> -Math.abs(e.effectSize()))
              .thenComparing(ClusterProfile.FeatureEffect::feature));
      int size = 0;
      int[] missing = new int[nl];
      for (int s = 0; s < n; s++) {
        if (labels[s] == c) {
          size++;
          for (int l = 0; l < nl; l++) {
            if (!prep.present[l][s]) {
              missing[l]++;
            }
          }
        }
      }
      out.add(
          new ClusterProfile(
              c,
              size,
              (double) size / n,
              missing,
              adjusted.subList(0, Math.min(top, adjusted.size()))));
    }
    return out;
  }

  static StratificationModel freeze(
      PreparedData prep, int[] labels, int k, StratifierOptions o, String methodName) {
    int n = prep.size();
    int d = prep.dimension();
    double[][] cen = new double[k][d];
    int[] size = new int[k];
    for (int s = 0; s < n; s++) {
      size[labels[s]]++;
      for (int j = 0; j < d; j++) {
        cen[labels[s]][j] += prep.data[s][j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        cen[c][j] /= Math.max(1, size[c]);
      }
    }
    double within = 0;
    for (int s = 0; s < n; s++) {
      within += Preparation.squared(prep.data[s], cen[labels[s]]);
    }
    within /= (double) n * d;
    int nl = prep.transforms.size();
    double[] mm = new double[nl];
    double[] ms = new double[nl];
    for (int l = 0; l < nl; l++) {
      double[] v = prep.missingFraction[l];
      mm[l] = mean(v);
      ms[l] = Math.sqrt(var(v, mm[l]));
    }
    String name = "stratum-" + methodName + "-k" + k + "-seed" + Long.toUnsignedString(o.seed());
    StratificationModel draft =
        new StratificationModel(
            name,
            methodName,
            o.seed(),
            prep.transforms,
            o.preparation().missingIndicators(),
            mm,
            ms,
            cen,
            within,
            size,
            Double.NaN);
    int agree = 0;
    for (int s = 0; s < n; s++) {
      double[][] blocks = new double[nl][];
      double[] miss = new double[nl];
      for (int l = 0; l < nl; l++) {
        blocks[l] = prep.present[l][s] ? prep.blocks[l][s] : null;
        miss[l] = prep.missingFraction[l][s];
      }
      if (draft.assignOne(prep.sampleIds.get(s), blocks, miss).stratum() == labels[s]) {
        agree++;
      }
    }
    return new StratificationModel(
        name,
        methodName,
        o.seed(),
        prep.transforms,
        o.preparation().missingIndicators(),
        mm,
        ms,
        cen,
        within,
        size,
        (double) agree / n);
  }

  /** Renumbers clusters by decreasing size (ties by first appearance). */
  static int[] orderBySize(int[] y) {
    int k = max(y) + 1;
    int[] size = new int[k];
    for (int v : y) {
      size[v]++;
    }
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer c) -> -size[c]).thenComparing(c -> c));
    int[] map = new int[k];
    int next = 0;
    for (int c : order) {
      if (size[c] > 0) {
        map[c] = next++;
      }
    }
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = map[y[i]];
    }
    return out;
  }

  static int max(int[] y) {
    int m = 0;
    for (int v : y) {
      m = Math.max(m, v);
    }
    return m;
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  static double var(double[] x, double mu) {
    double s = 0;
    for (double v : x) {
      s += (v - mu) * (v - mu);
    }
    return x.length < 2 ? 0 : s / (x.length - 1);
  }

  /**
   * Warns when the method returned fewer than {@code k} non-empty clusters or a cluster smaller
   * than the minimum size ({@code labels} numbered 0..realK-1).
   */
  private static void sizeWarnings(
      int[] labels, int realK, int k, int minClusterSize, List<String> warnings) {
    if (realK < k) {
      warnings.add("the method returned " + realK + " non-empty clusters for k=" + k);
    }
    int[] sizes = new int[realK];
    for (int y : labels) {
      sizes[y]++;
    }
    for (int c = 0; c < realK; c++) {
      if (sizes[c] < minClusterSize) {
        warnings.add(
            "cluster "
                + (c + 1)
                + " has "
                + sizes[c]
                + " patients, below the minimum cluster size "
                + minClusterSize);
      }
    }
  }
}
