package dev.stratum.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.notebooks.paragraph.CommandRegistry;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResult.Code;
import org.apache.zeppelin.interpreter.InterpreterResult.Type;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;
import org.junit.jupiter.api.Test;

/** The interpreter as Zeppelin drives it, through the zeppelin-interpreter API in-process. */
class StratumInterpreterTest {

  private static StratumInterpreter open(CommandRegistry registry) {
    StratumInterpreter i = new StratumInterpreter(new Properties(), registry);
    i.open();
    return i;
  }

  private static InterpreterContext context(String paragraphId, GUI gui) {
    return InterpreterContext.builder()
        .setNoteId("note1")
        .setParagraphId(paragraphId)
        .setGUI(gui)
        .build();
  }

  private static InterpreterResult run(String paragraph) {
    return open(CommandRegistry.standard()).interpret(paragraph, context("p1", new GUI()));
  }

  private static InterpreterResultMessage only(InterpreterResult r) {
    assertEquals(1, r.message().size(), r.toString());
    return r.message().get(0);
  }

  @Test
  void helpIsATableOfEveryCommand() {
    InterpreterResult r = run("help");
    assertEquals(Code.SUCCESS, r.code());
    InterpreterResultMessage m = only(r);
    assertEquals(Type.TABLE, m.getType());
    List<String> lines = m.getData().lines().toList();
    assertEquals("command\tusage\toptions\tshows", lines.get(0));
    assertEquals(1 + CommandRegistry.standard().commands().size(), lines.size());
    assertTrue(
        lines
            .get(3)
            .startsWith("units convert\tunits convert [VALUE FROM TO] [--digits N]\t--digits X\t"),
        lines.get(3));
    assertEquals(3, run("help units").message().get(0).getData().lines().count() - 1);
  }

  @Test
  void versionIsText() {
    InterpreterResultMessage m = only(run("version"));
    assertEquals(Type.TEXT, m.getType());
    List<String> lines = m.getData().lines().toList();
    assertTrue(lines.get(0).matches("stratum \\d+\\.\\d+\\.\\d+.*"), lines.get(0));
    // Zeppelin's own version of the runtime on the class path: the pinned 0.11.1 API in tests.
    assertEquals("zeppelin-interpreter 0.11.1", lines.get(1));
    assertTrue(lines.get(2).startsWith("java "), lines.get(2));
  }

  @Test
  void unitsConvertIsATable() {
    // UCUM: dL = 0.1 L, so 1.5 mg/dL = 15 mg/L exactly.
    InterpreterResultMessage m = only(run("units convert 1.5 mg/dL mg/L"));
    assertEquals(Type.TABLE, m.getType());
    assertEquals("value\tunit\tconverted\tconverted_unit\n1.5\tmg/dL\t15\tmg/L\n", m.getData());
    // International avoirdupois pound (1959): 1 [lb_av] = 0.45359237 kg exactly; aliases
    // normalised.
    assertEquals(
        "value\tunit\tconverted\tconverted_unit\n2\t[lb_av]\t0.90718474\tkg\n",
        only(run("units convert 2 lbs kg --digits 10")).getData());
  }

  @Test
  void unitsConvertWithoutArgumentsUsesForms() {
    GUI gui = new GUI();
    Map<String, Object> params = new HashMap<>();
    params.put("value", "2");
    params.put("from", "g/dL");
    params.put("to", "g/L");
    gui.setParams(params);
    InterpreterResult r =
        open(CommandRegistry.standard()).interpret("units convert", context("p2", gui));
    assertEquals(Code.SUCCESS, r.code(), r.toString());
    // g/dL -> g/L: x10 (dL = 0.1 L)
    assertEquals("value\tunit\tconverted\tconverted_unit\n2\tg/dL\t20\tg/L\n", only(r).getData());
    assertEquals(List.of("value", "from", "to"), List.copyOf(gui.getForms().keySet()));
  }

  @Test
  void unitsListLikeAndChart() {
    InterpreterResultMessage list = only(run("units list --like mmol/L"));
    assertEquals(Type.TABLE, list.getType());
    // 1 mmol/L = 1000 umol/L = 1e6 nmol/L = 0.001 mol/L (SI prefixes)
    assertEquals(
        "unit\tper_1_mmol/L\nmol/L\t0.001\nmmol/L\t1\numol/L\t1000\nnmol/L\t1000000\n",
        list.getData());
    InterpreterResultMessage chart = only(run("units chart 1.5 mg/dL"));
    assertEquals(Type.HTML, chart.getType());
    assertTrue(chart.getData().startsWith("<svg "), chart.getData());
    assertTrue(chart.getData().contains(">ng/mL</text>"));
  }

