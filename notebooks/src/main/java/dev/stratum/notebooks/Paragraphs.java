package dev.stratum.notebooks;

import dev.stratum.notebooks.paragraph.CommandRegistry;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Forms;
import dev.stratum.notebooks.paragraph.NotebookSettings;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Session;
import dev.stratum.notebooks.paragraph.Tokenizer;
import java.util.Properties;

/**
 * The {@code %stratum} paragraph commands as plain Java, for other interpreters: Zeppelin's {@code
 * %spark} (Scala), {@code %java} or any JVM code with the Stratum jars on its class path.
 *
 * <pre>{@code
 * %spark
 * print(dev.stratum.notebooks.Paragraphs.render("units convert 1.5 mg/dL mg/L"))
 * }</pre>
 *
 * <p>{@link #render} returns Zeppelin display text ({@code %table ...}, {@code %html ...}), which
 * Zeppelin shows as a table or chart when an interpreter prints it. Errors are thrown as {@link
 * dev.stratum.core.error.StratumException}s, whose message is the same one line a {@code %stratum}
 * paragraph shows.
 */
public final class Paragraphs {
  private Paragraphs() {}

  /** Runs one command line with the standard commands, default forms and the given settings. */
  public static ParagraphOutput run(String commandLine, Properties settings) {
    return CommandRegistry.standard()
        .run(
            Tokenizer.split(commandLine),
            Forms.defaults(),
            new Session(),
            NotebookSettings.from(settings),
            p -> {},
            () -> Thread.currentThread().isInterrupted());
  }

  /** As {@link #run(String, Properties)} with default settings. */
  public static ParagraphOutput run(String commandLine) {
    return run(commandLine, new Properties());
  }

  /**
   * Runs a command line and returns its output as Zeppelin display text, one block after another.
   */
  public static String render(String commandLine) {
    return toZeppelinDisplay(run(commandLine));
  }

  /**
   * Zeppelin display text: each block introduced by {@code %table}, {@code %html} or {@code %text}.
   */
  public static String toZeppelinDisplay(ParagraphOutput output) {
    StringBuilder sb = new StringBuilder();
    for (Display d : output.blocks()) {
      switch (d) {
        case Display.Table t -> sb.append("%table\n").append(t.toZeppelinTable());
        case Display.Html h -> sb.append("%html\n").append(h.html()).append('\n');
        case Display.Text t -> sb.append("%text\n").append(t.text());
      }
      if (sb.charAt(sb.length() - 1) != '\n') {
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
