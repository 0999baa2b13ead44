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
    // String.indexOf(char) is vectorised; four scans beat one charAt loop on long note texts.
    if (f.indexOf(',') < 0 && f.indexOf('"') < 0 && f.indexOf('\n') < 0 && f.indexOf('\r') < 0) {
      sb.append(f);
      return;
    }
    sb.append('"');
    int from = 0;
    for (int q = f.indexOf('"'); q >= 0; q = f.indexOf('"', from)) {
      sb.append(f, from, q + 1).append('"');
      from = q + 1;
    }
    sb.append(f, from, f.length()).append('"');
  }

  /** Appends an ISO date (yyyy-MM-dd) for years 0-9999 without going through toString. */
  static void appendDate(StringBuilder sb, java.time.LocalDate d) {
    int y = d.getYear();
    sb.append((char) ('0' + y / 1000 % 10))
        .append((char) ('0' + y / 100 % 10))
        .append((char) ('0' + y / 10 % 10))
        .append((char) ('0' + y % 10))
        .append('-');
    int m = d.getMonthValue();
    sb.append((char) ('0' + m / 10)).append((char) ('0' + m % 10)).append('-');
    int day = d.getDayOfMonth();
    sb.append((char) ('0' + day / 10)).append((char) ('0' + day % 10));
  }

  /**
   * A CSV row builder over a shared buffer: each call adds one field (with the separator), {@link
   * #end} closes the row. Avoids boxing and per-field strings on the hot path of the OMOP writers.
   */
  static final class Row {
    private final StringBuilder sb;
    private boolean first = true;

    Row(StringBuilder sb) {
      this.sb = sb;
    }

    private void sep() {
      if (first) {
        first = false;
      } else {
        sb.append(',');
      }
    }

    Row n(long v) {
      sep();
      sb.append(v);
      return this;
    }

    Row d(java.time.LocalDate d) {
      sep();
      if (d != null) {
        appendDate(sb, d);
      }
      return this;
    }

    Row s(String v) {
      sep();
      csv(sb, v);
      return this;
    }

    /** A field known to hold no comma, quote or line break (codes, units, fixed words). */
    Row r(String v) {
      sep();
      if (v != null) {
        sb.append(v);
      }
      return this;
    }

    /** {@code k} empty fields. */
    Row e(int k) {
      for (int i = 0; i < k; i++) {
        sep();
      }
      return this;
    }

    Row b(boolean v) {
      sep();
      sb.append(v);
      return this;
    }

    void end() {
      sb.append('\n');
      first = true;
    }
  }
}
