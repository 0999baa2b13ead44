package dev.stratum.notebooks.commands;

import static dev.stratum.notebooks.commands.TrialDesignerCommandsTest.error;
import static dev.stratum.notebooks.commands.TrialDesignerCommandsTest.run;
import static dev.stratum.notebooks.commands.TrialDesignerCommandsTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.notebooks.StratumInterpreter;
import java.util.List;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResult.Code;
import org.apache.zeppelin.interpreter.InterpreterResult.Type;
import org.junit.jupiter.api.Test;

/**
 * The recruiter's paragraph commands: criteria parse and nlp extract on pasted text. Expected rows
 * are the criteria and facts written in the text itself (thresholds, units, negation cues).
 */
class RecruiterCommandsTest {
  private static final String CRITERIA =
      "criteria parse --text 'Inclusion Criteria:\n- Age >= 18 years\n"
          + "- HbA1c between 7.0% and 10.5%\nExclusion Criteria:\n- History of pancreatitis'";

  @Test
  void criteriaParseOfPastedText() {
    InterpreterResult r = run(CRITERIA);
    assertEquals(Code.SUCCESS, r.code(), r.toString());
    List<List<String>> t = table(r.message().get(0));
    assertEquals("id", t.get(0).get(0));
    assertEquals(4, t.size(), t.toString());
    assertEquals(List.of("I1", "inclusion", "age", "age"), t.get(1).subList(0, 4));
    assertEquals(">=", t.get(1).get(6));
    assertEquals("18", t.get(1).get(7));
    // HbA1c is LOINC 4548-4; the range 7.0 to 10.5 as written
    assertEquals(
        List.of("I2", "inclusion", "lab", "HbA1c", "LOINC:4548-4", "false", "between", "7", "10.5"),
        t.get(2).subList(0, 9));
    assertEquals("exclusion", t.get(3).get(1));
    assertEquals(Type.TEXT, r.message().get(1).getType());
    assertTrue(r.message().get(1).getData().contains("age 18 to - years"));
  }

  @Test
  void criteriaFormOnOneLineKeepsCriteriaApart() {
    GUI gui = new GUI();
    StratumInterpreter i =
        new StratumInterpreter(dev.stratum.notebooks.TestRoles.role("recruiter"));
    i.open();
    InterpreterResult r =
        i.interpret(
            "criteria parse", InterpreterContext.builder().setParagraphId("p").setGUI(gui).build());
    assertEquals(Code.SUCCESS, r.code(), r.toString());
    assertEquals(List.of("criteria"), List.copyOf(gui.getForms().keySet()));
    // the one-line example has 5 bulleted criteria (3 inclusion, 2 exclusion)
    List<List<String>> t = table(r.message().get(0));
    assertEquals(6, t.size(), t.toString());
    assertEquals("age", t.get(1).get(2));
    assertEquals("exclusion", t.get(5).get(1));
  }

  @Test
  void nlpExtractShowsAssertionStatus() {
    InterpreterResult r =
        run("nlp extract --text 'Denies chest pain. Mother had breast cancer. HbA1c 8.1%.'");
    assertEquals(Code.SUCCESS, r.code(), r.toString());
    List<List<String>> t = table(r.message().get(0));
    int concept = t.get(0).indexOf("concept");
    int negated = t.get(0).indexOf("negated");
    int experiencer = t.get(0).indexOf("experiencer");
    int value = t.get(0).indexOf("value");
    List<String> pain =
        t.stream().filter(row -> row.get(concept).equals("chest pain")).findFirst().orElseThrow();
    assertEquals("true", pain.get(negated)); // "Denies": a negation cue
    List<String> cancer =
        t.stream()
            .filter(row -> row.get(concept).equals("breast cancer"))
            .findFirst()
            .orElseThrow();
    assertEquals("family", cancer.get(experiencer)); // "Mother had"
    List<String> a1c =
        t.stream().filter(row -> row.get(concept).equals("HbA1c")).findFirst().orElseThrow();
    assertEquals("8.1", a1c.get(value));
  }

  @Test
  void badInput() {
    error("criteria parse --in /nonexistent/criteria.txt", "option '--in': file not found");
    error("nlp extract --text ' '", "option '--text': is empty");
    error("nlp extract --in a --text b", "option '--text': give --in or --text, not both");
  }
}
