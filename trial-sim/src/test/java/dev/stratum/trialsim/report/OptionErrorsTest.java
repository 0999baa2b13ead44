package dev.stratum.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionErrorsTest {
  private static String message(OptionErrors f, String text) {
    return f.userError(new IllegalArgumentException(text)).getMessage();
  }

  @Test
  void namesTheOptionOfTheFirstMatchingPrefix() {
    assertTrue(message(OptionErrors.MEANS, "sd must be > 0, got -1").contains("--sd"));
    assertTrue(message(OptionErrors.PROPORTIONS, "p1 and p2 must differ").contains("--p2"));
    assertTrue(message(OptionErrors.SURVIVAL, "hazard ratio must be > 0").contains("--hr"));
    assertTrue(message(OptionErrors.GSD, "timing must increase").contains("--timing"));
  }

  @Test
  void sampleSizeFamiliesShareTheCommonOptions() {
    for (OptionErrors f :
        new OptionErrors[] {OptionErrors.MEANS, OptionErrors.PROPORTIONS, OptionErrors.SURVIVAL}) {
      assertTrue(message(f, "alpha must be in (0, 1), got 2").contains("--alpha"), f.name());
      assertTrue(message(f, "something unexpected").contains("--power"), f.name());
    }
  }

  @Test
  void gsdFallsBackToUpper() {
    assertTrue(message(OptionErrors.GSD, "something unexpected").contains("--upper"));
  }
}
