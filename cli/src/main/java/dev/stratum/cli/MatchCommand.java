package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.jobs.ReidentificationMap;
import dev.stratum.matching.MatchCriterion;
import dev.stratum.matching.MatchJson;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.MatchResult;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.io.TrialFiles;
import dev.stratum.notebooks.store.PoolComposition;
import dev.stratum.trust.AuditEvent;
import dev.stratum.trust.SmallCellSuppression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum match}: eligible patients for a trial with per-criterion evidence and the
 * screening funnel, or (with {@code --patient}) the trials of a folder ranked for one patient.
 */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description =
        "Match a trial's eligibility criteria against a patient index: counts per status, the"
            + " screening funnel and ranked patients with every criterion's result and evidence;"
            + " or rank the trials of a folder for one patient (--patient ID --trials DIR).")
public final class MatchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Patient index.")
  Path index;

  @Option(
      names = "--trial",
      paramLabel = "FILE",
      description = "Trial file (ClinicalTrials.gov API v2 JSON, classic XML, or criteria text).")
  Path trial;

  @Option(
      names = "--criteria",
      paramLabel = "FILE",
      description = "Structured criteria JSON, as `stratum criteria parse` writes it.")
  Path criteria;

  @Option(names = "--patient", paramLabel = "ID", description = "Rank trials for this patient.")
  String patient;

  @Option(names = "--trials", paramLabel = "DIR", description = "Trials folder (with --patient).")
  Path trials;

  @Option(
      names = "--query",
      paramLabel = "LUCENE",
      description = "Free-text query over the notes (Lucene syntax), added as a criterion.")
  String query;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description =
          "Evaluation date for ages and windows (default: the snapshot's as-of day, else today).")
  String asOf;

  @Option(
      names = "--exclude",
      paramLabel = "FILE",
      description = "Person ids to leave out (consent withdrawn), one per line.")
  Path exclude;

  @Option(names = "--limit", paramLabel = "N", description = "Ranked patients to list (100).")
  int limit = MatchOptions.DEFAULT_LIMIT;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description =
          "Feature store whose re-identification map gives the recruiter source ids (default: the"
              + " store the index was built from, recorded by stratum index).")
  Path store;

  @Option(
      names = "--representativeness",
      description =
          "Add the eligible pool's composition by sex, race, ethnicity and age group versus the"
              + " patients with the trial's condition, with ratios and under-representation"
              + " flags (docs/privacy.md).")
  boolean representativeness;

  @Option(names = "--format", description = "table (default on a terminal), json or csv.")
  OutputFormat format;

  @Mixin RoleOption roleOption = new RoleOption();

  @Override
  public Integer call() {
    int modes = (trial != null ? 1 : 0) + (criteria != null ? 1 : 0) + (patient != null ? 1 : 0);
    if (modes != 1) {
      throw InvalidInputException.ofArgument(
          "--trial", "give exactly one of --trial FILE, --criteria FILE or --patient ID");
    }
    if (patient != null && trials == null) {
      throw InvalidInputException.ofArgument("--trials", "--patient needs --trials DIR");
    }
    if (patient != null && representativeness) {
      throw InvalidInputException.ofArgument(
          "--representativeness", "is for a trial's pool (--trial or --criteria), not --patient");
    }
    TrustContext trust = TrustContext.of(roleOption);
    if (patient != null) {
      trust.requirePatientRows("--patient (one patient's trials)");
    }
    Set<String> excluded = new HashSet<>(excluded(exclude));
    excluded.addAll(trust.revokedPseudonyms());
    MatchOptions options =
        new MatchOptions(date(asOf), limit, excluded, query == null ? "" : query);
    PrintWriter out = spec.commandLine().getOut();
    OutputFormat f = NlpCommand.resolve(format);
    try (PatientIndex idx = PatientIndex.open(index)) {
      if (patient != null) {
        matchPatient(trust, idx, options, out, f);
        return Stratum.OK;
      }
      String trialId;
      List<MatchCriterion> crit;
      String criteriaText;
      if (trial != null) {
        TrialCriteria t = parse(trial);
        trialId = t.trialId();
        crit = Matcher.criteriaOf(t);
      } else {
        MatchJson.ParsedCriteria pc =
            MatchJson.readCriteria(NlpCommand.existing(criteria, "--criteria"));
        trialId = pc.trialId();
        crit = Matcher.criteriaOf(pc.minAge(), pc.maxAge(), pc.sex(), pc.criteria());
      }
      criteriaText = criteriaKey(trialId, crit, options.freeText());
      MatchResult full = Matcher.match(idx, trialId, crit, options);
      if (representativeness && full.counts().eligible() > limit) {
        full =
            Matcher.match(
                idx,
                trialId,
                crit,
                options.withLimit((int) Math.min(full.counts().eligible(), MatchView.MAX_POOL)));
      }
      PoolComposition rep =
          representativeness
              ? MatchView.representativeness(idx, trialId, crit, options, full)
              : null;
      MatchResult r =
          new MatchResult(
              full.trialId(),
              full.snapshotId(),
              full.evaluationDate(),
              full.counts(),
              full.funnel(),
              full.patients().subList(0, Math.min(limit, full.patients().size())),
              full.criteria());
      AuditEvent.Action action =
          options.freeText().isEmpty() ? AuditEvent.Action.MATCH : AuditEvent.Action.SEARCH;
      if (!trust.role().seesPatientRows()) {
        MatchView.SuppressedCounts sc =
            MatchView.suppress(r.counts(), r.funnel(), SmallCellSuppression.Rule.standard());
        trust.auditPseudonyms(action, "match", criteriaText, sc.json(), List.of());
        ObjectNode repJson = rep == null ? null : MatchView.json(rep, sc.eligible(), true);
        if (f == OutputFormat.JSON) {
          ObjectNode o = MatchView.countsOnlyJson(r, sc);
          o.put("role", trust.role().cliName());
          if (repJson != null) {
            o.set("representativeness", repJson);
          }
          Output.writeJson(out, o);
        } else {
          MatchView.writeCountsOnlyTable(out, f, r, sc);
          if (repJson != null) {
            MatchView.writeTable(out, f, repJson);
          }
        }
        out.flush();
        return Stratum.OK;
      }
      List<String> pseudonyms = r.patients().stream().map(p -> p.personId()).toList();
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("eligible", r.counts().eligible());
      counts.put("needs_review", r.counts().needsReview());
      counts.put("ineligible", r.counts().ineligible());
      counts.put("returned", pseudonyms.size());
      trust.auditPseudonyms(action, "match", criteriaText, counts, pseudonyms);
      if (trust.role().mayReidentify()) {
        r = reidentify(trust, r, pseudonyms);
      }
      ObjectNode repJson = rep == null ? null : MatchView.json(rep, null, false);
      if (f == OutputFormat.JSON) {
        ObjectNode o = MatchJson.toJson(r);
        o.put("role", trust.role().cliName());
        if (repJson != null) {
          o.set("representativeness", repJson);
        }
        Output.writeJson(out, o);
      } else {
        write(out, f, r);
        if (repJson != null) {
          MatchView.writeTable(out, f, repJson);
        }
      }
    }
    return Stratum.OK;
  }

  /** What the audit entry hashes: the trial id, its criteria and the free-text query. */
  private static String criteriaKey(String trialId, List<MatchCriterion> crit, String freeText) {
    StringBuilder sb = new StringBuilder(trialId);
    for (MatchCriterion c : crit) {
      sb.append('\n').append(c.id()).append('\t').append(c.kind()).append('\t').append(c.text());
    }
    return sb.append("\nquery\t").append(freeText).toString();
  }

  /** The feature store of the index: {@code --store}, else the one recorded by stratum index. */
  private Path storeOfIndex() {
    if (store != null) {
      return store;
    }
    return IndexCommand.recordedStore(index)
        .orElseThrow(
            () ->
                InvalidInputException.ofArgument(
                    "--store",
                    "recruiter results carry source ids from the store's re-identification map;"
                        + " the index records no store: give --store DIR"));
  }

  /** The recruiter's view: pseudonyms replaced by source ids, audited as re-identification. */
  private MatchResult reidentify(TrustContext trust, MatchResult r, List<String> pseudonyms) {
    if (pseudonyms.isEmpty()) {
      return r;
    }
    Path s = storeOfIndex();
    Map<String, String> source = new HashMap<>();
    for (String p : pseudonyms) {
      String id =
          ReidentificationMap.lookup(s, r.snapshotId(), p)
              .orElseThrow(
                  () ->
                      InvalidInputException.at(
                          ReidentificationMap.file(s, r.snapshotId()).toString(),
                          0,
                          null,
                          "pseudonym "
                              + p
                              + " of the index is not in the re-identification map of snapshot "
                              + r.snapshotId()));
      source.put(p, id);
    }
    trust.auditPseudonyms(
        AuditEvent.Action.REIDENTIFY,
        "match",
        "reidentify " + r.snapshotId() + " " + r.trialId(),
        Map.of("reidentified", pseudonyms.size()),
        pseudonyms);
    return r.mapPatients(p -> true, p -> p.withPersonId(source.get(p.personId())));
  }

  /**
   * {@code --patient ID --trials DIR}: patient-level, so never for counts-only; a recruiter names
   * the patient by source id, which is mapped to the index's pseudonym with the configured key.
   */
  private void matchPatient(
      TrustContext trust, PatientIndex idx, MatchOptions options, PrintWriter out, OutputFormat f) {
    String pseudonym = patient;
    if (trust.role().mayReidentify()) {
      Pseudonymizer p =
          trust
              .pseudonymizer()
              .orElseThrow(
                  () ->
                      InvalidInputException.ofArgument(
                          "--patient",
                          "a recruiter names the patient by source id; mapping it to the index's"
                              + " pseudonym needs the key in "
                              + trust.config().pseudonymKeyEnv()));
      pseudonym = p.pseudonym(patient);
    }
    List<Matcher.TrialFit> fits = Matcher.rankTrials(idx, pseudonym, parseFolder(trials), options);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("trials", fits.size());
    trust.auditPseudonyms(
        AuditEvent.Action.MATCH,
        "match --patient",
        "patient " + pseudonym + " trials " + trials,
        counts,
        fits.isEmpty() ? List.of() : List.of(pseudonym));
    writeFits(out, f, patient, fits);
  }

  static LocalDate date(String s) {
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw InvalidInputException.ofArgument("--as-of", "not a date YYYY-MM-DD: '" + s + "'");
    }
  }

  static Set<String> excluded(Path file) {
    if (file == null) {
      return Set.of();
    }
    try {
      Set<String> out = new HashSet<>();
      for (String line : Files.readAllLines(NlpCommand.existing(file, "--exclude"))) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw InvalidInputException.ofArgument("--exclude", "cannot read " + file + ": " + e);
    }
  }

  static TrialCriteria parse(Path file) {
    NlpCommand.existing(file, "--trial");
    return CriteriaParser.create().parse(TrialFiles.read(file));
  }

  static List<TrialCriteria> parseFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw InvalidInputException.ofArgument("--trials", "not a directory: " + dir);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).filter(TrialFiles::supported).sorted().toList();
    } catch (IOException e) {
      throw InvalidInputException.ofArgument("--trials", "cannot list " + dir + ": " + e);
    }
    CriteriaParser parser = CriteriaParser.create();
    List<TrialCriteria> out = new ArrayList<>();
    for (Path p : files) {
      out.add(parser.parse(TrialFiles.read(p)));
    }
    return out;
  }

  static void write(PrintWriter out, OutputFormat f, MatchResult r) {
    if (f == OutputFormat.JSON) {
      Output.writeJson(out, MatchJson.toJson(r));
      return;
    }
    if (f == OutputFormat.TABLE) {
      out.printf(
          Locale.ROOT,
          "trial %s  snapshot %s  evaluated on %s%n",
          r.trialId(),
          r.snapshotId(),
          r.evaluationDate());
      out.printf(
          Locale.ROOT,
          "eligible %d  needs review %d  ineligible %d%n%n",
          r.counts().eligible(),
          r.counts().needsReview(),
          r.counts().ineligible());
      List<List<String>> funnel = new ArrayList<>();
      for (MatchResult.FunnelStep s : r.funnel()) {
        funnel.add(List.of(s.criterionId(), Long.toString(s.remaining()), shorten(s.text(), 70)));
      }
      Output.writeTable(out, f, List.of("criterion", "remaining", "text"), funnel);
      out.println();
    }
    List<List<String>> rows = new ArrayList<>();
    for (MatchResult.PatientMatch p : r.patients()) {
      StringBuilder sb = new StringBuilder();
      for (MatchResult.CriterionResult c : p.criteria()) {
        if (c.result() != MatchResult.Result.MET || c.kind().equals("exclusion")) {
          if (!(c.kind().equals("exclusion") && c.result() == MatchResult.Result.NOT_MET)) {
            sb.append(sb.isEmpty() ? "" : " ")
                .append(c.id())
                .append('=')
                .append(c.result().label());
          }
        }
      }
      rows.add(
          List.of(
              p.personId(),
              p.status().label(),
              String.format(Locale.ROOT, "%.3f", p.score()),
              sb.toString()));
    }
    Output.writeTable(out, f, List.of("person_id", "status", "score", "open_or_failed"), rows);
  }

  private static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 3) + "...";
  }

  static void writeFits(
      PrintWriter out, OutputFormat f, String patient, List<Matcher.TrialFit> fits) {
    if (f == OutputFormat.JSON) {
      ObjectNode o = Output.object();
      o.put("person_id", patient);
      ArrayNode ts = o.putArray("trials");
      for (Matcher.TrialFit fit : fits) {
        ObjectNode t = ts.addObject();
        t.put("trial", fit.trialId());
        ObjectNode p = MatchJson.patient(fit.patient());
        t.put("status", p.get("status").asText());
        t.put("score", p.get("score").asDouble());
        t.set("criteria", p.get("criteria"));
      }
      Output.writeJson(out, o);
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Matcher.TrialFit fit : fits) {
      long unknown =
          fit.patient().criteria().stream()
              .filter(c -> c.result() == MatchResult.Result.UNKNOWN)
              .count();
      rows.add(
          List.of(
              fit.trialId(),
              fit.patient().status().label(),
              String.format(Locale.ROOT, "%.3f", fit.patient().score()),
              Long.toString(unknown)));
    }
    Output.writeTable(out, f, List.of("trial", "status", "score", "unknown_criteria"), rows);
  }
}
