package dev.stratum.notebooks.commands;

import static dev.stratum.notebooks.commands.TrialDesignerCommandsTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.notebooks.StratumInterpreter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResult.Code;
import org.apache.zeppelin.interpreter.InterpreterResult.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The biostatistician's flow in one interpreter session: generate a cohort with planted strata,
 * survival from OMOP, stratify, then clusters and km from the session. The check is recovery of the
 * planted truth: the cluster sizes match the planted stratum sizes, and the strata (planted with
 * different median survival, docs/dataset-card.md) differ by the log-rank test.
 */
class BiostatisticianCommandsTest {
  @TempDir Path tmp;

  @Test
  void generateSurvivalStratifyClustersKm() {
    StratumInterpreter i =
        new StratumInterpreter(dev.stratum.notebooks.TestRoles.role("biostatistician"));
    i.open();
    InterpreterResult gen = run(i, "generate --patients 300 --seed 7 --out " + tmp.resolve("raw"));
    List<List<String>> planted = table(gen.message().get(0));
    assertEquals(List.of("planted_stratum", "patients"), planted.get(0));
    InterpreterResult surv =
        run(i, "survival --raw " + tmp.resolve("raw") + " --out " + tmp.resolve("os.csv"));
    assertEquals("persons", table(surv.message().get(0)).get(0).get(0));
    String omics = tmp.resolve("raw/omics").toString();
    // clusters and km before any stratify: a one-line error
    InterpreterResult none = i.interpret("clusters", context());
    assertEquals(Code.ERROR, none.code());
    assertTrue(none.message().get(0).getData().contains("run stratify first"));
    InterpreterResult st =
        run(
            i,
            "stratify --omics expression="
                + omics
                + "/expression.tsv --omics protein="
                + omics
                + "/protein.tsv --survival "
                + tmp.resolve("os.csv")
                + " --k auto --seed 7 --bootstraps 5 --out "
                + tmp.resolve("strata"));
    List<List<String>> ks = table(st.message().get(0));
    assertEquals(
        List.of(
            "k", "silhouette", "gap", "gap_se", "pac", "smallest_cluster", "eligible", "chosen"),
        ks.get(0));
    long chosen = ks.stream().filter(r -> r.get(7).equals("true")).count();
    assertEquals(1, chosen);
    assertEquals(Type.HTML, st.message().get(2).getType());
    assertEquals(Type.HTML, st.message().get(3).getType());
    assertTrue(tmp.resolve("strata/assignments.csv").toFile().isFile());

    List<List<String>> clusters = table(run(i, "clusters").message().get(0));
    List<Integer> found = sizes(clusters, 1);
    List<Integer> truth = sizes(planted, 1);
    assertEquals(truth.size(), found.size(), clusters + " vs " + planted);
    for (int c = 0; c < truth.size(); c++) {
      // a patient missing a layer may be left out or land elsewhere: 5% of the stratum
      assertTrue(
          Math.abs(truth.get(c) - found.get(c)) <= Math.max(3, 0.05 * truth.get(c)),
          found + " vs planted " + truth);
    }
    InterpreterResult km = run(i, "km");
    assertEquals(
        List.of("cluster", "patients", "events", "median"), table(km.message().get(0)).get(0));
    assertTrue(km.message().get(1).getData().contains("Kaplan-Meier survival by cluster"));
    String logRank = km.message().get(2).getData();
    double p = Double.parseDouble(logRank.substring(logRank.indexOf("p = ") + 4).strip());
    assertTrue(p < 0.05, logRank);
  }

  private static List<Integer> sizes(List<List<String>> table, int column) {
    List<Integer> s = new ArrayList<>();
    table.subList(1, table.size()).forEach(r -> s.add(Integer.parseInt(r.get(column))));
    s.sort(Comparator.reverseOrder());
    return s;
  }

  private static InterpreterContext context() {
    return InterpreterContext.builder()
        .setNoteId("n")
        .setParagraphId("p")
        .setGUI(new GUI())
        .build();
  }

  private static InterpreterResult run(StratumInterpreter i, String paragraph) {
    InterpreterResult r = i.interpret(paragraph, context());
    assertEquals(Code.SUCCESS, r.code(), paragraph + " -> " + r);
    return r;
  }
}
