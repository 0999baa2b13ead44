package dev.stratum.notebooks.commands;

import static dev.stratum.notebooks.commands.TrialDesignerCommandsTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.jobs.FeatureStore;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.MatchResult;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.io.TrialFiles;
import dev.stratum.notebooks.DemoStore;
import dev.stratum.notebooks.StratumInterpreter;
import dev.stratum.notebooks.TestRoles;
import java.nio.file.Path;
import java.util.List;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResult.Code;
import org.apache.zeppelin.interpreter.InterpreterResult.Type;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * store open, store snapshots, store catalog, cohort summary, match and funnel on a small demo
 * output ({@link DemoStore}). The expected numbers are those of the library calls the commands wrap
 * (manifest row counts, {@link Matcher#match} run directly), so a paragraph that drops, double
 * counts or mislabels a row fails.
 */
class StoreAndMatchCommandsTest {
  static Path demo;
  static Path trial;

  @BeforeAll
  static void build() {
    demo = DemoStore.get();
    trial = demo.resolve("raw/trials/NCT90000101.json");
  }

  static StratumInterpreter interpreter(String role) {
    StratumInterpreter i = new StratumInterpreter(TestRoles.role(role));
    i.open();
    return i;
  }

  static InterpreterResult run(StratumInterpreter i, String paragraph) {
    InterpreterResult r =
        i.interpret(
            paragraph, InterpreterContext.builder().setParagraphId("p").setGUI(new GUI()).build());
    assertEquals(Code.SUCCESS, r.code(), paragraph + " -> " + r);
    return r;
  }

  @Test
  void storeOpenSnapshotsCatalogAndCohortSummary() {
    StratumInterpreter i = interpreter("biostatistician");
    var snap = FeatureStore.open(demo.resolve("store")).current();
    InterpreterResult open = run(i, "store open " + demo.resolve("store"));
    List<List<String>> tables = table(open.message().get(0));
    assertEquals(List.of("table", "rows"), tables.get(0));
    assertTrue(
        tables.contains(List.of("persons", Long.toString(DemoStore.PATIENTS))), tables.toString());
    assertTrue(open.message().get(1).getData().contains(snap.id() + " (current)"));

    List<List<String>> snaps = table(run(i, "store snapshots").message().get(0));
    assertEquals(2, snaps.size());
    assertEquals(List.of(snap.id()), snaps.get(1).subList(0, 1));
    assertEquals("true", snaps.get(1).get(3));

    List<List<String>> cat = table(run(i, "store catalog").message().get(0));
    assertEquals(snap.catalog().size() + 1, cat.size());
    List<List<String>> persons = table(run(i, "store catalog --family persons").message().get(0));
    assertTrue(persons.stream().anyMatch(r -> r.get(0).equals("sex")), persons.toString());

    InterpreterResult sum = run(i, "cohort summary");
    List<List<String>> s = table(sum.message().get(0));
    assertEquals(List.of("dimension", "group", "patients", "share"), s.get(0));
    assertEquals(List.of("all", "patients", "60", "1"), s.get(1));
    for (String dim : List.of("sex", "age_band", "race")) {
      long total =
          s.stream()
              .filter(r -> r.get(0).equals(dim))
              .mapToLong(r -> Long.parseLong(r.get(2)))
              .sum();
      assertEquals(DemoStore.PATIENTS, total, dim + " groups partition the patients: " + s);
    }
    List<List<String>> fam = table(sum.message().get(1));
    assertEquals(
        snap.catalog().size(), fam.stream().skip(1).mapToLong(r -> Long.parseLong(r.get(1))).sum());
    assertEquals(Type.HTML, sum.message().get(2).getType());
    assertTrue(sum.message().get(2).getData().contains("<svg"));
  }

  @Test
  void cohortSummaryForCountsOnlyHidesSmallCells() {
    StratumInterpreter i = interpreter("counts-only");
    run(i, "store open " + demo.resolve("store"));
    List<List<String>> s = table(run(i, "cohort summary").message().get(0));
    for (List<String> r : s.subList(1, s.size())) {
      String v = r.get(2);
      assertTrue(
          v.equals("<11") || v.equals("suppressed") || Long.parseLong(v) >= 11, r.toString());
    }
  }

  @Test
  void matchShowsCountsFunnelAndPatientsWithEvidence() {
    MatchResult direct;
    try (PatientIndex idx = PatientIndex.open(demo.resolve("index"))) {
      direct =
          Matcher.match(
              idx,
              CriteriaParser.create().parse(TrialFiles.read(trial)),
              MatchOptions.defaults().withLimit(5));
    }
    StratumInterpreter i = interpreter("biostatistician");
    run(i, "store open " + demo.resolve("store"));
    InterpreterResult r = run(i, "match --trial " + trial + " --limit 5");
    List<List<String>> counts = table(r.message().get(0));
    assertEquals(
        List.of(
            List.of("status", "patients"),
            List.of("eligible", Long.toString(direct.counts().eligible())),
            List.of("needs_review", Long.toString(direct.counts().needsReview())),
            List.of("ineligible", Long.toString(direct.counts().ineligible()))),
        counts);
    List<List<String>> funnel = table(r.message().get(1));
    assertEquals(direct.funnel().size() + 2, funnel.size());
    assertEquals(Long.toString(direct.counts().total()), funnel.get(1).get(2));
    assertTrue(r.message().get(2).getData().contains("<svg"));
    List<List<String>> patients = table(r.message().get(3));
    assertEquals(
        List.of("rank", "person_id", "status", "score", "criterion", "kind", "result", "evidence"),
        patients.get(0));
    int rows = direct.patients().stream().mapToInt(p -> p.criteria().size()).sum();
    assertEquals(rows + 1, patients.size());
    if (!direct.patients().isEmpty()) {
      assertEquals(direct.patients().get(0).personId(), patients.get(1).get(1));
    }
    // funnel without arguments: the last match's
    InterpreterResult f = run(i, "funnel");
    assertEquals(table(r.message().get(1)), table(f.message().get(0)));
  }

  @Test
  void matchForCountsOnlyShowsNoPatientsAndSuppressesTogether() {
    StratumInterpreter i = interpreter("counts-only");
    run(i, "store open " + demo.resolve("store"));
    InterpreterResult r = run(i, "match --trial " + trial);
    for (InterpreterResultMessage m : r.message()) {
      if (m.getType() == Type.TABLE) {
        assertFalse(m.getData().startsWith("rank\tperson_id"), "patient rows for counts-only");
        for (List<String> row : table(m).subList(1, table(m).size())) {
          String v = m.getData().startsWith("status") ? row.get(1) : row.get(2);
          assertTrue(
              v.equals("<11") || v.equals("suppressed") || Long.parseLong(v) >= 11, row.toString());
        }
      }
    }
  }

  @Test
  void matchWithoutCriteriaShowsATextBoxAndNoIndexIsOneLine() {
    StratumInterpreter i = interpreter("recruiter");
    run(i, "store open " + demo.resolve("store"));
    GUI gui = new GUI();
    InterpreterResult r =
        i.interpret("match", InterpreterContext.builder().setParagraphId("q").setGUI(gui).build());
    assertEquals(Code.SUCCESS, r.code(), r.toString());
    assertEquals(List.of("criteria"), List.copyOf(gui.getForms().keySet()));
    InterpreterResult bad =
        i.interpret(
            "match --index " + demo.resolve("nowhere") + " --text 'Age >= 18 years'",
            InterpreterContext.builder().setParagraphId("b").setGUI(new GUI()).build());
    assertEquals(Code.ERROR, bad.code());
    assertTrue(bad.message().get(0).getData().contains("no patient index"), bad.toString());
  }
}
