package dev.stratum.notebooks.paragraph;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers written for tables: plain decimal notation that Zeppelin's charts parse as numbers. */
public final class Numbers {
  private Numbers() {}

  /**
   * {@code x} rounded to {@code significant} significant digits, in plain notation without trailing
   * zeros ({@code 15}, {@code 0.0015}); {@code NaN} and infinities as {@code NA}, {@code Inf},
   * {@code -Inf}.
   */
  public static String plain(double x, int significant) {
    if (Double.isNaN(x)) {
      return "NA";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "Inf" : "-Inf";
    }
    if (x == 0) {
      return "0";
    }
    BigDecimal d =
        new BigDecimal(x)
            .round(new MathContext(significant, RoundingMode.HALF_EVEN))
            .stripTrailingZeros();
    return d.toPlainString();
  }
}
