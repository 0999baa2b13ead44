package dev.stratum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.core.strata.StratumSummary;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.stratification.stats.ClusterAgreement;
import dev.stratum.trialsim.sim.DesignReader;
import dev.stratum.trialsim.sim.Enrichment;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum demo}: every step of the workbench, end to end, on a generated cohort, through the
 * same subcommands a user runs (each is invoked in-process with {@code --format json} and its
 * result read back), followed by a summary with the evidence that each step worked: planted truth
 * against what the tools recovered.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run every step on a generated cohort and print a summary: generate -> validate -> survival"
          + " -> criteria parse -> NLP against truth -> stratify (ARI against the planted strata)"
          + " -> sample size -> group-sequential design -> simulate (incl. enrichment on the"
          + " strata).",
      "Outputs stay in --out for inspection (report.html of the stratification, assignments,"
          + " simulation reports)."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Recorded as the consent basis of the demo's analyses: the cohort is synthetic. */
  static final String DEMO_PROTOCOL = "synthetic-demo-cohort";

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--patients",
      defaultValue = "2000",
      paramLabel = "N",
      description = "Cohort size (default: ${DEFAULT-VALUE}).")
  long patients;

  @Option(
      names = "--out",
      defaultValue = "demo-out",
      paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "7",
      paramLabel = "S",
      description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--reps",
      defaultValue = "4000",
      paramLabel = "N",
      description = "Monte-Carlo replicates per simulated design (default: ${DEFAULT-VALUE}).")
  int reps;

  @Option(
      names = "--stratum-hr",
      split = ",",
      paramLabel = "HR",
      description =
          "Planning assumption: treatment hazard ratio per discovered stratum, largest stratum"
              + " first (default: 0.6, 0.75, 0.9, 1.0, then 1.0).")
  List<Double> stratumHr;

  @Option(
      names = "--designs",
      paramLabel = "DIR",
      description = "Folder of the shipped trial designs (default: docs/designs of the checkout).")
  Path designs;

  @Option(
      names = "--no-spark",
      description = "Skip the Spark feature-store step (the slowest; used by quick tests).")
  boolean noSpark;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "table|json",
      description = "Summary format (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  private final List<List<String>> summary = new ArrayList<>();
  private final ObjectNode json = Output.object();

  @Override
  public Integer call() throws IOException {
    if (patients < 50) {
      throw InvalidInputException.ofArgument(
          "--patients", "must be >= 50 for a meaningful demo, got " + patients);
    }
    if (reps < 100) {
      throw InvalidInputException.ofArgument("--reps", "must be >= 100, got " + reps);
    }
    Path designDir = designs != null ? designs : defaultDesigns();
    Path design3 = designDir.resolve("gs-survival-3look.json");
    Path enrichment = designDir.resolve("enrichment-2strata.json");
    for (Path p : List.of(design3, enrichment)) {
      if (!Files.isRegularFile(p)) {
        throw InvalidInputException.ofArgument("--designs", "no design file " + p);
      }
    }
    Files.createDirectories(out);
    Path raw = out.resolve("raw");
    String s = Long.toString(seed);
    PrintWriter err = spec.commandLine().getErr();
    err.println("demo: " + patients + " patients, seed " + seed + ", outputs in " + out);

    // 1. Data: generate a cohort in the real formats and validate it with the readers.
    JsonNode gen =
        run(
            "generate",
            "--patients",
            Long.toString(patients),
            "--seed",
            s,
            "--out",
            raw.toString(),
            "--format",
            "json");
    JsonNode val = run("validate", "--raw", raw.toString(), "--format", "json");
    StringBuilder planted = new StringBuilder();
    gen.path("strata")
        .properties()
        .forEach(e -> planted.append(planted.isEmpty() ? "" : ", ").append(e.getValue().asLong()));
    record(
        "generate",
        String.format(
            Locale.ROOT,
            "%d patients, %d trials, %d planted strata (sizes %s)",
            patients,
            gen.path("eligible").size(),
            gen.path("strata").size(),
            planted));
    JsonNode totals = val.path("totals");
    record(
        "validate",
        String.format(
            Locale.ROOT,
            "%d records read, %d accepted, %d quarantined",
            totals.path("read").asLong(),
            totals.path("accepted").asLong(),
            totals.path("quarantined").asLong()));
    json.set("generate", gen);
    json.set("validate", totals);

    // 1b. Feature store: one Spark job validates, pseudonymizes and snapshots everything.
    if (!noSpark) {
      Path store = out.resolve("store");
      JsonNode fs =
          run(
              "features",
              "--raw",
              raw.toString(),
              "--store",
              store.toString(),
              "--key-file",
              out.resolve("pseudonym.key").toString(),
              "--create-key",
              "--format",
              "json");
      record(
          "features (Spark)",
          String.format(
              Locale.ROOT,
              "snapshot %s: %d records in, %d quarantined, %d features per patient",
              fs.path("snapshot").asText(),
              fs.path("records_in").asLong(),
              fs.path("records_quarantined").asLong(),
              fs.path("features").asLong()));
      json.set("features", fs);

      // 1c. Recruiter search: index the snapshot, match the first trial on the cohort's as-of day.
      Path index = out.resolve("index");
      JsonNode ix =
          run(
              "index",
              "--store",
              store.toString(),
              "--index",
              index.toString(),
              "--format",
              "json");
      record(
          "index (Lucene)",
          String.format(
              Locale.ROOT,
              "%d patients indexed, %d left out for lack of research consent, %.1f MB",
              ix.path("patients").asLong(),
              ix.path("without_consent").asLong(),
              ix.path("size_bytes").asLong() / 1e6));
      json.set("index", ix);
      String asOf =
          Output.json().readTree(raw.resolve("manifest.json").toFile()).path("as_of").asText();
      try (var trialFiles = Files.list(raw.resolve("trials"))) {
        Path first =
            trialFiles
                .filter(p -> p.toString().endsWith(".json"))
                .sorted()
                .findFirst()
                .orElseThrow();
        JsonNode m =
            run(
                "match",
                "--index",
                index.toString(),
                "--trial",
                first.toString(),
                "--as-of",
                asOf,
                "--limit",
                "10",
                "--format",
                "json");
        record(
            "match",
            String.format(
                Locale.ROOT,
                "%s on %s: %d eligible, %d need review, %d ineligible",
                m.path("trial").asText(),
                asOf,
                m.path("counts").path("eligible").asLong(),
                m.path("counts").path("needs_review").asLong(),
                m.path("counts").path("ineligible").asLong()));
        json.set("match", m.path("counts"));
      }
    } else {
      record("index, match", "skipped: they read the Spark feature store (--no-spark)");
    }

    // 2. Survival from OMOP, the input of stratification's survival analysis.
    // The demo acts as a recruiter on a synthetic cohort; the approved-protocol flag includes
    // the patients the generator marked as not consenting, and is recorded (docs/privacy.md).
    String survivalCsv =
        runText(
            "survival",
            "--raw",
            raw.toString(),
            "--format",
            "csv",
            "--role",
            "recruiter",
            "--approved-protocol",
            DEMO_PROTOCOL);
    Path survival = out.resolve("survival.csv");
    Files.writeString(survival, survivalCsv, StandardCharsets.UTF_8);
    long survivalRows = survivalCsv.lines().count() - 1;
    record("survival", survivalRows + " patients with follow-up from diagnosis -> survival.csv");

    // 3. Clinical NLP: criteria of every trial, and note facts against the planted truth.
    String parsed = runText("criteria", "parse", "--in", raw.resolve("trials").toString());
    int trials = 0;
    int criteria = 0;
    int thresholds = 0;
    for (String line : parsed.lines().filter(l -> !l.isBlank()).toList()) {
      JsonNode t = Output.json().readTree(line);
      trials++;
      for (JsonNode c : t.path("criteria")) {
        criteria++;
        if (!c.path("operator").isNull() && !c.path("operator").isMissingNode()) {
          thresholds++;
        }
      }
    }
    record(
        "criteria parse",
        String.format(
            Locale.ROOT,
            "%d trials, %d criteria, %d with numeric thresholds",
            trials,
            criteria,
            thresholds));
    JsonNode nlp =
        run(
            "nlp",
            "evaluate",
            "--notes",
            raw.resolve("omop/note.csv").toString(),
            "--truth",
            raw.resolve("truth/facts.csv").toString(),
            "--format",
            "json");
    JsonNode facts = nlp.path("facts");
    record(
        "nlp vs truth",
        String.format(
            Locale.ROOT,
            "facts precision %.3f, recall %.3f (%d planted facts)",
            facts.path("precision").asDouble(),
            facts.path("recall").asDouble(),
            facts.path("gold").asLong()));
    json.set("nlp", nlp);

    // 4. Stratification: multi-omics clustering with k chosen automatically, against the truth.
    Path strata = out.resolve("strata");
    List<String> stratify = new ArrayList<>(List.of("stratify"));
    Path store = out.resolve("store");
    if (noSpark) {
      // Without the feature store: the omics files and the survival command's follow-up.
      for (String layer : List.of("expression", "protein", "methylation")) {
        Path f = raw.resolve("omics/" + layer + ".tsv");
        if (Files.isRegularFile(f)) {
          stratify.addAll(List.of("--omics", layer + "=" + f));
        }
      }
      // The omics files carry every generated patient: the demo cohort is synthetic, analysed
      // under a stated protocol instead of per-patient research consent (docs/privacy.md).
      stratify.addAll(
          List.of("--survival", survival.toString(), "--approved-protocol", DEMO_PROTOCOL));
    } else {
      // From the snapshot: consenting patients only, follow-up from the store, demographics,
      // and the strata written back as a feature family (a new current snapshot).
      stratify.addAll(List.of("--store", store.toString(), "--write-back"));
    }
    stratify.addAll(
        List.of(
            "--k",
            "auto",
            "--seed",
            s,
            "--out",
            strata.toString(),
            "--format",
            "json",
            "--role",
            "recruiter"));
    JsonNode st = run(stratify.toArray(String[]::new));
    Map<String, Integer> found = readAssignments(strata.resolve("assignments.csv"));
    Map<String, Integer> truth = readAssignments(raw.resolve("truth/strata.csv"));
    if (!noSpark) {
      // The store holds pseudonyms: map the planted truth's source ids with the demo's key.
      Pseudonymizer pz = Pseudonymizer.fromKeyFile(out.resolve("pseudonym.key"));
      Map<String, Integer> pseudo = new TreeMap<>();
      truth.forEach((id, c) -> pseudo.put(pz.pseudonym(id), c));
      truth = pseudo;
    }
    double ari = adjustedRand(found, truth);
    record(
        "stratify",
        String.format(
            Locale.ROOT,
            "k = %d (planted %d, chosen by %s), %d patients%s, ARI vs planted strata %.3f",
            st.path("k").asInt(),
            gen.path("strata").size(),
            st.path("chosen_by").asText(),
            st.path("samples").asInt(),
            noSpark ? "" : " with research consent (from the store)",
            ari));
    if (!noSpark) {
      record(
          "strata write-back",
          "snapshot "
              + st.at("/write_back/snapshot").asText()
              + " (parent "
              + st.at("/write_back/parent").asText()
              + ") adds feature family 'strata', now current");
    }
    JsonNode surv = st.path("survival");
    record(
        "survival by stratum",
        String.format(
            Locale.ROOT,
            "log-rank chi2 %.1f on %d df, p = %.2g -> report.html",
            surv.path("logrank_chi_square").asDouble(),
            surv.path("df").asInt(),
            surv.path("p").asDouble()));
    ObjectNode stJson = st.deepCopy();
    stJson.put("ari_vs_truth", ari);
    json.set("stratify", stJson);

    // 5. Trial design: events, boundaries, simulation, enrichment on the discovered strata.
    JsonNode ss =
        run(
            "sample-size",
            "survival",
            "--hr",
            "0.7",
            "--power",
            "0.9",
            "--median-control",
            "12",
            "--accrual-time",
            "24",
            "--follow-up",
            "12",
            "--format",
            "json");
    record(
        "sample-size survival",
        String.format(
            Locale.ROOT,
            "HR 0.7, power 0.9: %.1f events (Schoenfeld), %d patients",
            ss.path("events").asDouble(),
            (long) Math.ceil(ss.path("n_total").asDouble())));
    JsonNode gsd = run("gsd", "--looks", "3", "--format", "json");
    record(
        "gsd",
        String.format(
            Locale.ROOT,
            "3 looks, Lan-DeMets O'Brien-Fleming: upper z %s, inflation %.4f",
            fmt(gsd.path("upper_z")),
            gsd.path("inflation_factor").asDouble()));
    JsonNode sim =
        run(
            "simulate",
            "--design",
            design3.toString(),
            "--reps",
            Integer.toString(reps),
            "--seed",
            s,
            "--format",
            "json");
    record(
        "simulate",
        String.format(
            Locale.ROOT,
            "gs-survival-3look: power %.3f +/- %.3f (MC SE), analytic %.3f",
            sim.path("power").asDouble(),
            sim.path("power_se").asDouble(),
            sim.path("analytic_power").asDouble()));
    json.set("sample_size", ss);
    json.set("gsd", gsd);
    json.set("simulate", sim);

    List<StratumSummary> summaries = summaries(found);
    double[] hr = new double[summaries.size()];
    for (int i = 0; i < hr.length; i++) {
      hr[i] = stratumHr != null && i < stratumHr.size() ? stratumHr.get(i) : defaultHr(i);
    }
    Enrichment rule = rule(enrichment);
    if (rule.closed() && summaries.size() > TrialDesign.MAX_CLOSED_STRATA) {
      // the closed test enumerates 2^k - 1 populations; beyond its limit the demo still shows
      // the selection, tested without familywise control (said in the summary)
      rule =
          new Enrichment(
              rule.atLook(), rule.minZ(), Enrichment.Test.UNADJUSTED, rule.intersection());
    }
    TrialDesign enriched =
        DesignReader.read(enrichment).withStrata(summaries, hr).withEnrichment(rule);
    SimulationResult er =
        TrialSimulator.run(enriched, reps, seed, Runtime.getRuntime().availableProcessors());
    StringBuilder kept = new StringBuilder();
    for (SimulationResult.StratumSelection sel : er.strataSelected()) {
      kept.append(kept.isEmpty() ? "" : ", ")
          .append(sel.name())
          .append(String.format(Locale.ROOT, " %.2f", sel.probability()));
    }
    record(
        "enrichment on strata",
        String.format(
            Locale.ROOT,
            "power %.3f +/- %.3f, familywise error %.4f (%s test); P(kept at interim): %s",
            er.rejectProbability(),
            er.rejectSe(),
            er.familywiseError(),
            rule.test().label(),
            kept));
    ObjectNode en = json.putObject("enrichment");
    en.put("power", er.rejectProbability());
    en.put("power_se", er.rejectSe());
    en.put("familywise_error", er.familywiseError());
    en.put("familywise_error_se", er.familywiseErrorSe());
    en.put("enrichment_test", rule.test().label());
    ArrayNode a = en.putArray("strata");
    for (int i = 0; i < summaries.size(); i++) {
      a.addObject()
          .put("stratum", summaries.get(i).name())
          .put("prevalence", summaries.get(i).prevalence())
          .put("planning_hr", hr[i]);
    }

    if (format == OutputFormat.JSON) {
      Output.writeJson(spec.commandLine().getOut(), json);
    } else {
      Output.writeTable(
          spec.commandLine().getOut(), OutputFormat.TABLE, List.of("step", "result"), summary);
    }
    return Stratum.OK;
  }

  private static Enrichment rule(Path enrichmentDesign) {
    Enrichment e = DesignReader.read(enrichmentDesign).enrichment();
    if (e == null) {
      throw new StratumException(enrichmentDesign + " has no enrichment rule");
    }
    return e;
  }

  private static double defaultHr(int i) {
    double[] d = {0.6, 0.75, 0.9, 1.0};
    return i < d.length ? d[i] : 1.0;
  }

  private static String fmt(JsonNode array) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode n : array) {
      sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", n.asDouble()));
    }
    return sb.toString();
  }

  private void record(String step, String result) {
    summary.add(List.of(step, result));
    spec.commandLine().getErr().println("demo: " + step + ": " + result);
  }

  /** Runs a subcommand in-process and parses its JSON stdout. */
  private JsonNode run(String... args) {
    try {
      return Output.json().readTree(runText(args));
    } catch (IOException e) {
      throw new StratumException(args[0] + " did not write JSON: " + e.getMessage(), e);
    }
  }

  /** Runs a subcommand in-process, returning stdout; stderr passes through as progress. */
  private String runText(String... args) {
    StringWriter o = new StringWriter();
    PrintWriter err = spec.commandLine().getErr();
    long t0 = System.nanoTime();
    int code = Stratum.execute(args, new PrintWriter(o, true), err);
    if (code != Stratum.OK) {
      throw new StratumException(
          "demo step '" + String.join(" ", args) + "' failed with exit code " + code);
    }
    err.printf(Locale.ROOT, "demo: %s done in %.1f s%n", args[0], (System.nanoTime() - t0) / 1e9);
    return o.toString();
  }

  private static Path defaultDesigns() {
    String home = System.getProperty("stratum.home");
    List<Path> candidates = new ArrayList<>();
    if (home != null) {
      candidates.add(Path.of(home, "docs", "designs"));
    }
    candidates.add(Path.of("docs", "designs"));
    candidates.add(Path.of("..", "docs", "designs"));
    return candidates.stream().filter(Files::isDirectory).findFirst().orElse(candidates.get(0));
  }

  /** A two-column CSV with a header ({@code id,integer}): assignments.csv or truth/strata.csv. */
  static Map<String, Integer> readAssignments(Path csv) {
    Map<String, Integer> m = new TreeMap<>();
    try {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          String[] f = line.split(",", -1);
          m.put(f[0], Integer.parseInt(f[1].strip()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /**
   * Adjusted Rand index (Hubert and Arabie 1985) of the found clusters vs the planted strata, over
   * the ids in both maps.
   */
  static double adjustedRand(Map<String, Integer> found, Map<String, Integer> truth) {
    List<String> ids = found.keySet().stream().filter(truth::containsKey).toList();
    int[] a = new int[ids.size()];
    int[] b = new int[ids.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = found.get(ids.get(i));
      b[i] = truth.get(ids.get(i));
    }
    return ClusterAgreement.adjustedRand(a, b);
  }

  /** Strata summaries (largest first) for the trial simulator. */
  static List<StratumSummary> summaries(Map<String, Integer> assignments) {
    Map<Integer, Integer> sizes = new HashMap<>();
    assignments.values().forEach(c -> sizes.merge(c, 1, Integer::sum));
    int n = assignments.size();
    return sizes.entrySet().stream()
        .sorted(
            Map.Entry.<Integer, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(
            e ->
                new StratumSummary(
                    "cluster " + e.getKey(), (double) e.getValue() / n, e.getValue()))
        .toList();
  }
}
