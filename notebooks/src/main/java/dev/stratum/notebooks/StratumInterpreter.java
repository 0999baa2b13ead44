package dev.stratum.notebooks;

import dev.stratum.core.error.StratumException;
import dev.stratum.notebooks.paragraph.CommandRegistry;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Forms;
import dev.stratum.notebooks.paragraph.NotebookSettings;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Session;
import dev.stratum.notebooks.paragraph.Tokenizer;
import dev.stratum.trust.Role;
import dev.stratum.trust.StratumConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zeppelin.display.ui.OptionInput.ParamOption;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;
import org.apache.zeppelin.interpreter.thrift.InterpreterCompletion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code %stratum} Apache Zeppelin interpreter. A paragraph is one Stratum command line, read
 * like a shell command ({@code sample-size means --delta 0.5 --sd 1 --power 0.8}) and run by the
 * {@link CommandRegistry}; the result is rendered with Zeppelin's display system ({@code %table},
 * {@code %html} with SVG charts, {@code %text}).
 *
 * <p>A user error (bad option, unknown unit, missing file) ends the paragraph with status ERROR and
 * one readable line, never a stack trace; an unexpected failure does the same with "internal error"
 * and logs the stack trace to the interpreter log. Progress reported by a command shows as the
 * paragraph's progress bar; cancel stops a command at its next {@code checkCancelled()}.
 *
 * <p>Written against the zeppelin-interpreter 0.11.1 API, using only what 0.10.0 has too (checked
 * by the real-server test, which runs it under Zeppelin 0.10.0).
 */
public class StratumInterpreter extends Interpreter {
  private static final Logger LOG = LoggerFactory.getLogger(StratumInterpreter.class);

  private final CommandRegistry registry;
  private final Session session = new Session();
  private final Map<String, AtomicInteger> progress = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private volatile NotebookSettings settings;

  /** The constructor Zeppelin calls, with the interpreter setting's properties. */
  public StratumInterpreter(Properties properties) {
    this(properties, CommandRegistry.standard());
  }

  /** An interpreter running the commands of {@code registry}; for tests and embedding. */
  public StratumInterpreter(Properties properties, CommandRegistry registry) {
    super(properties);
    this.registry = registry;
  }

  @Override
  public void open() {
    // Validate the settings at open so a bad stratum.role shows up on the first paragraph.
    settings = NotebookSettings.from(getProperties());
  }

  @Override
  public void close() {
    session.clear();
    progress.clear();
    cancelled.clear();
  }

  @Override
  public InterpreterResult interpret(String paragraph, InterpreterContext context) {
    String id = paragraphId(context);
    AtomicInteger done = new AtomicInteger();
    progress.put(id, done);
    cancelled.remove(id);
    try {
      NotebookSettings s = settings != null ? settings : NotebookSettings.from(getProperties());
      List<String> words = Tokenizer.split(paragraph);
      if (words.isEmpty()) {
        return new InterpreterResult(InterpreterResult.Code.SUCCESS);
      }
      // The Zeppelin user's role (configuration) decides what the paragraph may show.
      StratumConfig config = config();
      String user = user(context);
      Role role = NotebookTrust.role(user, getProperties(), config);
      s = new NotebookSettings(s.store(), role.cliName(), user, config);
      NotebookTrust.admit(user, role, words, paragraph, config);
      ParagraphOutput out =
          registry.run(
              words,
              forms(context),
              session,
              s,
              done::set,
              () -> cancelled.contains(id) || Thread.currentThread().isInterrupted());
      done.set(100);
      return success(out);
    } catch (StratumException e) {
      return error(e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("paragraph {} failed", id, e);
      return error("internal error: " + e);
    } finally {
      progress.remove(id);
      cancelled.remove(id);
    }
  }

  @Override
  public void cancel(InterpreterContext context) {
    cancelled.add(paragraphId(context));
  }

  @Override
  public FormType getFormType() {
    // SIMPLE: Zeppelin itself turns ${name=default} in a paragraph into a form and substitutes it.
    return FormType.SIMPLE;
  }

  @Override
  public int getProgress(InterpreterContext context) {
    AtomicInteger p = progress.get(paragraphId(context));
    return p == null ? 0 : p.get();
  }

  @Override
  public List<InterpreterCompletion> completion(
      String buffer, int cursor, InterpreterContext context) {
    String typed =
        buffer.substring(0, Math.max(0, Math.min(cursor, buffer.length()))).stripLeading();
    List<InterpreterCompletion> out = new ArrayList<>();
    for (ParagraphCommand c : registry.commands()) {
      String name = c.syntax().name();
      if (name.startsWith(typed)) {
        out.add(new InterpreterCompletion(name, name, "stratum"));
      }
    }
    return out;
  }

  private static InterpreterResult success(ParagraphOutput out) {
    List<InterpreterResultMessage> messages = new ArrayList<>();
    for (Display d : out.blocks()) {
      messages.add(
          switch (d) {
            case Display.Table t ->
                new InterpreterResultMessage(InterpreterResult.Type.TABLE, t.toZeppelinTable());
            case Display.Html h ->
                new InterpreterResultMessage(InterpreterResult.Type.HTML, h.html());
            case Display.Text t ->
                new InterpreterResultMessage(InterpreterResult.Type.TEXT, t.text());
          });
    }
    return new InterpreterResult(InterpreterResult.Code.SUCCESS, messages);
  }

  /** One line: the paragraph shows it in red; more lines would read like a stack trace. */
  private static InterpreterResult error(String message) {
    String line = message == null ? "failed" : message.strip().lines().findFirst().orElse("failed");
    return new InterpreterResult(InterpreterResult.Code.ERROR, line);
  }

  /** The Stratum configuration (role mapping, audit log); tests replace it. */
  protected StratumConfig config() {
    return StratumConfig.load();
  }

  private static String user(InterpreterContext context) {
    if (context == null || context.getAuthenticationInfo() == null) {
      return null;
    }
    return context.getAuthenticationInfo().getUser();
  }

  private static String paragraphId(InterpreterContext context) {
    String id = context == null ? null : context.getParagraphId();
    return id == null ? "" : id;
  }

  private static Forms forms(InterpreterContext context) {
    if (context == null || context.getGui() == null) {
      return Forms.defaults();
    }
    var gui = context.getGui();
    return new Forms() {
      @Override
      public String textbox(String name, String defaultValue) {
        return String.valueOf(gui.textbox(name, defaultValue));
      }

      @Override
      public String select(String name, String defaultValue, List<String> choices) {
        ParamOption[] options = new ParamOption[choices.size()];
        for (int i = 0; i < options.length; i++) {
          options[i] = new ParamOption(choices.get(i), choices.get(i));
        }
        return String.valueOf(gui.select(name, options, defaultValue));
      }
    };
  }
}
