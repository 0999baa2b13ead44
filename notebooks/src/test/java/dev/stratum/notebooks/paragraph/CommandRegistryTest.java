package dev.stratum.notebooks.paragraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommandRegistryTest {

  /** A command that echoes its words, to see dispatch. */
  private record Echo(String name) implements ParagraphCommand {
    @Override
    public Syntax syntax() {
      return Syntax.of(name, "[WORD...]", "echo");
    }

    @Override
    public ParagraphOutput run(Invocation in) {
      return ParagraphOutput.text(name + ":" + in.arguments().positionals());
    }
  }

  private static String run(CommandRegistry r, String line) {
    ParagraphOutput out =
        r.run(
            Tokenizer.split(line),
            Forms.defaults(),
            new Session(),
            NotebookSettings.from(new Properties()),
            p -> {},
            () -> false);
    return ((Display.Text) out.blocks().get(0)).text();
  }

  @Test
  void longestNameWins() {
    CommandRegistry r =
        CommandRegistry.of(List.of(new Echo("units convert"), new Echo("units list")));
    assertEquals("units convert:[1, mg/dL, mg/L]", run(r, "units convert 1 mg/dL mg/L"));
    assertEquals("units list:[]", run(r, "units list"));
  }

  @Test
  void familyWithoutSubcommandListsTheSubcommands() {
    CommandRegistry r =
        CommandRegistry.of(List.of(new Echo("units convert"), new Echo("units list")));
    assertEquals(
        "option 'units': expected one of convert, list after it, got 'frob'",
        assertThrows(InvalidInputException.class, () -> run(r, "units frob")).getMessage());
    assertEquals(
        "option 'units': expected one of convert, list after it, got nothing",
        assertThrows(InvalidInputException.class, () -> run(r, "units")).getMessage());
  }

  @Test
  void unknownCommandListsAll() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> run(CommandRegistry.standard(), "frob"));
    assertTrue(
        e.getMessage().startsWith("option 'frob': unknown command; the commands are: clusters,"),
        e.getMessage());
    assertTrue(e.getMessage().contains(", help, "), e.getMessage());
  }

  @Test
  void namesMustBeUniqueAndNotPrefixes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CommandRegistry.of(List.of(new Echo("units"), new Echo("units"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> CommandRegistry.of(List.of(new Echo("units"), new Echo("units list"))));
    assertThrows(IllegalArgumentException.class, () -> Syntax.of("Units", "", ""));
  }

  @Test
  void settingsValidateTheRole() {
    Properties p = new Properties();
    p.setProperty(NotebookSettings.ROLE, "admin");
    assertEquals(
        "option 'stratum.role': must be one of recruiter, biostatistician, counts-only, got 'admin'",
        assertThrows(InvalidInputException.class, () -> NotebookSettings.from(p)).getMessage());
    assertEquals("counts-only", NotebookSettings.from(new Properties()).role());
  }
}
