package dev.stratum.notebooks.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.notebooks.StratumInterpreter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResult.Code;
import org.apache.zeppelin.interpreter.InterpreterResult.Type;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;
import org.junit.jupiter.api.Test;

/**
 * The trial designer's paragraph commands through the interpreter as Zeppelin drives it. Expected
 * numbers come from /work/shared/data/reference/sample_size_reference.csv (R and gsDesign outputs;
 * case ids cited at each assertion).
 */
class TrialDesignerCommandsTest {

  static InterpreterResult run(String paragraph) {
    // recruiter: the shared error helper also runs recruiter paragraphs (nlp extract --in), which
    // counts-only may not run (NotebookTrustTest)
    StratumInterpreter i =
        new StratumInterpreter(dev.stratum.notebooks.TestRoles.role("recruiter"));
    i.open();
    return i.interpret(
        paragraph,
        InterpreterContext.builder().setNoteId("n").setParagraphId("p").setGUI(new GUI()).build());
  }

  /** The table as rows of cells, header first. */
  static List<List<String>> table(InterpreterResultMessage m) {
    assertEquals(Type.TABLE, m.getType(), m.getData());
    return m.getData().lines().map(l -> List.of(l.split("\t", -1))).toList();
  }

  /** A (quantity, value) table as a map. */
  static Map<String, String> quantities(InterpreterResult r) {
    assertEquals(Code.SUCCESS, r.code(), r.toString());
    List<List<String>> t = table(r.message().get(0));
    assertEquals(List.of("quantity", "value"), t.get(0));
    Map<String, String> m = new HashMap<>();
    t.subList(1, t.size()).forEach(row -> m.put(row.get(0), row.get(1)));
    return m;
  }

  static void error(String paragraph, String message) {
    InterpreterResult r = run(paragraph);
    assertEquals(Code.ERROR, r.code(), r.toString());
    String got = r.message().get(0).getData().strip();
    assertTrue(got.startsWith(message), got);
  }

  @Test
  void sampleSizeMeansIsRsPowerTTest() {
    // T01: power.t.test(delta=0.5, sd=1, power=0.8) n = 63.76576372
    Map<String, String> q = quantities(run("sample-size means --delta 0.5 --sd 1 --power 0.8"));
    assertEquals("63.7658", q.get("n_per_group"));
    assertEquals("64", q.get("n_per_group_ceil"));
    assertEquals("128", q.get("n_total_ceil"));
    assertEquals("t", q.get("test"));
    // and back: the power of 64 per group exceeds 0.8 (the size was rounded up)
    double power =
        Double.parseDouble(
            quantities(run("sample-size means --delta 0.5 --sd 1 --n 64")).get("power"));
    assertTrue(power > 0.8 && power < 0.81, String.valueOf(power));
  }

  @Test
  void sampleSizeProportionsAndSurvival() {
    // P01: power.prop.test(p1=0.5, p2=0.75, power=0.9) n = 76.70692845
    assertEquals(
        "76.7069",
        quantities(run("sample-size proportions --p1 0.5 --p2 0.75 --power 0.9"))
            .get("n_per_group"));
    // S01: Schoenfeld events, HR 0.7, two-sided 0.05, power 0.8: 246.7871045
    Map<String, String> s = quantities(run("sample-size survival --hr 0.7 --power 0.8"));
    assertEquals("246.787", s.get("events"));
    assertEquals("247", s.get("events_ceil"));
  }

  @Test
  void sampleSizeErrorsNameTheOption() {
    error("sample-size means --delta 0.5 --sd 1", "option '--power': give exactly one");
    error("sample-size means --delta 0.5 --sd 1 --power 0.8 --n 10", "option '--power'");
    error("sample-size means --delta 0.5 --sd 1 --power 0.8 --test w", "option '--test'");
    error("sample-size survival --hr 0.7 --power 0.8 --median-control 12", "option '--accrual");
    error("sample-size proportions --p1 0.5 --power 0.8", "option '--p2': is required");
  }

