package dev.stratum.cli;

import dev.stratum.core.error.InvalidInputException;
import java.util.Locale;

/** Shared helpers of the trial designer's commands (sample-size, gsd, simulate). */
final class TrialDesignerOptions {
  private TrialDesignerOptions() {}

  /** Table on a terminal, JSON when stdout is piped (CLI.md: table by default on a terminal). */
  static OutputFormat resolve(OutputFormat requested) {
    if (requested != null) {
      return requested;
    }
    return Progress.interactive() ? OutputFormat.TABLE : OutputFormat.JSON;
  }

  /**
   * Turns a validation message of the trial-sim API ("alpha must be in (0, 1), got 1.5") into a
   * user error naming the option it came from.
   */
  static InvalidInputException userError(IllegalArgumentException e, String... optionsByPrefix) {
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    String lower = msg.toLowerCase(Locale.ROOT);
    for (int i = 0; i + 1 < optionsByPrefix.length; i += 2) {
      if (lower.startsWith(optionsByPrefix[i])) {
        return InvalidInputException.ofArgument(optionsByPrefix[i + 1], msg);
      }
    }
    return InvalidInputException.ofArgument(
        optionsByPrefix.length > 0 ? optionsByPrefix[optionsByPrefix.length - 1] : "arguments",
        msg);
  }

  /** A JSON number, or null for NaN/infinite values (JSON has no NaN). */
  static void put(com.fasterxml.jackson.databind.node.ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  static void putArray(com.fasterxml.jackson.databind.node.ObjectNode o, String key, double[] v) {
    com.fasterxml.jackson.databind.node.ArrayNode a = o.putArray(key);
    for (double x : v) {
      if (Double.isFinite(x)) {
        a.add(x);
      } else {
        a.addNull();
      }
    }
  }
}
