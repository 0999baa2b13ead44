package dev.stratum.cli;

/** How a tabular result is written to stdout ({@code --format}). */
public enum OutputFormat {
  /** Aligned columns for people; the default on a terminal. */
  TABLE,
  /** One JSON document; nothing else is written to stdout. */
  JSON,
  /** RFC 4180 CSV with a header row. */
  CSV
}