  @Test
  void userErrorsAreOneReadableLine() {
    assertError(
        "option 'TO': cannot convert mg/dL (mass/volume) to mmol/L (substance/volume)",
        run("units convert 1 mg/dL mmol/L"));
    assertError(
        "option 'FROM': unknown unit 'furlong' (type units list for the known ones)",
        run("units convert 1 furlong m"));
    assertError(
        "option '--digits': expected an integer, got 'x'",
        run("units convert 1 mg/dL mg/L --digits x"));
    assertError("option 'paragraph': the ' quote opened is not closed", run("units 'x"));
    InterpreterResult unknown = run("enroll --trial NCT1");
    assertEquals(Code.ERROR, unknown.code());
    assertTrue(unknown.message().get(0).getData().startsWith("option 'enroll': unknown command"));
    // a missing trial file names the option and the path
    assertError(
        "option '--trial': file not found: " + Path.of("NCT1").toAbsolutePath(),
        run("match --index . --trial NCT1"));
  }

  private static void assertError(String expected, InterpreterResult r) {
    assertEquals(Code.ERROR, r.code());
    InterpreterResultMessage m = only(r);
    assertEquals(Type.TEXT, m.getType());
    assertEquals(expected, m.getData());
  }

  @Test
  void internalErrorsAreOneLineToo() {
    ParagraphCommand broken =
        new ParagraphCommand() {
          @Override
          public Syntax syntax() {
            return Syntax.of("broken", "", "fails");
          }

          @Override
          public ParagraphOutput run(Invocation in) {
            throw new IllegalStateException("boom\n\tat somewhere");
          }
        };
    InterpreterResult r =
        open(CommandRegistry.of(List.of(broken))).interpret("broken", context("p3", new GUI()));
    assertEquals(Code.ERROR, r.code());
    assertEquals("internal error: java.lang.IllegalStateException: boom", only(r).getData());
  }

  @Test
  void emptyParagraphSucceedsSilently() {
    InterpreterResult r = run("  # nothing\n");
    assertEquals(Code.SUCCESS, r.code());
    assertTrue(r.message().isEmpty());
  }

  @Test
  void progressIsReportedAndCancelStopsTheCommand() throws Exception {
    CountDownLatch reported = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    ParagraphCommand slow =
        new ParagraphCommand() {
          @Override
          public Syntax syntax() {
            return Syntax.of("slow", "", "waits");
          }

          @Override
          public ParagraphOutput run(Invocation in) {
            in.progress(0.4);
            reported.countDown();
            try {
              assertTrue(cancelled.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            in.checkCancelled();
            return ParagraphOutput.text("not reached");
          }
        };
    StratumInterpreter i = open(CommandRegistry.of(List.of(slow)));
    InterpreterContext ctx = context("p4", new GUI());
    CompletableFuture<InterpreterResult> result =
        CompletableFuture.supplyAsync(() -> i.interpret("slow", ctx));
    assertTrue(reported.await(10, TimeUnit.SECONDS));
    assertEquals(40, i.getProgress(ctx));
    assertEquals(0, i.getProgress(context("other", new GUI())));
    i.cancel(ctx);
    cancelled.countDown();
    InterpreterResult r = result.get(10, TimeUnit.SECONDS);
    assertError("slow: cancelled", r);
    assertEquals(0, i.getProgress(ctx));
  }

  @Test
  void completionAndFormType() {
    StratumInterpreter i = open(CommandRegistry.standard());
    assertEquals(Interpreter.FormType.SIMPLE, i.getFormType());
    assertEquals(
        List.of("units convert", "units list", "units chart"),
        i.completion("units", 5, context("p5", new GUI())).stream().map(c -> c.getName()).toList());
    assertFalse(i.completion("zz", 2, context("p5", new GUI())).iterator().hasNext());
  }

  @Test
  void badRoleFailsTheFirstParagraphReadably() {
    Properties p = new Properties();
    p.setProperty("stratum.role", "everyone");
    StratumInterpreter i = new StratumInterpreter(p);
    InterpreterResult r = i.interpret("version", context("p6", new GUI()));
    assertError(
        "option 'stratum.role': must be one of recruiter, biostatistician, counts-only, got"
            + " 'everyone'",
        r);
  }
}
