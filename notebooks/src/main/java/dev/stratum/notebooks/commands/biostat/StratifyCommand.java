package dev.stratum.notebooks.commands.biostat;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stratify}: the CLI's {@code stratum stratify} (multi-omics clustering with the number of
 * clusters chosen by silhouette, gap or PAC; survival by cluster). Writes the same files into
 * {@code --out} (assignments.csv, model.json, report.html), shows the k-selection criteria, the
 * cluster sizes, the Kaplan-Meier curves by cluster and the patients projected on the first two
 * principal components, and keeps the result in the session for {@code clusters} and {@code km}.
 */
public final class StratifyCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "stratify",
              "--omics NAME=FILE.tsv... [--survival FILE.csv] [--k K|auto] [--k-min K]"
                  + " [--k-max K] [--k-criterion silhouette|gap|pac] [--method M] [--consensus]"
                  + " [--resamples R] [--min-cluster-size N] [--bootstraps B] [--pcs P]"
                  + " [--max-features F] [--seed S] --out DIR",
              "clusters of patients from omics layers: choice of k, sizes, KM curves, projection")
          .withOptions(
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
          .withFlags("consensus");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
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
    if (omics.isEmpty()) {
      throw InvalidInputException.ofArgument("--omics", "give at least one --omics NAME=FILE.tsv");
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
    FeatureMatrix matrix = FeatureSource.omicsFiles(omics).read();
    String[] stages = {
      "preparing layers", "choosing k", "clustering", "stability", "survival and profiles"
    };
    StratificationResult r;
    try {
      r =
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
      throw InvalidInputException.ofArgument("--omics", e.getMessage());
    }
    Report.Files3 files = Report.write(r, out);
    in.session().put(BiostatArgs.LAST, r);
    in.session().put(BiostatArgs.MODEL, files.model().toAbsolutePath());
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
                + (r.warnings().isEmpty()
                    ? ""
                    : "\nwarnings: " + String.join("; ", r.warnings()))));
    return new ParagraphOutput(blocks);
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
