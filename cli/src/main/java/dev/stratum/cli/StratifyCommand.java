package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.stratification.ClusterProfile;
import dev.stratum.stratification.FeatureMatrix;
import dev.stratum.stratification.FeatureSource;
import dev.stratum.stratification.KCriterion;
import dev.stratum.stratification.KSelection;
import dev.stratum.stratification.PreparationOptions;
import dev.stratum.stratification.StratificationResult;
import dev.stratum.stratification.Stratifier;
import dev.stratum.stratification.StratifierOptions;
import dev.stratum.stratification.cluster.Method;
import dev.stratum.stratification.io.SurvivalCsvReader;
import dev.stratum.stratification.report.Report;
import dev.stratum.stratification.stats.SurvivalData;
import dev.stratum.trust.AuditEvent;
import dev.stratum.trust.ConsentPolicy;
import dev.stratum.trust.Representativeness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum stratify}: cluster patients from omics layers and write assignments, model,
 * report.
 */
@Command(
    name = "stratify",
    mixinStandardHelpOptions = true,
    description = {
      "Stratify patients by clustering omics layers (or a feature-store snapshot).",
      "Writes OUT/assignments.csv (sample_id,cluster), OUT/model.json (assigns new patients) and"
          + " OUT/report.html (choice of k, stability, survival, profiles, plots)."
    })
