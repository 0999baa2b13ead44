package dev.stratum.trialsim.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.strata.StratumSummary;
import dev.stratum.trialsim.gsd.GsdSpec;
import dev.stratum.trialsim.gsd.UpperBoundary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Familywise type I error of adaptive enrichment designs tested by the closed inverse-normal
 * combination test. The claim checked is FWER &lt;= alpha within Monte-Carlo error: the estimate
 * must not exceed alpha + 4 sqrt(alpha (1 - alpha) / reps) (STYLE.md 14), under the global null and
 * under partial nulls (effect in one stratum only).
 */
class EnrichmentFwerTest {
  private static final Path ENRICHMENT =
      Path.of(System.getProperty("stratum.root"), "docs/designs/enrichment-2strata.json");
  private static final double ALPHA = 0.025;

  private static double bound(int reps) {
    return ALPHA + 4 * Math.sqrt(ALPHA * (1 - ALPHA) / reps);
  }

  private static TrialDesign shipped() {
    return DesignReader.read(ENRICHMENT);
  }

  /** The shipped design with these per-stratum hazard ratios (biomarker+ 40%, biomarker- 60%). */
  private static TrialDesign withHazardRatios(double positive, double negative) {
    return shipped()
        .withStrata(
            List.of(
                new StratumSummary("biomarker+", 0.4, 240),
                new StratumSummary("biomarker-", 0.6, 360)),
            new double[] {positive, negative});
  }

  @Test
  void shippedDesignUsesTheClosedTest() {
    Enrichment e = shipped().enrichment();
    assertEquals(Enrichment.Test.CLOSED_INVERSE_NORMAL, e.test());
    assertEquals(Enrichment.Intersection.SIMES, e.intersection());
  }

  @Test
  void globalNullFamilywiseErrorIsControlled() {
    int reps = 20_000;
    SimulationResult r = TrialSimulator.run(shipped().underNull(), reps, 7L, 2);
    // under the global null every rejection is an error
    assertEquals(r.rejectProbability(), r.familywiseError(), 0);
    assertTrue(
        r.familywiseError() <= bound(reps),
        "FWER " + r.familywiseError() + " > " + bound(reps) + " (seed 7)");
  }

  @Test
  void globalNullWithBonferroniIntersectionsIsControlled() {
    int reps = 10_000;
    TrialDesign d =
        shipped()
            .withEnrichment(
                new Enrichment(
                    1,
                    0.5,
                    Enrichment.Test.CLOSED_INVERSE_NORMAL,
                    Enrichment.Intersection.BONFERRONI))
            .underNull();
    SimulationResult r = TrialSimulator.run(d, reps, 8L, 2);
    assertTrue(r.familywiseError() <= bound(reps), "FWER " + r.familywiseError() + " (seed 8)");
  }

  /**
   * The same check fails for the unadjusted rule (the design's boundaries on the selected
   * population): the familywise error it documents, about 0.032 (docs/trial-design.md), is above
   * the bound, so the check above can fail. Nightly: 20,000 more replicates.
   */
  @Test
  @org.junit.jupiter.api.Tag("nightly")
  void unadjustedSelectionInflatesTheError() {
    int reps = 20_000;
    TrialDesign d =
        shipped()
            .withEnrichment(
                new Enrichment(1, 0.5, Enrichment.Test.UNADJUSTED, Enrichment.Intersection.SIMES))
            .underNull();
    SimulationResult r = TrialSimulator.run(d, reps, 7L, 2);
    assertTrue(r.familywiseError() > bound(reps), "FWER " + r.familywiseError() + " (seed 7)");
  }

  @Test
  void partialNullEffectOnlyInTheBiomarkerPositiveStratum() {
    int reps = 6_000;
    SimulationResult r = TrialSimulator.run(withHazardRatios(0.55, 1.0), reps, 9L, 2);
    assertTrue(r.familywiseError() <= bound(reps), "FWER " + r.familywiseError() + " (seed 9)");
    // the only true hypothesis is that of biomarker- alone
    for (SimulationResult.PopulationRejection p : r.populationsRejected()) {
      assertEquals(p.population().equals("biomarker-"), p.trueNull(), p.population());
    }
    // and the design still finds the effect most of the time (0.86 with 4,000 replicates, seed 7)
    assertTrue(r.rejectProbability() > 0.8, "power " + r.rejectProbability());
  }

  @Test
  void partialNullEffectOnlyInTheBiomarkerNegativeStratum() {
    int reps = 6_000;
    SimulationResult r = TrialSimulator.run(withHazardRatios(1.0, 0.7), reps, 10L, 2);
    assertTrue(r.familywiseError() <= bound(reps), "FWER " + r.familywiseError() + " (seed 10)");
    for (SimulationResult.PopulationRejection p : r.populationsRejected()) {
      assertEquals(p.population().equals("biomarker+"), p.trueNull(), p.population());
    }
  }

