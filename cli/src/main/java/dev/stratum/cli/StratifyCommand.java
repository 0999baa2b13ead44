package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.StrataWriteBack;
import dev.stratum.notebooks.store.StoreStratification;
import dev.stratum.stratification.ClusterProfile;
import dev.stratum.stratification.DemographicComposition;
import dev.stratum.stratification.FeatureMatrix;
import dev.stratum.stratification.FeatureSource;
import dev.stratum.stratification.KCriterion;
import dev.stratum.stratification.KSelection;
import dev.stratum.stratification.PreparationOptions;
import dev.stratum.stratification.StratificationResult;
import dev.stratum.stratification.Stratifier;
import dev.stratum.stratification.StratifierOptions;
import dev.stratum.stratification.StudyContext;
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
      description =
          "Feature store (stratum features): stratify its current snapshot (or --snapshot).")
  Path store;

  @Option(
      names = "--snapshot",
      paramLabel = "ID",
      description = "With --store: this snapshot instead of the current one.")
  String snapshot;

  @Option(
      names = "--families",
      split = ",",
      paramLabel = "F1,F2",
      description =
          "With --store: feature families to cluster (default omics; one layer per omics layer,"
              + " one per other family: conditions, drugs, procedures, measurements, variants,"
              + " observations, note_facts).")
  List<String> families = new ArrayList<>();

  @Option(
      names = "--write-back",
      description =
          "With --store: publish a new snapshot with the assignments as feature family 'strata'"
              + " (table strata, columns in patients, catalog entries) and make it current.")
  boolean writeBack;

  @Option(
      names = "--engine",
      defaultValue = "smile",
      paramLabel = "smile|mllib",
      description =
          "smile (default, every method) or mllib (Spark MLlib for large cohorts: --method"
              + " kmeans, bisecting or gmm; needs a fixed --k).")
  String engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master for --engine mllib (default local[*]); implies --engine mllib.")
  String master;

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
    if (store == null && omics.isEmpty()) {
      throw InvalidInputException.ofArgument(
          "--omics", "give --store DIR or at least one --omics NAME=FILE.tsv");
    }
    if (store == null && (snapshot != null || !families.isEmpty() || writeBack)) {
      throw InvalidInputException.ofArgument(
          snapshot != null ? "--snapshot" : !families.isEmpty() ? "--families" : "--write-back",
          "needs --store");
    }
    if (store != null && consentFrom != null) {
      throw InvalidInputException.ofArgument(
          "--consent-from", "a store carries its own consent rows; give it with --omics only");
    }
    if (format == OutputFormat.CSV) {
      throw InvalidInputException.ofArgument("--format", "stratify writes table or json");
    }
    boolean mllib = master != null || engine.equalsIgnoreCase("mllib");
    if (!mllib && !engine.equalsIgnoreCase("smile")) {
      throw InvalidInputException.ofArgument("--engine", "expected smile or mllib, got " + engine);
    }
    StratifierOptions options = mllib ? options(Method.KMEANS) : options(null);
    FeatureMatrix matrix;
    Map<String, SurvivalData.Observation> followUp;
    StudyContext context;
    FeatureSnapshot snap = null;
    // Omics files carry source ids: consent filter and the role's view of ids apply here. A store
    // holds pseudonyms already; its consent rows and the revocation list (mapped to pseudonyms)
    // are applied by SnapshotFeatureSource (notebooks module, shared with the notebooks'
    // stratify --store). Revocations since the snapshot apply as for consent: an approved
    // protocol covers them.
    PatientFiles.Restricted in = null;
    UnaryOperator<String> view = UnaryOperator.identity();
    if (store != null) {
      StoreStratification.Input src =
          StoreStratification.read(
              store,
              snapshot,
              families,
              roleOption.approvedProtocol,
              roleOption.approvedProtocol == null ? trust.revokedPseudonyms() : java.util.Set.of());
      snap = src.snapshot();
      matrix = src.matrix();
      followUp = survival != null ? SurvivalCsvReader.read(survival) : src.followUp();
      context = src.context();
    } else {
      Predicate<String> admitted =
          trust.consentFilter(consentFrom, ConsentPolicy.Purpose.STRATIFICATION);
      view = trust.idView();
      Path tmp;
      try {
        tmp = Files.createTempDirectory("stratum-stratify-");
      } catch (java.io.IOException e) {
        throw new dev.stratum.core.error.StratumException("cannot create a temporary folder", e);
      }
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
      context =
          new StudyContext(
              "omics files " + omics.values(),
              null,
              List.copyOf(omics.keySet()),
              roleOption.approvedProtocol,
              List.of(),
              Map.of());
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
    var err = spec.commandLine().getErr();
    java.util.function.Consumer<String> progress =
        stage -> {
          err.println("stratify: " + stage);
          err.flush();
        };
    try {
      r =
          mllib
              ? MllibEngine.fit(matrix, followUp, options, method, master, progress)
              : Stratifier.fit(matrix, followUp, options, progress);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument(store != null ? "--store" : "--omics", e.getMessage());
    }
    r = r.withContext(context);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("samples", r.sampleIds().size());
    if (in != null) {
      counts.put("left_out_for_consent", in.leftOut());
    }
    counts.put("k", r.k());
    if (in != null) {
      trust.audit(
          AuditEvent.Action.EXPORT,
          "stratify",
          String.join(" ", omics.values().stream().map(Path::toString).toList()),
          counts,
          List.copyOf(in.kept()));
    } else {
      trust.auditPseudonyms(
          AuditEvent.Action.EXPORT,
          "stratify",
          "store " + store + " snapshot " + snap.id() + " families " + context.families(),
          counts,
          List.copyOf(r.sampleIds()));
    }
    Report.Files3 files = Report.write(r, out);
    StrataWriteBack.Result written = null;
    if (writeBack) {
      written = writeBack(snap, r, files.model());
      err.println(
          "stratify: wrote strata of "
              + r.model().name()
              + " into new snapshot "
              + written.snapshotId()
              + " (parent "
              + written.parentId()
              + "), now current");
    }
    if (format == OutputFormat.JSON) {
      ObjectNode j = json(r, files);
      j.put("role", trust.role().cliName());
      j.put("consent", trust.policy().basis(ConsentPolicy.Purpose.STRATIFICATION));
      if (in != null) {
        j.put("left_out_for_consent", in.leftOut());
      }
      if (consentFrom != null && in != null) {
        j.set("representativeness", representativeness(r, consentFrom, view));
      }
      if (written != null) {
        ObjectNode w = j.putObject("write_back");
        w.put("snapshot", written.snapshotId());
        w.put("parent", written.parentId());
        w.put("reused", written.reused());
        w.put("rows", written.rows());
      }
      Output.writeJson(spec.commandLine().getOut(), j);
    } else {
      table(r, files);
      if (written != null) {
        spec.commandLine()
            .getOut()
            .println(
                "strata written back: snapshot "
                    + written.snapshotId()
                    + " (parent "
                    + written.parentId()
                    + ") is current");
      }
    }
    return Stratum.OK;
  }

  private StrataWriteBack.Result writeBack(
      FeatureSnapshot parent, StratificationResult r, Path modelFile) {
    return StoreStratification.writeBack(store, parent, r, modelFile);
  }

  StratifierOptions options(Method forced) {
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
    if (forced != null) {
      m = forced; // the MLlib engine clusters by its own method (MllibEngine)
      if (fixedK == 0) {
        throw InvalidInputException.ofArgument(
            "--k", "the mllib engine needs a fixed --k (auto scans k with consensus and gap)");
      }
    } else {
      try {
        m = Method.parse(method);
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.ofArgument("--method", e.getMessage());
      }
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
    o.put("method", r.model().method());
    o.put("model", r.model().name());
    r.context()
        .ifPresent(
            c -> {
              ObjectNode in = o.putObject("input");
              in.put("source", c.source());
              in.put("snapshot", c.snapshotId());
              c.families().forEach(in.putArray("families")::add);
              in.put("approved_protocol", c.approvedProtocol());
              c.cohortNotes().forEach(in.putArray("cohort")::add);
            });
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
    ArrayNode demo = o.putArray("demographics");
    for (DemographicComposition.Variable v : r.composition().variables()) {
      ObjectNode n = demo.addObject();
      n.put("variable", v.name());
      v.categories().forEach(n.putArray("categories")::add);
      ArrayNode counts = n.putArray("counts");
      for (long[] row : v.counts()) {
        ArrayNode a = counts.addArray();
        for (long x : row) {
          a.add(x);
        }
      }
      putNumber(n, "chi_square", v.chiSquare());
      n.put("df", v.df());
      putNumber(n, "p", v.p());
    }
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
        r.model().method(),
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
