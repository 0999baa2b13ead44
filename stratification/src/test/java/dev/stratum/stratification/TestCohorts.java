package dev.stratum.stratification;

import dev.stratum.stratification.stats.SurvivalData;
import java.util.Map;

/** Public access to the simulator for tests in sub-packages. */
public final class TestCohorts {
  private TestCohorts() {}

  /** A 4-stratum cohort (40/30/20/10%), effect 1.2 SD. */
  public static Simulated small(int n, long seed) {
    return new Simulated(new CohortSimulator(n, new double[] {0.4, 0.3, 0.2, 0.1}, 1.2, seed));
  }

  public static Map<String, SurvivalData.Observation> survival(Simulated s) {
    return s.sim.survival;
  }

  /** Wrapper so sub-packages need not see the package-private simulator. */
  public record Simulated(CohortSimulator sim) {
    public FeatureMatrix matrix() {
      return sim.matrix();
    }
  }
}
