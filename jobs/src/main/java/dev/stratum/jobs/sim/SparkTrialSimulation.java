package dev.stratum.jobs.sim;

import dev.stratum.jobs.SparkSessions;
import dev.stratum.trialsim.sim.DesignReader;
import dev.stratum.trialsim.sim.DesignWriter;
import dev.stratum.trialsim.sim.ReplicateSlice;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Monte-Carlo replicates of a trial design spread over Spark tasks, for studies too large for one
 * machine. The replicate indices are cut into the simulator's blocks of 256; each task simulates a
 * contiguous range of blocks with exactly the random streams a local run gives them ({@link
 * TrialSimulator#simulateBlocks}: block b's stream is the b-th split of the seed's root stream,
 * replicate j's the j-th split of its block's), and the driver joins the slices in replicate order
 * ({@link TrialSimulator#combine}). So the result equals {@code TrialSimulator.run} for the same
 * seed, whatever the number of executors, partitions or threads.
 *
 * <p>The design travels to the executors as its JSON document ({@link DesignWriter}), the outcomes
 * come back as byte arrays ({@link ReplicateSlice#toBytes()}): nothing of trial-sim needs Java
 * serialization.
 */
public final class SparkTrialSimulation {
  private SparkTrialSimulation() {}

  /**
   * Runs {@code reps} replicates of {@code design} in a new Spark session on {@code master}
   * (local[N], spark://host:port, yarn, k8s://...) and stops the session.
   *
   * @param conf extra Spark settings (e.g. spark.jars to ship the application on a cluster)
   */
  public static SimulationResult run(
      String master, Map<String, String> conf, TrialDesign design, int reps, long seed) {
    Map<String, String> all = new java.util.HashMap<>(conf);
    if (!master.startsWith("local") && !all.containsKey("spark.jars")) {
      String jars = applicationJars();
      if (!jars.isEmpty()) {
        all.put("spark.jars", jars);
      }
    }
    SparkSession spark = session(master, all);
    try {
      return run(spark, design, reps, seed, 0);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs {@code reps} replicates of {@code design} in {@code spark}, in {@code partitions} tasks
   * (0: the context's default parallelism; never more than there are blocks of 256 replicates).
   */
  public static SimulationResult run(
      SparkSession spark, TrialDesign design, int reps, long seed, int partitions) {
    if (reps < 1 || reps > 100_000_000) {
      throw new IllegalArgumentException("reps must be in [1, 100000000], got " + reps);
    }
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int blocks = TrialSimulator.blockCount(reps);
    int parts = partitions == 0 ? jsc.defaultParallelism() : partitions;
    parts = Math.max(1, Math.min(parts, blocks));
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      ids.add(p);
    }
    List<byte[]> bytes =
        jsc.parallelize(ids, parts)
            .map(new SliceTask(DesignWriter.toJson(design), reps, seed, blocks, parts))
            .collect();
    List<ReplicateSlice> slices = new ArrayList<>();
    for (byte[] b : bytes) {
      slices.add(ReplicateSlice.fromBytes(b));
    }
    return TrialSimulator.combine(design, reps, seed, slices);
  }

  /** A Spark session for simulations ({@link SparkSessions}). */
  public static SparkSession session(String master, Map<String, String> conf) {
    return SparkSessions.builder("stratum-simulate", master, conf).getOrCreate();
  }

  /**
   * The jars executors need beyond Spark's own: stratum-jobs, stratum-trial-sim, stratum-core and
   * Hipparchus, found where their classes were loaded from (empty when run from class folders, as
   * in tests, where local mode needs none).
   */
  static String applicationJars() {
    List<String> jars = new ArrayList<>();
    for (Class<?> c :
        new Class<?>[] {
          SparkTrialSimulation.class,
          TrialSimulator.class,
          dev.stratum.core.error.StratumException.class,
          org.hipparchus.special.Erf.class,
          org.hipparchus.stat.descriptive.moment.Mean.class
        }) {
      java.security.CodeSource src = c.getProtectionDomain().getCodeSource();
      if (src != null && src.getLocation() != null) {
        String path = src.getLocation().getPath();
        if (path.endsWith(".jar") && !jars.contains(path)) {
          jars.add(path);
        }
      }
    }
    return String.join(",", jars);
  }

  /** One task: blocks [p * blocks / parts, (p + 1) * blocks / parts) of the run. */
  private static final class SliceTask implements Function<Integer, byte[]> {
    private static final long serialVersionUID = 1L;
    private final String designJson;
    private final int reps;
    private final long seed;
    private final int blocks;
    private final int parts;

    SliceTask(String designJson, int reps, long seed, int blocks, int parts) {
      this.designJson = designJson;
      this.reps = reps;
      this.seed = seed;
      this.blocks = blocks;
      this.parts = parts;
    }

    @Override
    public byte[] call(Integer p) {
      TrialDesign design = DesignReader.parse("design", designJson);
      int from = (int) ((long) p * blocks / parts);
      int to = (int) ((long) (p + 1) * blocks / parts);
      return TrialSimulator.simulateBlocks(design, reps, seed, from, to).toBytes();
    }
  }
}
