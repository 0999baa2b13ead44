package dev.stratum.notebooks.commands.biostat;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.StrataWriteBack;
import dev.stratum.notebooks.commands.store.StoreArgs;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.notebooks.store.StoreStratification;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code stratify}: the CLI's {@code stratum stratify} (multi-omics clustering with the number of
 * clusters chosen by silhouette, gap or PAC; survival by cluster). Writes the same files into
 * {@code --out} (assignments.csv, model.json, report.html), shows the k-selection criteria, the
 * cluster sizes, the Kaplan-Meier curves by cluster and the patients projected on the first two
 * principal components, and keeps the result in the session for {@code clusters} and {@code km}.
 *
 * <p>Input as in the CLI: omics files ({@code --omics}), or a feature-store snapshot ({@code
 * --store}, {@code --snapshot}, {@code --families}; patients with research consent unless {@code
 * --approved-protocol} covers everyone; follow-up from the snapshot unless {@code --survival}),
 * read by the same code as {@code stratum stratify --store} ({@link StoreStratification}). With
 * {@code --write-back} the strata become the feature family {@code strata} of a new snapshot that
 * is made current (and becomes the session's open snapshot when the session works on that store).
 */
public final class StratifyCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "stratify",
              "(--store DIR [--snapshot ID] [--families F1,F2] [--write-back]"
                  + " [--approved-protocol ID] | --omics NAME=FILE.tsv...) [--survival FILE.csv]"
                  + " [--k K|auto] [--k-min K]"
                  + " [--k-max K] [--k-criterion silhouette|gap|pac] [--method M] [--consensus]"
                  + " [--resamples R] [--min-cluster-size N] [--bootstraps B] [--pcs P]"
                  + " [--max-features F] [--seed S] --out DIR",
              "clusters of patients from omics layers or a feature-store snapshot: choice of k,"
                  + " sizes, KM curves, projection; --write-back publishes the strata to the store")
          .withOptions(
              "store",
              "snapshot",
              "families",
              "approved-protocol",
              "omics",
              "survival",
              "k",
              "k-min",
              "k-max",
              "k-criterion",
              "method",
              "resamples",
              "min-cluster-size",
              "bootstraps",
              "pcs",
              "max-features",
              "seed",
              "out")
          .withFlags("consensus", "write-back");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    Optional<String> storeArg = a.option("store");
    List<String> families = new ArrayList<>();
    for (String f : a.all("families")) {
      for (String part : f.split(",")) {
        if (!part.isBlank()) {
          families.add(part.strip());
        }
      }
    }
    boolean writeBack = a.flag("write-back");
    if (storeArg.isPresent() && !a.all("omics").isEmpty()) {
      throw InvalidInputException.ofArgument("--store", "give either --store or --omics, not both");
    }
    if (storeArg.isEmpty()) {
      String needsStore =
          a.option("snapshot").isPresent()
              ? "--snapshot"
              : !families.isEmpty()
                  ? "--families"
                  : writeBack
                      ? "--write-back"
                      : a.option("approved-protocol").isPresent() ? "--approved-protocol" : null;
      if (needsStore != null) {
        throw InvalidInputException.ofArgument(needsStore, "needs --store");
      }
    }
    Map<String, Path> omics = new LinkedHashMap<>();
    for (String layer : a.all("omics")) {
      int eq = layer.indexOf('=');
      if (eq <= 0 || eq == layer.length() - 1) {
        throw InvalidInputException.ofArgument(
            "--omics", "expected NAME=FILE.tsv, got '" + layer + "'");
      }
      Path f = Path.of(layer.substring(eq + 1));
      if (!Files.isRegularFile(f)) {
        throw InvalidInputException.ofArgument("--omics", "file not found: " + f);
      }
      omics.put(layer.substring(0, eq), f);
    }
    if (omics.isEmpty() && storeArg.isEmpty()) {
      throw InvalidInputException.ofArgument(
          "--omics", "give --store DIR or at least one --omics NAME=FILE.tsv");
    }
    Path out = Path.of(a.required("out"));
    StratifierOptions options = options(a);
    Map<String, SurvivalData.Observation> followUp = Map.of();
    if (a.option("survival").isPresent()) {
      Path s = Path.of(a.option("survival").get());
      if (!Files.isRegularFile(s)) {
        throw InvalidInputException.ofArgument("--survival", "file not found: " + s);
      }
      followUp = SurvivalCsvReader.read(s);
    }
    FeatureMatrix matrix;
    StudyContext context;
    Path store = null;
    StoreStratification.Input fromStore = null;
    if (storeArg.isPresent()) {
      store = Path.of(storeArg.get());
      StoreArgs.open(store); // a readable message when it is not a store
      fromStore =
          StoreStratification.read(
              store,
              a.option("snapshot").orElse(null),
              families,
              a.option("approved-protocol").orElse(null),
              a.option("approved-protocol").isPresent()
                  ? java.util.Set.of()
                  : dev.stratum.notebooks.store.Revocations.pseudonyms(in.settings()));
      matrix = fromStore.matrix();
      if (a.option("survival").isEmpty()) {
        followUp = fromStore.followUp();
      }
      context = fromStore.context();
    } else {
      matrix = FeatureSource.omicsFiles(omics).read();
      context =
          new StudyContext(
              "omics files " + omics.values(),
              null,
              List.copyOf(omics.keySet()),
              null,
              List.of(),
              Map.of());
    }
    String[] stages = {
      "preparing layers", "choosing k", "clustering", "stability", "survival and profiles"
    };
    StratificationResult fit;
    try {
      fit =
          Stratifier.fit(
              matrix,
              followUp,
              options,
              stage -> {
                in.checkCancelled();
                for (int i = 0; i < stages.length; i++) {
                  if (stage.startsWith(stages[i])) {
                    in.progress(i / (double) stages.length);
                  }
                }
              });
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument(store != null ? "--store" : "--omics", e.getMessage());
    }
    StratificationResult r = fit.withContext(context);
    Report.Files3 files = Report.write(r, out);
    in.session().put(BiostatArgs.LAST, r);
    in.session().put(BiostatArgs.MODEL, files.model().toAbsolutePath());
    StrataWriteBack.Result written = null;
    if (writeBack) {
      written = StoreStratification.writeBack(store, fromStore.snapshot(), r, files.model());
      // The session's open snapshot follows the store's CURRENT when it is this store.
      Optional<StoreArgs.Opened> opened = in.session().get(StoreArgs.OPENED);
      if (opened.isPresent() && sameDir(opened.get().store(), store)) {
        in.session()
            .put(
                StoreArgs.OPENED,
                new StoreArgs.Opened(
                    opened.get().store(), FeatureStore.open(store).snapshot(written.snapshotId())));
      }
    }
    List<Display> blocks = new ArrayList<>();
    blocks.add(kSelection(r));
    blocks.add(ClustersCommand.clusters(r));
    blocks.add(Display.html(ClustersCommand.projection(r)));
    r.survival().ifPresent(s -> blocks.add(Display.html(KmCommand.chart(r))));
    blocks.add(
        Display.text(
            "k = "
                + r.k()
                + " ("
                + (r.kSelection().criterion() == null ? "fixed" : r.kSelection().reason())
                + "); wrote "
                + files.assignments()
                + ", "
                + files.model()
                + ", "
                + files.report()
                + (r.warnings().isEmpty() ? "" : "\nwarnings: " + String.join("; ", r.warnings()))
                + (context.cohortNotes().isEmpty()
                    ? ""
                    : "\ncohort: " + String.join("; ", context.cohortNotes()))
                + (written == null
                    ? ""
                    : "\nstrata of "
                        + r.model().name()
                        + " written back: snapshot "
                        + written.snapshotId()
                        + " (parent "
                        + written.parentId()
                        + ") is current, "
                        + written.rows()
                        + " patients in family strata")));
    return new ParagraphOutput(blocks);
  }

  private static boolean sameDir(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static Display kSelection(StratificationResult r) {
    List<List<String>> rows = new ArrayList<>();
    for (KSelection.Candidate c : r.kSelection().candidates()) {
      rows.add(
          List.of(
              String.valueOf(c.k()),
              Numbers.plain(c.silhouette(), 4),
              Numbers.plain(c.gap(), 4),
              Numbers.plain(c.gapSe(), 4),
              Numbers.plain(c.pac(), 4),
              String.valueOf(c.smallestCluster()),
              String.valueOf(c.eligible()),
              String.valueOf(c.k() == r.k())));
    }
    if (rows.isEmpty()) {
      rows.add(
          List.of(
              String.valueOf(r.k()),
              Numbers.plain(r.meanSilhouette(), 4),
              "NA",
              "NA",
              "NA",
              String.valueOf(java.util.Arrays.stream(r.sizes()).min().orElse(0)),
              "true",
              "true"));
    }
    return Display.table(
        List.of(
            "k", "silhouette", "gap", "gap_se", "pac", "smallest_cluster", "eligible", "chosen"),
        rows);
  }

  private static StratifierOptions options(Arguments a) {
    String k = a.option("k").orElse("auto");
    int fixedK;
    if (k.equalsIgnoreCase("auto")) {
      fixedK = 0;
    } else {
      try {
        fixedK = Integer.parseInt(k.strip());
      } catch (NumberFormatException e) {
        throw InvalidInputException.ofArgument("--k", "expected an integer >= 2 or auto, got " + k);
      }
      if (fixedK < 2) {
        throw InvalidInputException.ofArgument("--k", "must be >= 2 or auto, got " + k);
      }
    }
    Method m;
    try {
      m = Method.parse(a.option("method").orElse("kmeans"));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument("--method", e.getMessage());
    }
    String criterion = a.option("k-criterion").orElse("silhouette");
    KCriterion c;
    try {
      c = KCriterion.valueOf(criterion.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.ofArgument(
          "--k-criterion", "expected silhouette, gap or pac, got " + criterion);
    }
    long seed = BiostatArgs.seed(a, 1);
    try {
      PreparationOptions prep =
          new PreparationOptions(
              PreparationOptions.LogTransform.AUTO,
              a.integer("max-features", 2000, 1, Integer.MAX_VALUE),
              0.5,
              a.integer("pcs", 10, 1, 1000),
              10,
              false);
      StratifierOptions d = StratifierOptions.defaults(seed);
      return new StratifierOptions(
          m,
          fixedK,
          a.integer("k-min", 2, 2, 1000),
          a.integer("k-max", 8, 2, 1000),
          c,
          a.flag("consensus"),
          a.integer("resamples", 50, 1, 100_000),
          d.subsampleFraction(),
          a.integer("min-cluster-size", 10, 1, Integer.MAX_VALUE),
          a.integer("bootstraps", 20, 0, 100_000),
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
}
