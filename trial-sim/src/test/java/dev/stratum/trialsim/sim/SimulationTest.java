package dev.stratum.trialsim.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.strata.StratumSummary;
import dev.stratum.trialsim.gsd.GroupSequentialDesign;
import dev.stratum.trialsim.gsd.GsdSpec;
import dev.stratum.trialsim.gsd.UpperBoundary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simulated operating characteristics against the analytic ones of the group-sequential engine.
 * Tolerances are 4 binomial Monte-Carlo standard errors, 4 sqrt(p (1 - p) / reps) with p the
 * analytic value (STYLE.md 14); the analytic values rest on the normal approximation of the test
 * statistics (Schoenfeld 1983 for the log-rank), whose bias at these sizes is far below that.
 */
class SimulationTest {
  private static final Path SHIPPED =
      Path.of(System.getProperty("stratum.root"), "docs/designs/gs-survival-3look.json");

  private static double mcTolerance(double p, int reps) {
    return 4 * Math.sqrt(p * (1 - p) / reps);
  }

  @Test
  void shippedThreeLookDesignHasAnalyticPowerAboutNinety() {
    TrialDesign d = DesignReader.read(SHIPPED);
    GroupSequentialDesign g = GroupSequentialDesign.of(d.boundaries());
    // Schoenfeld drift at 335 events, 1:1: |log 0.7| sqrt(335/4) = 3.264
    double drift = -Math.log(0.7) * Math.sqrt(335 / 4.0);
    double power = g.power(drift);
    assertEquals(0.90, power, 0.01, "issue 7: analytic power about 0.90");
    assertEquals(power, TrialSimulator.analyticPower(d, g), 1e-12);
  }

  @Test
  void shippedDesignSimulatedPowerAgreesWithAnalytic() {
    TrialDesign d = DesignReader.read(SHIPPED);
    int reps = 4000;
    SimulationResult r = TrialSimulator.run(d, reps, 20261127L, 2);
    double analytic = r.analyticPower();
    assertEquals(analytic, r.rejectProbability(), mcTolerance(analytic, reps));
    GroupSequentialDesign g = GroupSequentialDesign.of(d.boundaries());
    double drift = -Math.log(0.7) * Math.sqrt(335 / 4.0);
    double[] perLook =
        GroupSequentialDesign.crossing(drift, d.boundaries().timing(), g.lower(), g.upper(), 18)[0];
    for (int k = 0; k < 3; k++) {
      SimulationResult.Look look = r.looks().get(k);
      assertEquals(
          perLook[k], look.rejectProbability(), mcTolerance(perLook[k], reps), "look " + (k + 1));
      assertEquals(
          d.lookCounts()[k], look.meanCount(), 1e-9, "event-driven look waits for its events");
    }
    // the first look (112 events) may come before accrual ends at month 24
    assertTrue(
        r.expectedPatients() > 450 && r.expectedPatients() <= 501, "N " + r.expectedPatients());
    assertTrue(
        r.expectedDuration() > 20 && r.expectedDuration() < 40, "duration " + r.expectedDuration());
  }

  @Test
  void typeOneErrorUnderTheNullIsAlpha() {
    TrialDesign d = DesignReader.read(SHIPPED).underNull();
    int reps = 4000;
    SimulationResult r = TrialSimulator.run(d, reps, 7L, 2);
    assertEquals(0.025, r.rejectProbability(), mcTolerance(0.025, reps));
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    TrialDesign d = DesignReader.read(SHIPPED);
    SimulationResult one = TrialSimulator.run(d, 700, 99L, 1);
    SimulationResult three = TrialSimulator.run(d, 700, 99L, 3);
    assertEquals(one.rejectProbability(), three.rejectProbability(), 0);
    assertEquals(one.expectedDuration(), three.expectedDuration(), 0);
    assertArrayEquals(one.durations(), three.durations(), 0);
    SimulationResult other = TrialSimulator.run(d, 700, 100L, 1);
    assertNotEquals(one.expectedDuration(), other.expectedDuration());
  }

  private static TrialDesign continuousTwoLook(double difference) {
    double[] t = {0.5, 1};
    return new TrialDesign(
        "continuous",
        List.of("control", "experimental"),
        new int[] {1, 1},
        200,
        AccrualPlan.uniform(12),
        0,
        new Endpoint.Continuous(10, 2, difference, 1),
        List.of(),
        TrialDesign.LookKind.PATIENTS,
        new int[] {100, 200},
        GsdSpec.efficacy(t, 0.025, 0.2, UpperBoundary.parse("ldpocock")),
        null,
        Double.POSITIVE_INFINITY);
  }

  @Test
  void continuousEndpointAgreesWithAnalytic() {
    TrialDesign d = continuousTwoLook(0.7);
    int reps = 3000;
    SimulationResult r = TrialSimulator.run(d, reps, 3L, 2);
    assertEquals(r.analyticPower(), r.rejectProbability(), mcTolerance(r.analyticPower(), reps));
    assertEquals(100, r.looks().get(0).meanCount(), 0);
  }

