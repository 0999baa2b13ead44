package dev.stratum.notebooks.commands;

import static dev.stratum.notebooks.commands.TrialDesignerCommandsTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.notebooks.DemoStore;
import dev.stratum.notebooks.StratumInterpreter;
import dev.stratum.notebooks.TestRoles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResult.Code;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stratify --store} in a notebook: the demo store's patients (omics families, research
 * consent or an approved protocol) are stratified and, with {@code --write-back}, published as the
 * {@code strata} family of a new current snapshot, which the session's open snapshot follows. On a
 * private copy of the demo output, since the write-back changes the store.
 */
class StratifyStoreParagraphTest {
  @TempDir static Path tmp;
  static Path store;

  @BeforeAll
  static void copy() {
    store = DemoStore.copy(tmp.resolve("demo-out")).resolve("store");
  }

  static StratumInterpreter interpreter() {
    StratumInterpreter i = new StratumInterpreter(TestRoles.role("biostatistician"));
    i.open();
    return i;
  }

  static InterpreterResult run(StratumInterpreter i, String paragraph) {
    InterpreterResult r = i.interpret(paragraph, context());
    assertEquals(Code.SUCCESS, r.code(), paragraph + " -> " + r);
    return r;
  }

  static InterpreterContext context() {
    return InterpreterContext.builder().setParagraphId("p").setGUI(new GUI()).build();
  }

  static String text(InterpreterResult r) {
    return r.message().get(r.message().size() - 1).getData();
  }

  static long assignments(Path out) throws Exception {
    return Files.readAllLines(out.resolve("assignments.csv"), StandardCharsets.UTF_8).size() - 1L;
  }

  @Test
  void consentingPatientsAreStratifiedAndWrittenBack() throws Exception {
    StratumInterpreter i = interpreter();
    run(i, "store open " + store);
    FeatureSnapshot before = FeatureStore.open(store).current();
    Path out = tmp.resolve("strata");
    InterpreterResult r =
        run(
            i,
            "stratify --store "
                + store
                + " --k 3 --seed 7 --bootstraps 3 --out "
                + out
                + "\n  --write-back");
    // the first block is the k table of a fixed k: one row, chosen
    List<List<String>> k = table(r.message().get(0));
    assertEquals("3", k.get(1).get(0));
    assertEquals("true", k.get(1).get(7));
    // the projection, and Kaplan-Meier curves from the snapshot's follow-up (the demo cohort has
    // observation periods and deaths)
    assertEquals(
        2,
        r.message().stream().filter(b -> b.getType() == InterpreterResult.Type.HTML).count(),
        r.toString());
    assertTrue(text(r).contains("patients with follow-up"), text(r));
    String t = text(r);
    // The cohort note of SnapshotFeatureSource: granted + declined + no record = all patients,
    // and only the granted ones are stratified (without --approved-protocol).
    Matcher m =
        Pattern.compile("research consent granted (\\d+), declined (\\d+), no record (\\d+)")
            .matcher(t);
    assertTrue(m.find(), t);
    int granted = Integer.parseInt(m.group(1));
    assertEquals(
        DemoStore.PATIENTS,
        granted + Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)),
        t);
    long n = assignments(out);
    assertTrue(n > 0 && n <= granted, n + " stratified of " + granted + " consenting");

    // the write-back: a new current snapshot derived from the one stratified, with n strata rows
    FeatureSnapshot now = FeatureStore.open(store).current();
    assertEquals(before.id(), now.manifest().parent());
    assertTrue(t.contains("written back: snapshot " + now.id() + " (parent " + before.id()), t);
    assertEquals(n, now.tablesaw("strata").rowCount());
    assertTrue(now.tablesaw("patients").containsColumn("stratum_kmeans_k3_seed7"));
    // ... which the session's open snapshot follows
    List<List<String>> snaps = table(run(i, "store snapshots").message().get(0));
    assertEquals(3, snaps.size(), snaps.toString());
    List<List<String>> cat = table(run(i, "store catalog --family strata").message().get(0));
    assertTrue(
        cat.stream().anyMatch(row -> row.get(0).equals("stratum_kmeans_k3_seed7")), cat.toString());

    // An approved protocol covers every patient, consenting or not.
    Path irb = tmp.resolve("strata-irb");
    InterpreterResult all =
        run(
            i,
            "stratify --store "
                + store
                + " --snapshot "
                + before.id()
                + " --approved-protocol IRB-7 --k 3 --seed 7 --bootstraps 3 --out "
                + irb);
    assertTrue(assignments(irb) >= n, assignments(irb) + " vs " + n);
    assertTrue(text(all).contains("included under approved protocol IRB-7"), text(all));
    assertTrue(
        Files.readString(irb.resolve("model.json"), StandardCharsets.UTF_8)
            .contains("\"approved_protocol\" : \"IRB-7\""));
    // without --write-back the store is left alone
    assertEquals(now.id(), FeatureStore.open(store).current().id());
  }

  @Test
  void badInputIsAOneLineError() {
    StratumInterpreter i = interpreter();
    InterpreterResult noStore =
        i.interpret(
            "stratify --omics x=" + tmp.resolve("none.tsv") + " --write-back --out " + tmp,
            context());
    assertEquals(Code.ERROR, noStore.code());
    assertTrue(noStore.message().get(0).getData().contains("--write-back"), noStore.toString());
    assertTrue(noStore.message().get(0).getData().contains("needs --store"), noStore.toString());
    InterpreterResult both =
        i.interpret(
            "stratify --store " + store + " --omics x=y.tsv --out " + tmp.resolve("b"), context());
    assertEquals(Code.ERROR, both.code());
    assertTrue(both.message().get(0).getData().contains("not both"), both.toString());
    InterpreterResult family =
        i.interpret(
            "stratify --store " + store + " --families nosuch --k 2 --out " + tmp.resolve("c"),
            context());
    assertEquals(Code.ERROR, family.code());
    assertTrue(
        family.message().get(0).getData().contains("no feature family 'nosuch'"),
        family.toString());
    InterpreterResult notAStore =
        i.interpret(
            "stratify --store " + tmp.resolve("nowhere") + " --k 2 --out " + tmp.resolve("d"),
            context());
    assertEquals(Code.ERROR, notAStore.code());
    assertTrue(
        notAStore.message().get(0).getData().contains("not a directory"), notAStore.toString());
  }
}
