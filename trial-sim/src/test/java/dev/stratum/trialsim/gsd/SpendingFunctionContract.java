package dev.stratum.trialsim.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SpendingFunction} fulfils (STYLE.md 12): nothing spent at t = 0, all of
 * it at t = 1, non-decreasing in between, and a design built from it spends exactly that cumulative
 * alpha at its looks (the recursive integration reproduces the spending function).
 */
abstract class SpendingFunctionContract {

  abstract SpendingFunction function();

  @Test
  void spendsNothingAtStartAndEverythingAtTheEnd() {
    SpendingFunction f = function();
    assertEquals(0, f.spend(0.025, 0), 0);
    assertEquals(0.025, f.spend(0.025, 1), 1e-15);
    assertEquals(0.1, f.spend(0.1, 1), 1e-15);
  }

  @Test
  void isNonDecreasingAndBounded() {
    SpendingFunction f = function();
    double prev = 0;
    for (int i = 1; i <= 1000; i++) {
      double v = f.spend(0.025, i / 1000.0);
      assertTrue(v >= prev - 1e-15, f.name() + " decreases at t=" + i / 1000.0);
      assertTrue(v <= 0.025 + 1e-15, f.name() + " exceeds alpha at t=" + i / 1000.0);
      prev = v;
    }
  }

  @Test
  void designSpendsExactlyTheFunction() {
    SpendingFunction f = function();
    double[] t = {0.2, 0.45, 0.7, 1};
    GroupSequentialDesign d =
        GroupSequentialDesign.of(GsdSpec.efficacy(t, 0.025, 0.1, new UpperBoundary.Spending(f)));
    double[] cum = d.cumulativeAlpha();
    for (int k = 0; k < t.length; k++) {
      assertEquals(f.spend(0.025, t[k]), cum[k], 1e-9, f.name() + " look " + (k + 1));
    }
    assertEquals(0.9, d.power(d.theta()), 1e-9);
  }

  @Test
  void parsesItsOwnName() {
    SpendingFunction f = function();
    assertEquals(f, SpendingFunction.parse(f.name()));
  }
}

class LanDeMetsOBrienFlemingContractTest extends SpendingFunctionContract {
  @Override
  SpendingFunction function() {
    return new SpendingFunction.LanDeMetsOBrienFleming();
  }
}

class LanDeMetsPocockContractTest extends SpendingFunctionContract {
  @Override
  SpendingFunction function() {
    return new SpendingFunction.LanDeMetsPocock();
  }
}

class HwangShihDeCaniMinus4ContractTest extends SpendingFunctionContract {
  @Override
  SpendingFunction function() {
    return new SpendingFunction.HwangShihDeCani(-4);
  }
}

class HwangShihDeCaniLinearContractTest extends SpendingFunctionContract {
  @Override
  SpendingFunction function() {
    return new SpendingFunction.HwangShihDeCani(0);
  }
}

class HwangShihDeCaniPlus1ContractTest extends SpendingFunctionContract {
  @Override
  SpendingFunction function() {
    return new SpendingFunction.HwangShihDeCani(1);
  }
}

class PowerFamilyContractTest extends SpendingFunctionContract {
  @Override
  SpendingFunction function() {
    return new SpendingFunction.PowerFamily(3);
  }
}
