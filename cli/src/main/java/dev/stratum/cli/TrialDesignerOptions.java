package dev.stratum.cli;

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
