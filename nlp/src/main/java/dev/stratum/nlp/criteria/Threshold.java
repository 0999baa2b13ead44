package dev.stratum.nlp.criteria;

import dev.stratum.core.criteria.Comparison;

/**
 * A numeric comparison read from criterion text, with where it was read.
 *
 * @param operator the comparison
 * @param value the bound (lower bound for {@code between})
 * @param value2 upper bound for {@code between}, NaN otherwise
 * @param unit canonical UCUM unit, a relative unit such as {@code x ULN}, or empty
 * @param begin offset of the first character in the source text
 * @param end offset one past the last character
 */
public record Threshold(
    Comparison operator, double value, double value2, String unit, int begin, int end) {

  /** Whether the unit is a duration (UCUM a, mo, wk, d, h, min). */
  public boolean temporal() {
    return switch (unit) {
      case "a", "mo", "wk", "d", "h", "min" -> true;
      default -> false;
    };
  }
}
