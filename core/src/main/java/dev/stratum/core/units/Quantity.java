package dev.stratum.core.units;

import java.util.Objects;

/**
 * A measured value with its UCUM unit, e.g. {@code 8.2 %} or {@code 1.3 mg/dL}. The unit is always
 * the canonical UCUM code ({@link Ucum#canonical}); construct through {@link #of} to normalise
 * aliases such as {@code mg/dl} or {@code x10^9/L}.
 *
 * @param value the number
 * @param unit canonical UCUM code; {@code 1} for dimensionless counts and scores
 */
public record Quantity(double value, String unit) {
  public Quantity {
    Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, got " + value);
    }
    if (!Ucum.isCanonical(unit)) {
      throw new IllegalArgumentException(
          "unit '" + unit + "' is not a canonical UCUM unit; use Quantity.of to normalise it");
    }
  }

  /**
   * A quantity in the canonical spelling of {@code unit}.
   *
   * @throws IllegalArgumentException when the unit is unknown; the message lists how to spell it
   */
  public static Quantity of(double value, String unit) {
    return new Quantity(value, Ucum.canonical(unit));
  }

  /** This quantity expressed in {@code targetUnit}, which must have the same dimension. */
  public Quantity to(String targetUnit) {
    String target = Ucum.canonical(targetUnit);
    return new Quantity(Ucum.convert(value, unit, target), target);
  }

  @Override
  public String toString() {
    return value + " " + unit;
  }
}
