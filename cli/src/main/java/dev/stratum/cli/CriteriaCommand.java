package dev.stratum.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.criteria.EligibilityCriterion;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.nlp.ClinicalNlp;
import dev.stratum.nlp.criteria.CriteriaJson;
import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.eval.CriteriaEvaluation;
import dev.stratum.nlp.io.TrialFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum criteria}: eligibility-criteria parsing and its evaluation (CLI.md). */
@Command(
    name = "criteria",
    mixinStandardHelpOptions = true,
    description = "Eligibility criteria: parse to structured criteria, evaluate against gold.",
    subcommands = {CriteriaCommand.Parse.class, CriteriaCommand.Evaluate.class})
public final class CriteriaCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code stratum criteria parse --in FILE|DIR [--format json]}. */
  @Command(
      name = "parse",
      mixinStandardHelpOptions = true,
      description =
          "Parse eligibility criteria (.txt as ClinicalTrials.gov shows it, API v2 .json, classic"
              + " .xml) to JSON; a directory gives JSON Lines, one object per file with \"source\".")
  public static final class Parse implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, description = "Criteria file or directory.")
    Path in;

    @Option(names = "--format", description = "json (default off a terminal), table or csv.")
    OutputFormat format;

    @Override
    public Integer call() {
      if (!Files.exists(in)) {
        throw InvalidInputException.ofArgument("--in", "file or directory not found: " + in);
      }
      CriteriaParser parser = CriteriaParser.create();
      PrintWriter out = spec.commandLine().getOut();
      OutputFormat f = NlpCommand.resolve(format);
      if (Files.isDirectory(in)) {
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
          files = s.filter(Files::isRegularFile).filter(TrialFiles::supported).sorted().toList();
        } catch (IOException e) {
          throw InvalidInputException.ofArgument("--in", "cannot list " + in + ": " + e);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Path p : files) {
          TrialCriteria tc = parser.parse(TrialFiles.read(p));
          if (f == OutputFormat.JSON) {
            ObjectNode o = Output.object();
            o.put("source", p.getFileName().toString());
            o.setAll(CriteriaJson.toJson(tc));
            try {
              out.println(
                  Output.json()
                      .writer()
                      .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                      .writeValueAsString(o));
            } catch (JsonProcessingException e) {
              throw new StratumException("could not write JSON: " + e.getOriginalMessage(), e);
            }
          } else {
            rows.addAll(rows(p.getFileName().toString(), tc));
          }
        }
        if (f != OutputFormat.JSON) {
          Output.writeTable(out, f, header(), rows);
        }
        out.flush();
        return Stratum.OK;
      }
      TrialCriteria tc = parser.parse(TrialFiles.read(in));
      if (f == OutputFormat.JSON) {
        Output.writeJson(out, CriteriaJson.toJson(tc));
      } else {
        Output.writeTable(out, f, header(), rows(in.getFileName().toString(), tc));
      }
      return Stratum.OK;
    }

    private static List<String> header() {
      return List.of(
          "source",
          "id",
          "kind",
          "type",
          "concept",
          "code",
          "negated",
          "operator",
          "value",
          "value2",
          "unit",
          "window",
          "text");
    }

    private static List<List<String>> rows(String source, TrialCriteria tc) {
      List<List<String>> rows = new ArrayList<>();
      for (EligibilityCriterion c : tc.criteria()) {
        rows.add(
            List.of(
                source,
                c.id(),
                c.kind().label(),
                c.type().label(),
                c.concept(),
                c.code() == null ? "" : c.code().toString(),
                String.valueOf(c.negated()),
                c.operator() == null ? "" : c.operator().symbol(),
                Double.isNaN(c.value()) ? "" : Output.num(c.value(), 4),
                Double.isNaN(c.value2()) ? "" : Output.num(c.value2(), 4),
                c.unit(),
                c.window() == null ? "" : c.window().within() + " " + c.window().unitLabel(),
                c.text()));
      }
      return rows;
    }
  }

  /** {@code stratum criteria evaluate --gold DIR [--format json]}. */
  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description =
          "Measure the parser against brat gold (.txt + .ann, Leaf Clinical Trials corpus"
              + " format): age bounds, numeric thresholds, units, negation, concept type.")
  public static final class Evaluate implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--gold", required = true, description = "Directory of .txt/.ann pairs.")
    Path gold;

    @Option(names = "--format", description = "table, json or csv (default: table on a terminal).")
    OutputFormat format;

    @Override
    public Integer call() {
      if (!Files.isDirectory(gold)) {
        throw InvalidInputException.ofArgument("--gold", "not a directory: " + gold);
      }
      CriteriaEvaluation.Result r = new CriteriaEvaluation(ClinicalNlp.create()).evaluate(gold);
      List<String> names =
          List.of(
              "min_age",
              "max_age",
              "thresholds",
              "threshold_units",
              "negation",
              "concept_type",
              "lexicon_coverage");
      List<CriteriaEvaluation.Score> scores =
          List.of(
              r.minAge(),
              r.maxAge(),
              r.thresholds(),
              r.thresholdUnits(),
              r.negation(),
              r.conceptType(),
              r.lexiconCoverage());
      PrintWriter out = spec.commandLine().getOut();
      OutputFormat f = NlpCommand.resolve(format);
      ObjectNode o = Output.object();
      o.put("documents", r.documents());
      NlpCommand.writeScores(out, f, o, names, scores);
      return Stratum.OK;
    }
  }
}