  @Test
  void binaryEndpointAgreesWithAnalytic() {
    double[] t = {0.4, 1};
    TrialDesign d =
        new TrialDesign(
            "binary",
            List.of("control", "experimental"),
            new int[] {1, 2},
            300,
            new AccrualPlan(new double[] {6, 12}, new double[] {10, 25}),
            0,
            new Endpoint.Binary(0.3, 0.48, 2),
            List.of(),
            TrialDesign.LookKind.PATIENTS,
            new int[] {120, 300},
            GsdSpec.efficacy(t, 0.025, 0.2, UpperBoundary.parse("ldof")),
            null,
            Double.POSITIVE_INFINITY);
    int reps = 3000;
    SimulationResult r = TrialSimulator.run(d, reps, 5L, 2);
    assertEquals(r.analyticPower(), r.rejectProbability(), mcTolerance(r.analyticPower(), reps));
  }

  @Test
  void dropoutCensorsButEventLooksStillWaitForTheirEvents() {
    TrialDesign base = DesignReader.read(SHIPPED);
    TrialDesign d =
        new TrialDesign(
            "dropout",
            base.armNames(),
            base.allocation(),
            700,
            base.accrual(),
            0.02,
            base.endpoint(),
            List.of(),
            base.looks(),
            base.lookCounts(),
            base.boundaries(),
            null,
            Double.POSITIVE_INFINITY);
    int reps = 2000;
    SimulationResult r = TrialSimulator.run(d, reps, 11L, 2);
    // power depends on events only (Schoenfeld): dropout moves the calendar, not the power
    assertEquals(r.analyticPower(), r.rejectProbability(), mcTolerance(r.analyticPower(), reps));
    assertEquals(335, r.looks().get(2).meanCount(), 1e-9);
  }

  @Test
  void enrichmentKeepsTheStratumThatBenefits() {
    TrialDesign base = DesignReader.read(SHIPPED);
    TrialDesign d =
        new TrialDesign(
                "enrich",
                base.armNames(),
                base.allocation(),
                600,
                base.accrual(),
                0,
                base.endpoint(),
                List.of(),
                base.looks(),
                base.lookCounts(),
                base.boundaries(),
                null,
                Double.POSITIVE_INFINITY)
            .withStrata(
                List.of(new StratumSummary("S1", 0.5, 120), new StratumSummary("S2", 0.5, 118)),
                new double[] {0.55, 1.0});
    d =
        new TrialDesign(
            d.name(),
            d.armNames(),
            d.allocation(),
            d.sampleSize(),
            d.accrual(),
            0,
            d.endpoint(),
            d.strata(),
            d.looks(),
            d.lookCounts(),
            d.boundaries(),
            new Enrichment(1, 0.5),
            Double.POSITIVE_INFINITY);
    SimulationResult r = TrialSimulator.run(d, 1000, 13L, 2);
    assertEquals(2, r.strataSelected().size());
    double s1 = r.strataSelected().get(0).probability();
    double s2 = r.strataSelected().get(1).probability();
    assertTrue(s1 > 0.9, "benefiting stratum kept: " + s1);
    assertTrue(s2 < 0.5, "null stratum usually dropped: " + s2);
    assertTrue(r.enrichedProbability() > 0.4, "enriched in " + r.enrichedProbability());
    assertTrue(Double.isNaN(r.analyticPower()));
  }

  @Test
  void stratumSummariesBecomeDesignStrata() {
    TrialDesign d =
        DesignReader.read(SHIPPED)
            .withStrata(
                List.of(new StratumSummary("A", 0.2, 40), new StratumSummary("B", 0.6, 120)),
                new double[] {0.5, 0.8});
    assertEquals(2, d.strata().size());
    assertEquals(0.25, d.strata().get(0).prevalence(), 1e-15);
    assertEquals(0.8, d.strata().get(1).effect(), 0);
  }

  @Test
  void piecewiseHazardsAndPiecewiseAccrualKeepTheEventDrivenPower() {
    TrialDesign base = DesignReader.read(SHIPPED);
    // hazards falling after month 6, recruitment ramping up: the log-rank power still depends
    // only on the number of events under proportional hazards (Schoenfeld 1983)
    TrialDesign d =
        new TrialDesign(
            "piecewise",
            base.armNames(),
            base.allocation(),
            520,
            new AccrualPlan(new double[] {6, 10}, new double[] {10, 30}),
            0.01,
            new Endpoint.TimeToEvent(new double[] {6}, new double[] {0.08, 0.04}, 0.7),
            List.of(),
            base.looks(),
            base.lookCounts(),
            base.boundaries(),
            null,
            Double.POSITIVE_INFINITY);
    int reps = 2000;
    SimulationResult r = TrialSimulator.run(d, reps, 17L, 2);
    assertEquals(r.analyticPower(), r.rejectProbability(), mcTolerance(r.analyticPower(), reps));
    // 10 patients a month for 6 months, then 30 a month: 520 recruited by month 6 + 460/30
    assertTrue(r.looks().get(2).meanTime() > 6 + 460 / 30.0, "final look after accrual ends");
  }

  @Test
  @org.junit.jupiter.api.Tag("nightly")
  void largeRunAgreesWithAnalyticPower() {
    // 200,000 replicates: MC SE 0.00067, so 4 SE = 0.0027 also bounds the bias of the
    // Schoenfeld approximation for this design
    TrialDesign d = DesignReader.read(SHIPPED);
    int reps = 200_000;
    SimulationResult r =
        TrialSimulator.run(d, reps, 123456789L, Runtime.getRuntime().availableProcessors());
    assertEquals(r.analyticPower(), r.rejectProbability(), mcTolerance(r.analyticPower(), reps));
  }
}