  private static TrialDesign continuousThreeStrata(double[] differences) {
    TrialDesign d =
        new TrialDesign(
            "continuous-enrichment",
            List.of("control", "experimental"),
            new int[] {1, 1},
            300,
            AccrualPlan.uniform(12),
            0,
            new Endpoint.Continuous(10, 2, 0, 1),
            List.of(),
            TrialDesign.LookKind.PATIENTS,
            new int[] {120, 300},
            GsdSpec.efficacy(new double[] {0.4, 1}, ALPHA, 0.2, UpperBoundary.parse("ldof")),
            null,
            Double.POSITIVE_INFINITY);
    return d.withStrata(
            List.of(
                new StratumSummary("A", 0.3, 90),
                new StratumSummary("B", 0.3, 90),
                new StratumSummary("C", 0.4, 120)),
            differences)
        .withEnrichment(new Enrichment(1, 0.3));
  }

  @Test
  void continuousEndpointWithThreeStrataControlsTheErrorUnderGlobalAndPartialNulls() {
    int reps = 10_000;
    SimulationResult global =
        TrialSimulator.run(continuousThreeStrata(new double[] {0, 0, 0}), reps, 11L, 2);
    assertTrue(global.familywiseError() <= bound(reps), "global " + global.familywiseError());
    SimulationResult partial =
        TrialSimulator.run(continuousThreeStrata(new double[] {1.0, 0, 0}), reps, 12L, 2);
    assertTrue(partial.familywiseError() <= bound(reps), "partial " + partial.familywiseError());
    // a level-alpha test that rejects more often under an alternative than under the null
    assertTrue(partial.rejectProbability() > bound(reps), "power " + partial.rejectProbability());
  }

  @Test
  void closedResultsDoNotDependOnTheThreadCount() {
    TrialDesign d = shipped();
    SimulationResult one = TrialSimulator.run(d, 600, 5L, 1);
    SimulationResult two = TrialSimulator.run(d, 600, 5L, 2);
    assertEquals(one.rejectProbability(), two.rejectProbability(), 0);
    assertEquals(one.populationsRejected(), two.populationsRejected());
    assertArrayEquals(one.durations(), two.durations(), 0);
  }

  @Test
  void slicesJoinedInAnyOrderGiveTheLocalRun() {
    // 700 replicates: blocks [0, 1), [1, 3) (the last one partial), carried as bytes
    TrialDesign d = shipped();
    SimulationResult local = TrialSimulator.run(d, 700, 21L, 2);
    assertEquals(3, TrialSimulator.blockCount(700));
    ReplicateSlice a = TrialSimulator.simulateBlocks(d, 700, 21L, 1, 3);
    ReplicateSlice b = TrialSimulator.simulateBlocks(d, 700, 21L, 0, 1);
    SimulationResult joined =
        TrialSimulator.combine(
            d,
            700,
            21L,
            List.of(ReplicateSlice.fromBytes(a.toBytes()), ReplicateSlice.fromBytes(b.toBytes())));
    assertEquals(local.rejectProbability(), joined.rejectProbability(), 0);
    assertEquals(local.familywiseError(), joined.familywiseError(), 0);
    assertEquals(local.expectedEvents(), joined.expectedEvents(), 0);
    assertEquals(local.looks(), joined.looks());
    assertEquals(local.strataSelected(), joined.strataSelected());
    assertArrayEquals(local.durations(), joined.durations(), 0);
    assertThrows(
        IllegalArgumentException.class, () -> TrialSimulator.combine(d, 700, 21L, List.of(a)));
  }

  @Test
  void bindingFutilityIsRefusedWithTheClosedTest() {
    TrialDesign d = shipped();
    GsdSpec b = d.boundaries();
    GsdSpec binding =
        new GsdSpec(
            b.timing(),
            b.alpha(),
            0.1,
            1,
            b.upper(),
            dev.stratum.trialsim.gsd.SpendingFunction.parse("ldof"),
            true,
            b.gridSize());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TrialDesign(
                    d.name(),
                    d.armNames(),
                    d.allocation(),
                    d.sampleSize(),
                    d.accrual(),
                    d.dropoutHazard(),
                    d.endpoint(),
                    d.strata(),
                    d.looks(),
                    d.lookCounts(),
                    binding,
                    d.enrichment(),
                    d.maxDuration()));
    assertTrue(e.getMessage().contains("non-binding"), e.getMessage());
  }
}
