package dev.stratum.trialsim.power;

/** Validation helpers: messages name the parameter, the allowed range and the value received. */
final class Check {
  private Check() {}

  static void open01(String name, double v) {
    if (!(v > 0 && v < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1), got " + v);
    }
  }

  static void positive(String name, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
    }
  }

  static void nonNegative(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
    }
  }

  static void sided(int sided) {
    if (sided != 1 && sided != 2) {
      throw new IllegalArgumentException("sided must be 1 or 2, got " + sided);
    }
  }

  /** Exactly one of power and the size is given (the other NaN): that is what is solved for. */
  static void oneOf(String powerName, double power, String sizeName, double size) {
    boolean hasPower = !Double.isNaN(power);
    boolean hasSize = !Double.isNaN(size);
    if (hasPower == hasSize) {
      throw new IllegalArgumentException(
          "give exactly one of " + powerName + " and " + sizeName + " (the other is solved for)");
    }
    if (hasPower) {
      open01(powerName, power);
    } else {
      positive(sizeName, size);
    }
  }
}
