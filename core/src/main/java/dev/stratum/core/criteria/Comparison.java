package dev.stratum.core.criteria;

/** A numeric comparison in a criterion, with the symbols CLI.md uses. */
public enum Comparison {
  LT("<"),
  LE("<="),
  EQ("="),
  GE(">="),
  GT(">"),
  BETWEEN("between");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public static Comparison fromSymbol(String s) {
    for (Comparison c : values()) {
      if (c.symbol.equals(s)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown operator '" + s + "' (expected <, <=, =, >=, >, between)");
  }

  /**
   * Whether {@code x} satisfies this comparison with {@code value} (and {@code value2}, inclusive).
   */
  public boolean test(double x, double value, double value2) {
    return switch (this) {
      case LT -> x < value;
      case LE -> x <= value;
      case EQ -> x == value;
      case GE -> x >= value;
      case GT -> x > value;
      case BETWEEN -> x >= value && x <= value2;
    };
  }
}