public final class StratifyCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Feature-store snapshot directory (not yet readable by this build).")
  Path store;

  @Option(
      names = "--omics",
      paramLabel = "NAME=FILE.tsv",
      description =
          "An omics layer: name and TSV matrix (header feature_id then sample ids; NA = missing)."
              + " Repeat for several layers.")
  Map<String, Path> omics = new LinkedHashMap<>();

  @Option(
      names = "--survival",
      paramLabel = "FILE.csv",
      description = "Follow-up as CSV person_id,time,event (1 = event, 0 = censored).")
  Path survival;

  @Option(
      names = "--k",
      paramLabel = "K|auto",
      defaultValue = "auto",
      description = "Number of clusters, or auto (default) to choose in --k-min..--k-max.")
  String k;

  @Option(names = "--k-min", defaultValue = "2", description = "Smallest k tried by auto.")
  int kMin;

  @Option(names = "--k-max", defaultValue = "8", description = "Largest k tried by auto.")
  int kMax;

  @Option(
      names = "--k-criterion",
      defaultValue = "gap",
      description = "How auto picks k: gap (default, Tibshirani's rule), silhouette or pac.")
  String criterion;

  @Option(
      names = "--method",
      defaultValue = "kmeans",
      description = "kmeans (default), gmm, ward, average, spectral or snf.")
  String method;

  @Option(
      names = "--consensus",
      description = "Use the consensus partition (Monti 2003) over subsamples of the method.")
  boolean consensus;

  @Option(names = "--resamples", defaultValue = "50", description = "Consensus subsamples per k.")
  int resamples;

  @Option(
      names = "--min-cluster-size",
      defaultValue = "10",
      description = "auto never picks a k with a smaller cluster.")
  int minClusterSize;

  @Option(names = "--bootstraps", defaultValue = "20", description = "Bootstrap resamples.")
  int bootstraps;

  @Option(names = "--pcs", defaultValue = "10", description = "Principal components per layer.")
  int pcs;

  @Option(
      names = "--max-features",
      defaultValue = "2000",
      description = "Highest-variance features kept per layer.")
  int maxFeatures;

  @Option(names = "--seed", defaultValue = "1", description = "Seed; same seed, same result.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Summary on stdout: table (default) or json.")
  OutputFormat format;

  @Mixin RoleOption roleOption = new RoleOption();

  @Option(
      names = "--consent-from",
      paramLabel = "DIR",
      description =
          "Raw-data directory whose omop/observation.csv holds research consent; patients without"
              + " it are left out unless --approved-protocol is given.")
  Path consentFrom;

  @Override
  public Integer call() {
    TrustContext trust = TrustContext.of(roleOption);
    trust.requirePatientRows("stratify assignments");
    if (store != null && !omics.isEmpty()) {
      throw InvalidInputException.ofArgument("--store", "give either --store or --omics, not both");
    }
    if (store != null) {
      throw InvalidInputException.ofArgument(
          "--store",
          "reading a feature-store snapshot is not available in this build yet; pass the omics"
              + " layers with --omics NAME=FILE.tsv");
    }
    if (omics.isEmpty()) {
      throw InvalidInputException.ofArgument("--omics", "give at least one --omics NAME=FILE.tsv");
    }
    if (format == OutputFormat.CSV) {
      throw InvalidInputException.ofArgument("--format", "stratify writes table or json");
    }
    StratifierOptions options = options();
    Predicate<String> admitted =
        trust.consentFilter(consentFrom, ConsentPolicy.Purpose.STRATIFICATION);
    UnaryOperator<String> view = trust.idView();
    Path tmp;
    try {
      tmp = Files.createTempDirectory("stratum-stratify-");
    } catch (java.io.IOException e) {
      throw new dev.stratum.core.error.StratumException("cannot create a temporary folder", e);
    }
    PatientFiles.Restricted in;
    FeatureMatrix matrix;
    Map<String, SurvivalData.Observation> followUp;
    try {
      in = PatientFiles.restrict(omics, survival, admitted, view, tmp);
      try {
        matrix = FeatureSource.omicsFiles(in.omics()).read();
      } catch (InvalidInputException e) {
        throw PatientFiles.original(e, omics, in);
      }
      try {
        followUp = in.survival() == null ? Map.of() : SurvivalCsvReader.read(in.survival());
      } catch (InvalidInputException e) {
        throw e.path().isPresent() && e.path().get().equals(in.survival().toString())
            ? InvalidInputException.at(
                survival.toString(), e.line(), e.field().orElse(null), e.reason(), e)
            : e;
      }
    } finally {
      PatientFiles.delete(tmp);
    }
    if (in.leftOut() > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "stratify: %d samples left out (no research consent or revoked)%n",
              in.leftOut());
    }
    spec.commandLine()
        .getErr()
        .printf(
            Locale.ROOT,
            "stratify: %d samples, %d layers, method %s, k %s%n",
            matrix.sampleIds().size(),
            matrix.layers().size(),
            options.method().cliName(),
            k);
    StratificationResult r;
    try {
      var err = spec.commandLine().getErr();
      r =
          Stratifier.fit(
              matrix,
              followUp,
              options,
              stage -> {
                err.println("stratify: " + stage);
                err.flush();
              });
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--omics", e.getMessage());
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("samples", r.sampleIds().size());
    counts.put("left_out_for_consent", in.leftOut());
    counts.put("k", r.k());
    trust.audit(
        AuditEvent.Action.EXPORT,
        "stratify",
        String.join(" ", omics.values().stream().map(Path::toString).toList()),
        counts,
        List.copyOf(in.kept()));
    Report.Files3 files = Report.write(r, out);
    if (format == OutputFormat.JSON) {
      ObjectNode j = json(r, files);
      j.put("role", trust.role().cliName());
      j.put("consent", trust.policy().basis(ConsentPolicy.Purpose.STRATIFICATION));
      j.put("left_out_for_consent", in.leftOut());
      if (consentFrom != null) {
        j.set("representativeness", representativeness(r, consentFrom, view));
      }
      Output.writeJson(spec.commandLine().getOut(), j);
    } else {
      table(r, files);
    }
    return Stratum.OK;
  }

  StratifierOptions options() {
    int fixedK;
    if (k.equalsIgnoreCase("auto")) {
      fixedK = 0;
    } else {
      try {
        fixedK = Integer.parseInt(k);
      } catch (NumberFormatException e) {
        throw InvalidInputException.ofArgument("--k", "expected an integer >= 2 or auto, got " + k);
      }
      if (fixedK < 2) {
        throw InvalidInputException.ofArgument("--k", "must be >= 2 or auto, got " + k);
      }
    }
    Method m;
    try {
      m = Method.parse(method);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--method", e.getMessage());
    }
    KCriterion c;
    try {
      c = KCriterion.valueOf(criterion.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument(
          "--k-criterion", "expected silhouette, gap or pac, got " + criterion);
    }
    try {
      PreparationOptions prep =
          new PreparationOptions(
              PreparationOptions.LogTransform.AUTO, maxFeatures, 0.5, pcs, 10, false);
      StratifierOptions d = StratifierOptions.defaults(seed);
      return new StratifierOptions(
          m,
          fixedK,
          kMin,
          kMax,
          c,
          consensus,
          resamples,
          d.subsampleFraction(),
          minClusterSize,
          bootstraps,
          d.stabilityRuns(),
          d.gapReferences(),
          d.survivalPermutations(),
          d.topFeatures(),
          prep,
          seed);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("stratify", e.getMessage());
    }
  }

  private static ObjectNode json(StratificationResult r, Report.Files3 files) {
    ObjectNode o = Output.object();
    o.put("samples", r.sampleIds().size());
    o.put("method", r.options().method().cliName());
    o.put("consensus", r.options().consensus());
    o.put("k", r.k());
    KSelection ks = r.kSelection();
    o.put(
        "chosen_by",
        ks.criterion() == null ? "user" : ks.criterion().name().toLowerCase(Locale.ROOT));
    ArrayNode cands = o.putArray("k_selection");
    for (KSelection.Candidate c : ks.candidates()) {
      ObjectNode n = cands.addObject();
      n.put("k", c.k());
      n.put("silhouette", c.silhouette());
      putNumber(n, "gap", c.gap());
      putNumber(n, "gap_se", c.gapSe());
      putNumber(n, "pac", c.pac());
      n.put("smallest_cluster", c.smallestCluster());
      n.put("eligible", c.eligible());
    }
    o.put("mean_silhouette", r.meanSilhouette());
    putNumber(o, "mean_ari_between_runs", r.stability().meanAri());
    ArrayNode cl = o.putArray("clusters");
    double[] jac = r.stability().jaccard();
    for (ClusterProfile p : r.profiles()) {
      ObjectNode n = cl.addObject();
      n.put("cluster", p.cluster() + 1);
      n.put("size", p.size());
      n.put("share", p.share());
      putNumber(n, "bootstrap_jaccard", jac[p.cluster()]);
      ArrayNode top = n.putArray("top_features");
      for (ClusterProfile.FeatureEffect e : p.topFeatures()) {
        ObjectNode f = top.addObject();
        f.put("layer", e.layer());
        f.put("feature", e.feature());
        f.put("effect_size", e.effectSize());
        f.put("q", e.q());
      }
    }
    r.survival()
        .ifPresent(
            s -> {
              ObjectNode n = o.putObject("survival");
              n.put("patients", s.patients());
              n.put("logrank_chi_square", s.logRank().chiSquare());
              n.put("df", s.logRank().df());
              n.put("p", s.logRank().p());
              putNumber(n, "permutation_p", s.logRank().permutationP());
              n.put("reference_cluster", s.reference() + 1);
              ArrayNode hr = n.putArray("hazard_ratios");
              for (int j = 0; j < s.coxClusters().length; j++) {
                ObjectNode h = hr.addObject();
                h.put("cluster", s.coxClusters()[j] + 1);
                putNumber(h, "hr", s.cox().hazardRatio(j));
                putNumber(h, "lower95", s.cox().lower95(j));
                putNumber(h, "upper95", s.cox().upper95(j));
                putNumber(h, "p", s.cox().p()[j]);
              }
            });
    ArrayNode w = o.putArray("warnings");
    r.warnings().forEach(w::add);
    ObjectNode f = o.putObject("files");
    f.put("assignments", files.assignments().toString());
    f.put("model", files.model().toString());
    f.put("report", files.report().toString());
    return o;
  }

  /**
   * Composition of each cluster against the whole stratified cohort (sex, race, ethnicity, age
   * group on the latest observation day of the cohort), with participation-to-prevalence ratios and
   * flags ({@link Representativeness}); demographics from the raw directory's person table.
   */
  static ArrayNode representativeness(
      StratificationResult r, Path raw, UnaryOperator<String> view) {
    Map<String, Representativeness.Demographics> demo = new java.util.HashMap<>();
    java.time.LocalDate day;
    try (var periods =
        dev.stratum.datasets.io.RawDataset.open(raw)
            .observationPeriods(dev.stratum.datasets.io.ReadPolicy.strict())) {
      day =
          periods
              .map(dev.stratum.core.clinical.ObservationPeriod::end)
              .max(java.util.Comparator.naturalOrder())
              .orElse(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }
    try (var persons =
        dev.stratum.datasets.io.RawDataset.open(raw)
            .persons(dev.stratum.datasets.io.ReadPolicy.strict())) {
      persons.forEach(
          p ->
              demo.put(
                  view.apply(p.personId()),
                  new Representativeness.Demographics(
                      p.sex().name().toLowerCase(Locale.ROOT),
                      p.race(),
                      p.ethnicity(),
                      p.ageOn(day))));
    }
    List<String> ids = r.sampleIds();
    int[] labels = r.labels();
    List<Representativeness.Demographics> all = new ArrayList<>();
    for (String id : ids) {
      all.add(demo.getOrDefault(id, new Representativeness.Demographics("", "", "", -1)));
    }
    ArrayNode out = Output.json().createArrayNode();
    for (int c = 0; c < r.k(); c++) {
      List<Representativeness.Demographics> members = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (labels[i] == c) {
          members.add(all.get(i));
        }
      }
      Representativeness.Report rep = Representativeness.of(members, all, 0.95);
      ObjectNode n = out.addObject();
      n.put("cluster", c + 1);
      n.put("size", members.size());
      ArrayNode groups = n.putArray("groups");
      for (Representativeness.Group g : rep.groups()) {
        ObjectNode x = groups.addObject();
        x.put("dimension", g.dimension());
        x.put("group", g.group());
        x.put("count", g.poolCount());
        x.put("share", g.poolShare());
        x.put("cohort_share", g.referenceShare());
        putNumber(x, "ratio", g.ratio());
        putNumber(x, "lower95", g.lower());
        putNumber(x, "upper95", g.upper());
        x.put("flag", g.flag().name().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static void putNumber(ObjectNode n, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }

  private void table(StratificationResult r, Report.Files3 files) {
    var outW = spec.commandLine().getOut();
    outW.printf(
        Locale.ROOT,
        "k = %d (%s), method %s%s, mean silhouette %.3f%n",
        r.k(),
        r.kSelection().criterion() == null ? "fixed" : r.kSelection().reason(),
        r.options().method().cliName(),
        r.options().consensus() ? " (consensus)" : "",
        r.meanSilhouette());
    List<List<String>> rows = new ArrayList<>();
    double[] jac = r.stability().jaccard();
    for (ClusterProfile p : r.profiles()) {
      rows.add(
          List.of(
              String.valueOf(p.cluster() + 1),
              String.valueOf(p.size()),
              String.format(Locale.ROOT, "%.1f%%", 100 * p.share()),
              Double.isNaN(jac[p.cluster()])
                  ? "-"
                  : String.format(Locale.ROOT, "%.2f", jac[p.cluster()]),
              p.topFeatures().isEmpty() ? "-" : p.topFeatures().get(0).feature()));
    }
    Output.writeTable(
        outW,
        OutputFormat.TABLE,
        List.of("cluster", "size", "share", "jaccard", "top feature"),
        rows);
    r.survival()
        .ifPresent(
            s ->
                outW.printf(
                    Locale.ROOT,
                    "log-rank chi-square %.2f on %d df, p = %.3g%n",
                    s.logRank().chiSquare(),
                    s.logRank().df(),
                    s.logRank().p()));
    for (String w : r.warnings()) {
      outW.println("warning: " + w);
    }
    outW.println("wrote " + files.assignments() + ", " + files.model() + ", " + files.report());
    outW.flush();
  }
}
