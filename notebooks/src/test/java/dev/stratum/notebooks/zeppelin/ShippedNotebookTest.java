package dev.stratum.notebooks.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.StratumInterpreter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.display.Input;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.junit.jupiter.api.Test;

/**
 * The shipped notes are valid Zeppelin notes whose every paragraph runs: a fast in-process check
 * (the real-server test runs them in Zeppelin itself).
 */
class ShippedNotebookTest {

  @Test
  void notesHaveUniqueIdsAndZeppelinFileNames() {
    List<ShippedNotebook> notes = ShippedNotebook.all();
    assertFalse(notes.isEmpty());
    Set<String> ids = new HashSet<>();
    for (ShippedNotebook n : notes) {
      assertTrue(ids.add(n.id()), "duplicate note id " + n.id());
      assertEquals(n.name() + "_" + n.id() + ".zpln", n.fileName());
      assertEquals("stratum", n.tree().path("defaultInterpreterGroup").asText(), n.name());
    }
  }

  @Test
  void everyParagraphRunsInProcess(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    // a copy of the demo output: the biostatistician note writes strata back into its store
    java.nio.file.Path demo = dev.stratum.notebooks.DemoStore.copy(tmp.resolve("demo-out"));
    StratumInterpreter interpreter =
        new StratumInterpreter(dev.stratum.notebooks.TestRoles.role("recruiter"));
    interpreter.open();
    for (ShippedNotebook n : ShippedNotebook.all()) {
      for (JsonNode p : n.tree().path("paragraphs")) {
        String text = p.path("text").asText();
        assertTrue(text.startsWith("%stratum\n"), n.name() + ": " + text);
        // Zeppelin's own substitution of template forms (${name=default}) at their defaults, as
        // the server does for an interpreter of form type SIMPLE.
        String script =
            dev.stratum.notebooks.DemoStore.localize(text.substring("%stratum\n".length()), demo);
        script = Input.getSimpleQuery(new HashMap<>(), script, false);
        InterpreterResult r =
            interpreter.interpret(
                script,
                InterpreterContext.builder()
                    .setParagraphId(p.path("id").asText())
                    .setGUI(new GUI())
                    .build());
        assertEquals(InterpreterResult.Code.SUCCESS, r.code(), n.name() + ": " + text + " -> " + r);
        assertFalse(r.message().isEmpty(), text);
      }
    }
  }

  @Test
  void malformedNotesAreRejectedWithTheirSource() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> ShippedNotebook.parse("x.zpln", "{\"name\": \"n\"}"));
    assertEquals(
        "x.zpln: field 'note': a Zeppelin note needs an alphanumeric id, a name and paragraphs",
        e.getMessage());
  }
}
