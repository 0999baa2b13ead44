package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.jobs.Pseudonymizer;
import dev.stratum.nlp.AssertionTsv;
import dev.stratum.nlp.ClinicalNlp;
import dev.stratum.nlp.deid.Deidentifier;
import dev.stratum.nlp.eval.CriteriaEvaluation;
import dev.stratum.nlp.io.FactJson;
import dev.stratum.nlp.io.Note;
import dev.stratum.nlp.io.NoteFiles;
import dev.stratum.trust.AuditEvent;
import dev.stratum.trust.ConsentPolicy;
import dev.stratum.trust.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum nlp}: clinical facts and assertion status from notes (CLI.md, Clinical NLP). */
@Command(
    name = "nlp",
    mixinStandardHelpOptions = true,
    description = "Clinical NLP: facts with assertion status from notes.",
    subcommands = {
      NlpCommand.Extract.class,
      NlpCommand.Assertions.class,
      NlpCommand.Evaluate.class
    })
public final class NlpCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Writes named precision/recall scores ({@code nlp evaluate}, {@code criteria evaluate}): as
   * objects under their names in {@code json} for JSON, else one table row per score.
   */
  static void writeScores(
      PrintWriter out,
      OutputFormat f,
      ObjectNode json,
      List<String> names,
      List<CriteriaEvaluation.Score> scores) {
    if (f == OutputFormat.JSON) {
      for (int i = 0; i < names.size(); i++) {
        ObjectNode m = json.putObject(names.get(i));
        CriteriaEvaluation.Score s = scores.get(i);
        m.put("precision", s.precision());
        m.put("recall", s.recall());
        m.put("true_positives", s.truePositives());
        m.put("predicted", s.predicted());
        m.put("gold", s.gold());
      }
      Output.writeJson(out, json);
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      CriteriaEvaluation.Score s = scores.get(i);
      rows.add(
          List.of(
              names.get(i),
              Output.num(s.precision(), 3),
              Output.num(s.recall(), 3),
              String.valueOf(s.truePositives()),
              String.valueOf(s.predicted()),
              String.valueOf(s.gold())));
    }
    Output.writeTable(
        out, f, List.of("metric", "precision", "recall", "tp", "predicted", "gold"), rows);
  }

  static OutputFormat resolve(OutputFormat f) {
    return f != null ? f : Progress.interactive() ? OutputFormat.TABLE : OutputFormat.JSON;
  }

  static Path existing(Path p, String option) {
    if (p == null || !Files.exists(p)) {
      throw InvalidInputException.ofArgument(option, "file not found: " + p);
    }
    return p;
  }

  /** {@code stratum nlp extract --in FILE [--format table|json|csv]}. */
  @Command(
      name = "extract",
      mixinStandardHelpOptions = true,
      description =
          "Extract facts (concept, code, value, unit, date, negated/uncertain/historical/"
              + "experiencer, evidence span) from notes: a text file, JSON Lines (_id/note_id,"
              + " text/note_text), a JSON array, or the OMOP note table (.csv).")
  public static final class Extract implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, description = "Notes file.")
    Path in;

    @Option(names = "--format", description = "table, json or csv (default: table on a terminal).")
    OutputFormat format;

    @Option(
        names = "--lexicon",
        description = "Extra lexicon TSV file(s), same format as the built-in ones.")
    List<Path> lexicon = new ArrayList<>();

    @Mixin RoleOption roleOption = new RoleOption();

    @Option(
        names = "--consent-from",
        paramLabel = "DIR",
        description =
            "Raw-data directory whose omop/observation.csv holds research consent (default: the"
                + " directory above --in when --in is DIR/omop/note.csv).")
    Path consentFrom;

    @Override
    public Integer call() {
      TrustContext trust = TrustContext.of(roleOption);
      List<Note> notes = NoteFiles.read(existing(in, "--in"));
      for (Path p : lexicon) {
        existing(p, "--lexicon");
      }
      boolean patientNotes = notes.stream().anyMatch(n -> !n.personId().isBlank());
      Predicate<String> admitted = id -> true;
      if (patientNotes) {
        Path raw = consentFrom;
        Path parent = in.toAbsolutePath().getParent();
        if (raw == null
            && parent != null
            && parent.getFileName() != null
            && parent.getFileName().toString().equals("omop")
            && Files.isRegularFile(parent.resolve("person.csv"))) {
          raw = parent.getParent();
        }
        admitted = trust.consentFilter(raw, ConsentPolicy.Purpose.RECRUITMENT);
      }
      Predicate<String> ok = admitted;
      List<Note> kept =
          notes.stream().filter(n -> n.personId().isBlank() || ok.test(n.personId())).toList();
      ClinicalNlp nlp = ClinicalNlp.create(lexicon);
      List<NoteFact> facts = new ArrayList<>();
      Set<String> patients = new LinkedHashSet<>();
      // Recruiters read the notes as written; a biostatistician reads de-identified notes under
      // pseudonyms (the note id too: OMOP note ids may embed the person id).
      boolean deid = trust.role() != Role.RECRUITER;
      UnaryOperator<String> view = UnaryOperator.identity();
      Deidentifier deidentifier = null;
      if (deid) {
        Pseudonymizer p =
            trust
                .pseudonymizer()
                .orElseThrow(
                    () ->
                        InvalidInputException.ofArgument(
                            "--role",
                            trust.role()
                                + " reads de-identified notes under pseudonyms: set the"
                                + " pseudonym key in "
                                + trust.config().pseudonymKeyEnv()));
        view = p::pseudonym;
        deidentifier = Deidentifier.builtIn(p.deriveKey("date-shift"));
      }
      try (Progress bar = Progress.start("nlp extract", kept.size())) {
        int i = 0;
        for (Note n : kept) {
          String person = n.personId().isBlank() ? "" : view.apply(n.personId());
          String noteId = deid ? view.apply("note:" + n.noteId()) : n.noteId();
          String text =
              deid
                  ? deidentifier.deidentify(person.isEmpty() ? noteId : person, n.text()).text()
                  : n.text();
          facts.addAll(nlp.extract(noteId, person, n.date(), text));
          if (!n.personId().isBlank()) {
            patients.add(n.personId());
          }
          bar.stepTo(++i);
        }
      }
      var out = spec.commandLine().getOut();
      OutputFormat f = resolve(format);
      Map<String, Object> counts = new LinkedHashMap<>();
      if (!trust.role().seesPatientRows()) {
        // counts-only: how many notes, patients and facts, small counts suppressed; no facts
        counts.put("notes", trust.count(kept.size()));
        counts.put("patients", trust.count(patients.size()));
        counts.put("facts", trust.count(facts.size()));
        trust.audit(AuditEvent.Action.SEARCH, "nlp extract", in.toString(), counts, List.of());
        if (f == OutputFormat.JSON) {
          var o = Output.object();
          counts.forEach(o::putPOJO);
          Output.writeJson(out, o);
        } else {
          Output.writeTable(
              out,
              f,
              List.copyOf(counts.keySet()),
              List.of(counts.values().stream().map(String::valueOf).toList()));
        }
        return Stratum.OK;
      }
      counts.put("notes", kept.size());
      counts.put("facts", facts.size());
      trust.audit(
          AuditEvent.Action.EXPORT, "nlp extract", in.toString(), counts, List.copyOf(patients));
      if (f == OutputFormat.JSON) {
        ArrayNode arr = Output.json().createArrayNode();
        facts.forEach(x -> arr.add(FactJson.toJson(x)));
        Output.writeJson(out, arr);
      } else {
        List<List<String>> rows = new ArrayList<>();
        facts.forEach(x -> rows.add(FactJson.row(x)));
        Output.writeTable(out, f, FactJson.COLUMNS, rows);
      }
      spec.commandLine()
          .getErr()
          .println(
              "nlp extract: "
                  + facts.size()
                  + " facts from "
                  + kept.size()
                  + " notes"
                  + (kept.size() < notes.size()
                      ? " (" + (notes.size() - kept.size()) + " left out: no research consent)"
                      : ""));
      return Stratum.OK;
    }
  }

  /** {@code stratum nlp assertions --in FILE.tsv --out FILE.tsv}. */
  @Command(
      name = "assertions",
      mixinStandardHelpOptions = true,
      description =
          "Judge assertion status: rows id<TAB>sentence<TAB>target in, rows"
              + " id<TAB>negated<TAB>uncertain<TAB>historical<TAB>experiencer out (header row,"
              + " input order, one row per input row).")
  public static final class Assertions implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, description = "Input TSV.")
    Path in;

    @Option(names = "--out", required = true, description = "Output TSV.")
    Path out;

    @Override
    public Integer call() throws IOException {
      existing(in, "--in");
      ClinicalNlp nlp = ClinicalNlp.create();
      int n;
      try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
          Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        n = AssertionTsv.process(r, w, nlp);
      } catch (java.nio.charset.MalformedInputException e) {
        throw InvalidInputException.at(in.toString(), 0, null, "not UTF-8 text");
      }
      spec.commandLine().getErr().println("nlp assertions: " + n + " rows -> " + out);
      return Stratum.OK;
    }
  }

  /** {@code stratum nlp evaluate --notes FILE --truth facts.csv}: precision and recall of facts. */
  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description =
          "Precision and recall of extracted facts (concept + negated/uncertain/historical/"
              + "experiencer) against a cohort's truth/facts.csv.")
  public static final class Evaluate implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--notes", required = true, description = "Notes (OMOP note.csv, JSONL).")
    Path notes;

    @Option(names = "--truth", required = true, description = "truth/facts.csv.")
    Path truth;

    @Option(names = "--format", description = "table, json or csv (default: table on a terminal).")
    OutputFormat format;

    @Override
    public Integer call() {
      List<Note> list = NoteFiles.read(existing(notes, "--notes"));
      var gold = dev.stratum.nlp.eval.FactEvaluation.readTruth(existing(truth, "--truth"));
      ClinicalNlp nlp = ClinicalNlp.create();
      List<NoteFact> facts = new ArrayList<>();
      for (Note n : list) {
        facts.addAll(nlp.extract(n.noteId(), n.personId(), n.date(), n.text()));
      }
      var r = dev.stratum.nlp.eval.FactEvaluation.evaluate(facts, gold);
      var out = spec.commandLine().getOut();
      OutputFormat f = resolve(format);
      List<String> names = List.of("facts", "concepts");
      var scores = List.of(r.facts(), r.concepts());
      writeScores(out, f, Output.object(), names, scores);
      return Stratum.OK;
    }
  }
}
