package dev.stratum.notebooks.paragraph;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Everything one run of a paragraph command may use: its parsed arguments, the dynamic forms, the
 * session, the interpreter settings, the registry (for {@code help}), and the progress and cancel
 * channels back to Zeppelin.
 */
public final class Invocation {
  private final Syntax syntax;
  private final Arguments arguments;
  private final Forms forms;
  private final Session session;
  private final NotebookSettings settings;
  private final CommandRegistry registry;
  private final IntConsumer progress;
  private final BooleanSupplier cancelled;

  Invocation(
      Syntax syntax,
      Arguments arguments,
      Forms forms,
      Session session,
      NotebookSettings settings,
      CommandRegistry registry,
      IntConsumer progress,
      BooleanSupplier cancelled) {
    this.syntax = Objects.requireNonNull(syntax);
    this.arguments = Objects.requireNonNull(arguments);
    this.forms = Objects.requireNonNull(forms);
    this.session = Objects.requireNonNull(session);
    this.settings = Objects.requireNonNull(settings);
    this.registry = Objects.requireNonNull(registry);
    this.progress = Objects.requireNonNull(progress);
    this.cancelled = Objects.requireNonNull(cancelled);
  }

  public Syntax syntax() {
    return syntax;
  }

  public Arguments arguments() {
    return arguments;
  }

  public Forms forms() {
    return forms;
  }

  public Session session() {
    return session;
  }

  public NotebookSettings settings() {
    return settings;
  }

  public CommandRegistry registry() {
    return registry;
  }

  /**
   * Reports progress as a fraction of the work done, shown as the paragraph's progress bar.
   *
   * @param fraction in [0, 1]; values outside are clamped
   */
  public void progress(double fraction) {
    double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
    progress.accept((int) Math.floor(100 * f));
  }

  /**
   * Stops the command when the user cancelled the paragraph.
   *
   * @throws CancelledException when cancelled
   */
  public void checkCancelled() {
    if (cancelled.getAsBoolean()) {
      throw new CancelledException(syntax.name());
    }
  }
}
