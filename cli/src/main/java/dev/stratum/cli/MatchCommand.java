package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.matching.MatchJson;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.MatchResult;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.io.TrialFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
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

  @Option(names = "--format", description = "table (default on a terminal), json or csv.")
  OutputFormat format;

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
    MatchOptions options =
        new MatchOptions(date(asOf), limit, excluded(exclude), query == null ? "" : query);
    PrintWriter out = spec.commandLine().getOut();
    OutputFormat f = NlpCommand.resolve(format);
    try (PatientIndex idx = PatientIndex.open(index)) {
      if (patient != null) {
        List<Matcher.TrialFit> fits =
            Matcher.rankTrials(idx, patient, parseFolder(trials), options);
        writeFits(out, f, patient, fits);
        return Stratum.OK;
      }
      MatchResult r =
          trial != null
              ? Matcher.match(idx, parse(trial), options)
              : Matcher.match(
                  idx,
                  MatchJson.readCriteria(NlpCommand.existing(criteria, "--criteria")),
                  options);
      write(out, f, r);
    }
    return Stratum.OK;
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
