package dev.stratum.trialsim.gsd;

import java.util.Locale;
import java.util.Objects;

/** How the efficacy (upper) boundary is built: by error spending or as a classical shape. */
public sealed interface UpperBoundary permits UpperBoundary.Spending, UpperBoundary.Classical {

  /** CLI spelling: ldof, ldpocock, hsd:GAMMA, power:RHO, of, pocock. */
  String name();

  /** Parses {@code ldof|ldpocock|hsd:GAMMA|power:RHO|of|pocock}. */
  static UpperBoundary parse(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    if (v.equals("of")) {
      return new Classical(Shape.OBRIEN_FLEMING);
    }
    if (v.equals("pocock")) {
      return new Classical(Shape.POCOCK);
    }
    return new Spending(SpendingFunction.parse(v));
  }

  /** Boundaries that spend alpha by a spending function (Lan &amp; DeMets 1983). */
  record Spending(SpendingFunction function) implements UpperBoundary {
    public Spending {
      Objects.requireNonNull(function, "function");
    }

    @Override
    public String name() {
      return function.name();
    }
  }

  /**
   * Classical boundaries b_k = C c_k with c_k = 1/sqrt(t_k) (O'Brien &amp; Fleming 1979) or c_k = 1
   * (Pocock 1977), C chosen so that the total type I error is alpha.
   */
  record Classical(Shape shape) implements UpperBoundary {
    public Classical {
      Objects.requireNonNull(shape, "shape");
    }

    @Override
    public String name() {
      return shape == Shape.OBRIEN_FLEMING ? "of" : "pocock";
    }
  }

  /** Classical boundary shapes. */
  enum Shape {
    OBRIEN_FLEMING,
    POCOCK
  }
}
