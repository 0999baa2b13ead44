package dev.stratum.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature job on a real Spark standalone cluster: a master and two workers started on 127.0.0.1
 * from the Spark jars on the test class path (recipe in STACK-NOTES.md), the Stratum classes
 * shipped to the executors with {@code spark.jars}. The snapshot must equal the local-mode one
 * table by table (as multisets of rows), with the same id and accounting.
 */
class StandaloneClusterIT {
  @TempDir Path tmp;
  private final List<Process> daemons = new ArrayList<>();

  @AfterEach
  void stopCluster() throws InterruptedException {
    // workers first, then the master; SIGTERM by handle, then their executors
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      p.waitFor();
      children.forEach(ProcessHandle::destroy);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Process start(Path sparkHome, String cp, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    cmd.add("-Xmx512m");
    cmd.add("-Dspark.master.rest.enabled=false");
    cmd.add("-cp");
    cmd.add(cp);
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    daemons.add(p);
    return p;
  }

  private static void await(Path log, String text, int times, Duration limit)
      throws IOException, InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      if (Files.exists(log)) {
        String s = Files.readString(log, StandardCharsets.UTF_8);
        if (s.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "timed out waiting for '" + text + "' in " + log + ":\n" + Files.readString(log));
  }

  @Test
  void clusterSnapshotEqualsLocalSnapshot() throws Exception {
    Path raw = RawFixture.create(tmp.resolve("raw"));
    Pseudonymizer key = Pseudonymizer.ofHex("a5".repeat(32));

    // 1. local mode
    FeatureJobSummary local =
        FeatureJob.run(
            FeatureJobOptions.of(raw, tmp.resolve("store-local"), key)
                .withMaster("local[2]")
                .withSparkConf(Map.of("spark.sql.shuffle.partitions", "2")));

    // 2. a standalone cluster: SPARK_HOME/jars holds the third-party jars (as a Spark
    // distribution would); Stratum's own jars travel with spark.jars.
    Path sparkHome = tmp.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("jars"));
    List<String> daemonCp = new ArrayList<>();
    List<String> appJars = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      String name = p.getFileName().toString();
      if (!name.endsWith(".jar")) {
        continue;
      }
      if (name.startsWith("stratum-")) {
        appJars.add(p.toAbsolutePath().toUri().toString());
      } else if (!Files.exists(sparkHome.resolve("jars").resolve(name))) {
        Files.createSymbolicLink(sparkHome.resolve("jars").resolve(name), p.toAbsolutePath());
        daemonCp.add(p.toAbsolutePath().toString());
      }
    }
    // The application's own jars (jobs, and the stratum modules it depends on: core, trial-sim)
    // are shipped to the executors; the daemons run on the third-party jars only.
    assertTrue(
        appJars.stream().anyMatch(j -> j.contains("/stratum-jobs-"))
            && appJars.stream().anyMatch(j -> j.contains("/stratum-core-")),
        "stratum-jobs and stratum-core jars are shipped: " + appJars);
    String cp = String.join(File.pathSeparator, daemonCp);
    int port = freePort();
    String url = "spark://127.0.0.1:" + port;
    Path masterLog = tmp.resolve("master.log");
    start(
        sparkHome,
        cp,
        masterLog,
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--webui-port",
        "0");
    await(masterLog, "I have been elected leader", 1, Duration.ofSeconds(90));
    for (int w = 0; w < 2; w++) {
      Path work = Files.createDirectories(tmp.resolve("worker-" + w));
      start(
          sparkHome,
          cp,
          tmp.resolve("worker-" + w + ".log"),
          "org.apache.spark.deploy.worker.Worker",
          url,
          "--host",
          "127.0.0.1",
          "--port",
          "0",
          "--webui-port",
          "0",
          "--cores",
          "1",
          "--memory",
          "1g",
          "--work-dir",
          work.toString());
    }
    await(masterLog, "Registering worker", 2, Duration.ofSeconds(90));

    FeatureJobSummary cluster =
        FeatureJob.run(
            FeatureJobOptions.of(raw, tmp.resolve("store-cluster"), key)
                .withMaster(url)
                .withSparkConf(
                    Map.of(
                        "spark.jars", String.join(",", appJars),
                        "spark.driver.host", "127.0.0.1",
                        "spark.driver.bindAddress", "127.0.0.1",
                        "spark.executor.memory", "512m",
                        "spark.cores.max", "2",
                        "spark.scheduler.minRegisteredResourcesRatio", "1.0",
                        "spark.scheduler.maxRegisteredResourcesWaitingTime", "60s",
                        "spark.sql.shuffle.partitions", "2")));
    assertTrue(
        Files.readString(masterLog).contains("Registered app stratum-features"),
        "the job ran on the cluster");

    // 3. same id, same accounting, same rows
    assertEquals(local.snapshotId(), cluster.snapshotId());
    assertEquals(local.sources(), cluster.sources());
    assertEquals(local.tables(), cluster.tables());
    SparkSession spark = FeatureJob.session("local[2]", Map.of());
    try {
      FeatureSnapshot a = FeatureStore.open(tmp.resolve("store-local")).current();
      FeatureSnapshot b = FeatureStore.open(tmp.resolve("store-cluster")).current();
      assertEquals(a.tables(), b.tables());
      for (String t : a.tables()) {
        Dataset<Row> x = a.table(spark, t);
        Dataset<Row> y = b.table(spark, t);
        assertEquals(List.of(x.columns()), List.of(y.columns()), t);
        assertEquals(0, x.exceptAll(y).count(), t + ": rows only in the local snapshot");
        assertEquals(0, y.exceptAll(x).count(), t + ": rows only in the cluster snapshot");
      }
    } finally {
      spark.stop();
    }
  }
}
