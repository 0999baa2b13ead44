package dev.stratum.notebooks.paragraph;

import java.util.List;

/**
 * Zeppelin's dynamic forms as a paragraph command sees them: each call shows an input above the
 * paragraph (once) and returns what the user has entered, or the default the first time. In a
 * notebook the forms come from {@code InterpreterContext.getGui()}; outside Zeppelin (tests, the
 * CLI) {@link #defaults()} answers every form with its default.
 *
 * <p>Zeppelin's template forms work too, with no code: since the interpreter declares the {@code
 * SIMPLE} form type, Zeppelin replaces {@code ${delta=0.5}} and {@code
 * ${method=schoenfeld,schoenfeld|freedman}} in a paragraph's text by the form's value before the
 * command sees it.
 */
public interface Forms {

  /** A text box named {@code name}; its current value. */
  String textbox(String name, String defaultValue);

  /** A drop-down named {@code name} offering {@code choices}; the current choice. */
  String select(String name, String defaultValue, List<String> choices);

  /** Forms that always answer with the default: for running commands outside a notebook. */
  static Forms defaults() {
    return new Forms() {
      @Override
      public String textbox(String name, String defaultValue) {
        return defaultValue;
      }

      @Override
      public String select(String name, String defaultValue, List<String> choices) {
        return defaultValue;
      }
    };
  }
}
