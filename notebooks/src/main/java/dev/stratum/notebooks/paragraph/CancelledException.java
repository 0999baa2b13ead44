package dev.stratum.notebooks.paragraph;

import dev.stratum.core.error.StratumException;

/** Thrown by {@link Invocation#checkCancelled()} when the user pressed cancel on the paragraph. */
public final class CancelledException extends StratumException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String command) {
    super(command + ": cancelled");
  }
}
