package dev.stratum.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long work, shown only when the process has a terminal (so piped and
 * CI output stays clean). Close it when the work ends.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** Starts a bar of {@code total} steps labelled {@code task}, or a silent one off-terminal. */
  public static Progress start(String task, long total) {
    if (!interactive()) {
      return new Progress(null);
    }
    return new Progress(
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build());
  }

  /** Whether stderr goes to a terminal, as far as the JVM can tell. */
  public static boolean interactive() {
    java.io.Console c = System.console();
    if (c == null || System.getenv("CI") != null) {
      return false;
    }
    // From JDK 22 System.console() is non-null even when redirected; isTerminal() tells.
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Moves the bar to {@code done} steps. */
  public void stepTo(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
