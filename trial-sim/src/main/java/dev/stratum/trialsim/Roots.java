package dev.stratum.trialsim;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathIllegalArgumentException;

/** Root finding for monotone equations in sample size and boundary searches. */
public final class Roots {
  private Roots() {}

  /**
   * The root of {@code f} in [lo, hi], expanding {@code hi} geometrically (as R's uniroot with
   * extendInt = "upX") while f has the same sign at both ends, to absolute accuracy {@code tol}.
   */
  public static double solve(DoubleUnaryOperator f, double lo, double hi, double tol) {
    double flo = f.applyAsDouble(lo);
    double fhi = f.applyAsDouble(hi);
    int expand = 0;
    while (flo * fhi > 0 && expand < 60) {
      hi = lo + (hi - lo) * 2;
      fhi = f.applyAsDouble(hi);
      expand++;
    }
    if (flo == 0) {
      return lo;
    }
    if (fhi == 0) {
      return hi;
    }
    if (flo * fhi > 0) {
      throw new IllegalArgumentException(
          "no solution in [" + lo + ", " + hi + "]: the target cannot be reached");
    }
    BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-15, tol, 1e-300, 5);
    try {
      return solver.solve(10_000, f::applyAsDouble, lo, hi);
    } catch (MathIllegalArgumentException e) {
      throw new IllegalArgumentException("root search failed: " + e.getMessage(), e);
    }
  }

  /**
   * The root of a monotone {@code f} in [lo, hi], or the end of the interval nearer to where the
   * root would lie when f has the same sign at both ends (no expansion).
   */
  public static double solveClamped(DoubleUnaryOperator f, double lo, double hi, double tol) {
    double flo = f.applyAsDouble(lo);
    double fhi = f.applyAsDouble(hi);
    if (flo == 0) {
      return lo;
    }
    if (fhi == 0) {
      return hi;
    }
    if (flo * fhi > 0) {
      return Math.abs(flo) < Math.abs(fhi) ? lo : hi;
    }
    BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-15, tol, 1e-300, 5);
    return solver.solve(10_000, f::applyAsDouble, lo, hi);
  }
}
