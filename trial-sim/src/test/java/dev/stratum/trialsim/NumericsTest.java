package dev.stratum.trialsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Distribution functions against R 4.2.2 (qnorm, pnorm, pt with and without ncp). */
class NumericsTest {

  private static void rel(double expected, double actual, double tol) {
    assertEquals(expected, actual, tol * Math.abs(expected));
  }

  @Test
  void normalQuantilesMatchR() {
    rel(1.9599639845400536, Normal.quantile(0.975), 1e-14); // qnorm(0.975)
    rel(-6.3613409024040557, Normal.quantile(1e-10), 1e-13); // qnorm(1e-10)
    rel(-0.52440051270804067, Normal.quantile(0.3), 1e-14); // qnorm(0.3)
    rel(1.9599639845400536, Normal.upperQuantile(0.025), 1e-14);
    rel(6.2209605742717849e-16, Normal.cdf(-8), 1e-12); // pnorm(-8)
    rel(6.2209605742717849e-16, Normal.sf(8), 1e-12);
  }

  @Test
  void noncentralTMatchesR() {
    rel(0.65915407244202628, NoncentralT.cdf(2, 10, 1.5), 1e-10); // pt(2, 10, 1.5)
    rel(0.082444091056970814, NoncentralT.cdf(-1, 5, 0.5), 1e-10); // pt(-1, 5, 0.5)
    rel(0.34084592755797372, NoncentralT.sf(2, 10, 1.5), 1e-10); // pt(2,10,1.5,lower=FALSE)
    rel(0.91842048029451195, NoncentralT.cdf(30, 40, 25), 1e-9); // pt(30, 40, 25)
    rel(0.90615467922329507, NoncentralT.cdf(1.7, 3, 0), 1e-12); // pt(1.7, 3)
  }

  @Test
  void rejectsProbabilitiesOutsideTheUnitInterval() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Normal.quantile(1.5));
    assertEquals("probability must be in [0, 1], got 1.5", e.getMessage());
  }
}