  @Test
  void gsdIsGsDesignWithAChart() {
    InterpreterResult r = run("gsd --looks 3 --sided 2 --alpha 0.05");
    assertEquals(Code.SUCCESS, r.code(), r.toString());
    List<List<String>> t = table(r.message().get(0));
    assertEquals(
        List.of(
            "look",
            "timing",
            "upper_z",
            "lower_z",
            "nominal_p",
            "cumulative_alpha",
            "cumulative_power"),
        t.get(0));
    // G01: gsDesign(k=3, test.type=2, sfu=sfLDOF, alpha=0.025, beta=0.1) upper 3.7103, 2.5114,
    // 1.9930, lower the mirror image
    assertEquals("3.71", t.get(1).get(2));
    assertEquals("2.511", t.get(2).get(2));
    assertEquals("1.993", t.get(3).get(2));
    assertEquals("-1.993", t.get(3).get(3));
    assertEquals(Type.HTML, r.message().get(1).getType());
    String svg = r.message().get(1).getData();
    assertTrue(svg.startsWith("<svg ") && svg.contains("lower (symmetric)"), svg);
    // G01: inflation factor 1.011852484
    assertTrue(r.message().get(2).getData().contains("inflation factor 1.01185"));
    // one-sided without futility: no lower bound in the table or chart
    InterpreterResult one = run("gsd --looks 3");
    assertEquals("", table(one.message().get(0)).get(1).get(3));
    error("gsd --looks 3 --timing 0.5", "option '--timing': needs 3 fractions");
    error("gsd --looks 30", "option '--looks': must be in [1, 25]");
    error("gsd --looks 3 --upper nonsense", "option '--upper'");
  }

  @Test
  void simulateTheShippedDesignByName() {
    InterpreterResult r =
        run(
            "simulate --design docs/designs/gs-survival-3look.json --reps 2000 --seed 7"
                + " --threads 2 --power-curve --curve-points 3");
    assertEquals(Code.SUCCESS, r.code(), r.toString());
    List<List<String>> oc = table(r.message().get(0));
    assertEquals(List.of("quantity", "estimate", "mc_se"), oc.get(0));
    assertEquals("power", oc.get(1).get(0));
    assertEquals("analytic power", oc.get(2).get(0));
    double power = Double.parseDouble(oc.get(1).get(1));
    double analytic = Double.parseDouble(oc.get(2).get(1));
    // Monte-Carlo tolerance: 4 binomial standard errors of 2000 replicates
    assertTrue(
        Math.abs(power - analytic) <= 4 * Math.sqrt(analytic * (1 - analytic) / 2000),
        power + " vs " + analytic);
    double se = Double.parseDouble(oc.get(1).get(2));
    assertEquals(Math.sqrt(power * (1 - power) / 2000), se, 1e-4);
    List<List<String>> looks = table(r.message().get(1));
    assertEquals(4, looks.size());
    assertEquals(List.of("1", "112"), looks.get(1).subList(0, 2));
    List<List<String>> curve = table(r.message().get(2));
    assertEquals(List.of("hazard_ratio", "power", "mc_se", "analytic"), curve.get(0));
    // the first point is the null (HR 1): power is the type I error, 0.025 within 4 SE
    assertEquals("1", curve.get(1).get(0));
    double typeOne = Double.parseDouble(curve.get(1).get(1));
    assertTrue(Math.abs(typeOne - 0.025) <= 4 * Math.sqrt(0.025 * 0.975 / 2000), curve.toString());
    assertEquals(Type.HTML, r.message().get(3).getType());
    assertTrue(r.message().get(3).getData().contains("Power curve of gs-survival-3look"));
    // the same seed gives the same result for another thread count
    InterpreterResult again =
        run("simulate --design gs-survival-3look.json --reps 2000 --seed 7 --threads 1");
    assertEquals(oc, table(again.message().get(0)));
  }

  @Test
  void simulateErrors() {
    error("simulate --design nowhere.json --reps 10 --seed 1", "option '--design': no such file");
    error("simulate --design gs-survival-3look.json --seed 1", "option '--reps': is required");
    error("simulate --design gs-survival-3look.json --reps 10 --seed x", "option '--seed'");
  }
}
