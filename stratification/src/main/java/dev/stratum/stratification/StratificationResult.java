package dev.stratum.stratification;

import dev.stratum.core.strata.StratumAssignment;
import dev.stratum.core.strata.StratumSummary;
import dev.stratum.stratification.cluster.Consensus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a stratification produced: the partition, how k was chosen, stability, survival,
 * profiles, and the frozen model. Arrays are handed out as copies.
 */
public final class StratificationResult {
  private final StratifierOptions options;
  private final PreparedData prepared;
  private final int[] labels;
  private final KSelection kSelection;
  private final Consensus consensus;
  private final double[] silhouette;
  private final Stability stability;
  private final SurvivalByCluster survival;
  private final List<ClusterProfile> profiles;
  private final StratificationModel model;
  private final List<String> warnings;
  private final StudyContext context;
  private final DemographicComposition composition;

  StratificationResult(
      StratifierOptions options,
      PreparedData prepared,
      int[] labels,
      KSelection kSelection,
      Consensus consensus,
      double[] silhouette,
      Stability stability,
      SurvivalByCluster survival,
      List<ClusterProfile> profiles,
      StratificationModel model,
      List<String> warnings) {
    this.options = options;
    this.prepared = prepared;
    this.labels = labels.clone();
    this.kSelection = kSelection;
    this.consensus = consensus;
    this.silhouette = silhouette.clone();
    this.stability = stability;
    this.survival = survival;
    this.profiles = List.copyOf(profiles);
    this.model = model;
    this.warnings = List.copyOf(warnings);
    this.context = null;
    this.composition = new DemographicComposition(List.of());
  }

  private StratificationResult(StratificationResult r, StudyContext context) {
    this.options = r.options;
    this.prepared = r.prepared;
    this.labels = r.labels;
    this.kSelection = r.kSelection;
    this.consensus = r.consensus;
    this.silhouette = r.silhouette;
    this.stability = r.stability;
    this.survival = r.survival;
    this.profiles = r.profiles;
    this.model = r.model;
    this.warnings = r.warnings;
    this.context = context;
    this.composition =
        DemographicComposition.of(r.sampleIds(), r.labels, r.k(), context.demographics());
  }

  /**
   * This result with where its patients came from (recorded in model.json and the report) and, when
   * the context has demographics, the demographic composition of each cluster.
   */
  public StratificationResult withContext(StudyContext context) {
    return new StratificationResult(this, java.util.Objects.requireNonNull(context, "context"));
  }

  /** The study context, when one was attached with {@link #withContext}. */
  public Optional<StudyContext> context() {
    return Optional.ofNullable(context);
  }

  /** Demographic composition per cluster (empty without demographics). */
  public DemographicComposition composition() {
    return composition;
  }

  public StratifierOptions options() {
    return options;
  }

  public PreparedData prepared() {
    return prepared;
  }

  public List<String> sampleIds() {
    return prepared.sampleIds();
  }

  /** Cluster of each sample, in {@link #sampleIds()} order. */
  public int[] labels() {
    return labels.clone();
  }

  public int k() {
    return model.k();
  }

  public KSelection kSelection() {
    return kSelection;
  }

  /** The consensus matrix at the chosen k, when it was computed. */
  public Optional<Consensus> consensus() {
    return Optional.ofNullable(consensus);
  }

  /** Per-sample silhouette widths of the final partition. */
  public double[] silhouette() {
    return silhouette.clone();
  }

  /**
   * Mean silhouette width. On large cohorts the widths are computed for a random subsample only
   * (the others are NaN) and the mean is over that subsample.
   */
  public double meanSilhouette() {
    double s = 0;
    int c = 0;
    for (double v : silhouette) {
      if (!Double.isNaN(v)) {
        s += v;
        c++;
      }
    }
    return c == 0 ? Double.NaN : s / c;
  }

  public Stability stability() {
    return stability;
  }

  public Optional<SurvivalByCluster> survival() {
    return Optional.ofNullable(survival);
  }

  public List<ClusterProfile> profiles() {
    return profiles;
  }

  public StratificationModel model() {
    return model;
  }

  /** Things a statistician should know (small clusters, patients without follow-up, ...). */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The z-scores of one prepared feature for every sample (NaN where missing), for plots; throws
   * when the layer or feature was not kept.
   */
  public double[] zscores(String layer, String feature) {
    for (int l = 0; l < prepared.transforms.size(); l++) {
      LayerTransform t = prepared.transforms.get(l);
      if (t.layer().equals(layer)) {
        int f = t.features().indexOf(feature);
        if (f < 0) {
          break;
        }
        double[] out = new double[prepared.size()];
        for (int s = 0; s < out.length; s++) {
          out[s] = prepared.zscores[l][s][f];
        }
        return out;
      }
    }
    throw new IllegalArgumentException("no prepared feature " + layer + ":" + feature);
  }

  /** Cluster sizes. */
  public int[] sizes() {
    int[] s = new int[k()];
    for (int y : labels) {
      s[y]++;
    }
    return s;
  }

  /** Assignments of the training samples (confidence = consensus share or NaN). */
  public List<StratumAssignment> assignments() {
    List<StratumAssignment> out = new ArrayList<>();
    List<String> ids = sampleIds();
    for (int i = 0; i < ids.size(); i++) {
      double conf = Double.NaN;
      if (consensus != null) {
        // Mean consensus with the own cluster: how often the patient sat with its cluster-mates.
        double s = 0;
        int c = 0;
        for (int j = 0; j < ids.size(); j++) {
          if (j != i && labels[j] == labels[i]) {
            s += consensus.matrix()[i][j];
            c++;
          }
        }
        conf = c == 0 ? 1 : s / c;
      }
      out.add(new StratumAssignment(ids.get(i), model.name(), labels[i], conf));
    }
    return out;
  }

  /**
   * The strata for the trial simulator: one summary per cluster named {@code S1..Sk}, with its
   * share of the stratified patients and its size.
   */
  public List<StratumSummary> strataSummaries() {
    int[] s = sizes();
    List<StratumSummary> out = new ArrayList<>();
    for (int c = 0; c < s.length; c++) {
      out.add(new StratumSummary("S" + (c + 1), (double) s[c] / labels.length, s[c]));
    }
    return out;
  }
}
