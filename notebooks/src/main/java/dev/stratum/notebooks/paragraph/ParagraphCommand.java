package dev.stratum.notebooks.paragraph;

/**
 * One command a {@code %stratum} paragraph can run. This is the extension point: to expose a module
 * in notebooks, write one class implementing this interface (usually a thin adapter over the
 * module's public API, mirroring its CLI subcommand's flags) and add it to {@link
 * CommandRegistry#standard()}.
 *
 * <p>Contract: {@link #run} validates its arguments and throws {@link
 * dev.stratum.core.error.InvalidInputException} (or another {@link
 * dev.stratum.core.error.StratumException}) with a message a user can act on; the interpreter shows
 * it as the paragraph's one-line error. Long work calls {@link Invocation#progress} and {@link
 * Invocation#checkCancelled} now and then. Implementations are stateless: per-session state lives
 * in {@link Invocation#session()}.
 */
public interface ParagraphCommand {

  /** Name, usage, summary and accepted options. */
  Syntax syntax();

  /** Runs the command; returns what the paragraph shows, in order. */
  ParagraphOutput run(Invocation invocation);
}
