package dev.stratum.datasets.synth;

/** Fast, locale-free number formatting and CSV quoting for the writers. */
final class Fmt {
  private Fmt() {}

  private static final long[] POW10 = {1, 10, 100, 1000, 10000, 100000};

  /** {@code x} rounded half-up to {@code decimals} places, e.g. 1.1 with 2 gives "1.10". */
  static String fixed(double x, int decimals) {
    StringBuilder sb = new StringBuilder(12);
    appendFixed(sb, x, decimals);
    return sb.toString();
  }

  /** Appends {@code x} with {@code decimals} decimal places (0 to 5) without allocation. */
  static void appendFixed(StringBuilder sb, double x, int decimals) {
    long scale = POW10[decimals];
    long v = Math.round(x * scale);
    if (v < 0) {
      sb.append('-');
      v = -v;
    }
    long whole = v / scale;
    sb.append(whole);
    if (decimals > 0) {
      sb.append('.');
      long frac = v % scale;
      for (long d = scale / 10; d > 0; d /= 10) {
        sb.append((char) ('0' + (frac / d) % 10));
      }
    }
  }

  /** Appends one RFC 4180 field, quoted when it holds a comma, quote or line break. */
  static void csv(StringBuilder sb, String f) {
    if (f == null || f.isEmpty()) {
      return;
    }
    boolean quote = false;
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      sb.append(f);
      return;
    }
    sb.append('"');
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  /** Appends a CSV row: fields separated by commas, terminated by CRLF-free newline. */
  static void row(StringBuilder sb, Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object f = fields[i];
      if (f != null) {
        csv(sb, f.toString());
      }
    }
    sb.append('\n');
  }
}
