package dev.stratum.datasets.io;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ages as ClinicalTrials.gov writes them ("18 Years", "6 Months", "N/A"), converted to years.
 * Months are 1/12 year, weeks 7 days and days 1/365.25 year (the Julian year ClinicalTrials.gov
 * uses when it derives {@code stdAges}).
 */
public final class TrialAges {
  private static final Pattern AGE =
      Pattern.compile(
          "(\\d+(?:\\.\\d+)?)\\s*(years?|months?|weeks?|days?|hours?|minutes?)",
          Pattern.CASE_INSENSITIVE);

  private TrialAges() {}

  /**
   * The age in years, NaN for "N/A", "None" or an empty value (no bound).
   *
   * @throws IllegalArgumentException when the text is not a number followed by a time unit
   */
  public static double years(String text) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty() || s.equalsIgnoreCase("N/A") || s.equalsIgnoreCase("None")) {
      return Double.NaN;
    }
    Matcher m = AGE.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + s + "' is not an age (expected e.g. 18 Years, 6 Months, or N/A)");
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    if (unit.startsWith("year")) {
      return n;
    }
    if (unit.startsWith("month")) {
      return n / 12;
    }
    if (unit.startsWith("week")) {
      return n * 7 / 365.25;
    }
    if (unit.startsWith("day")) {
      return n / 365.25;
    }
    if (unit.startsWith("hour")) {
      return n / (24 * 365.25);
    }
    return n / (24 * 60 * 365.25);
  }
}
