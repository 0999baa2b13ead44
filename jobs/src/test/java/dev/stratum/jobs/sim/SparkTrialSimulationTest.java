package dev.stratum.jobs.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratum.trialsim.sim.DesignReader;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replicates spread over Spark tasks in local[2] give exactly the local run of the same seed: each
 * replicate keeps its own split random stream wherever it runs.
 */
class SparkTrialSimulationTest {
  private static final Path DESIGNS = Path.of(System.getProperty("stratum.root"), "docs/designs");
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTrialSimulation.session("local[2]", Map.of("spark.default.parallelism", "2"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static void assertSame(SimulationResult local, SimulationResult spread) {
    assertEquals(local.rejectProbability(), spread.rejectProbability(), 0);
    assertEquals(local.familywiseError(), spread.familywiseError(), 0);
    assertEquals(local.looks(), spread.looks());
    assertEquals(local.expectedPatients(), spread.expectedPatients(), 0);
    assertEquals(local.expectedEvents(), spread.expectedEvents(), 0);
    assertEquals(local.expectedDuration(), spread.expectedDuration(), 0);
    assertEquals(local.strataSelected(), spread.strataSelected());
    assertEquals(local.populationsRejected(), spread.populationsRejected());
    assertArrayEquals(local.durations(), spread.durations(), 0);
  }

  @Test
  void threeLookDesignEqualsTheLocalRun() {
    TrialDesign d = DesignReader.read(DESIGNS.resolve("gs-survival-3look.json"));
    // 600 replicates = 3 blocks (the last partial) over 2 and 3 partitions
    SimulationResult local = TrialSimulator.run(d, 600, 2026L, 2);
    assertSame(local, SparkTrialSimulation.run(spark, d, 600, 2026L, 2));
    assertSame(local, SparkTrialSimulation.run(spark, d, 600, 2026L, 3));
  }

  @Test
  void enrichmentDesignUnderTheNullEqualsTheLocalRun() {
    TrialDesign d = DesignReader.read(DESIGNS.resolve("enrichment-2strata.json")).underNull();
    SimulationResult local = TrialSimulator.run(d, 300, 5L, 1);
    assertSame(local, SparkTrialSimulation.run(spark, d, 300, 5L, 0));
  }
}
