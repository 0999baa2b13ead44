package dev.stratum.jobs;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one way Stratum's Spark jobs start a session: the given master, UI off, UTC session time
 * zone. In local mode the driver binds to 127.0.0.1 (else Spark binds to the public interface); on
 * a cluster the executors must reach the driver, so its address is left to Spark ({@code
 * SPARK_LOCAL_IP}, {@code spark.driver.host}) unless {@code conf} sets it.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A builder for an application; {@code conf} entries are applied last, so they override the
   * defaults.
   *
   * @param app the application name shown by the cluster manager
   * @param master local[*], spark://host:port, yarn, k8s://...
   * @param conf extra Spark settings (may be empty)
   */
  public static SparkSession.Builder builder(String app, String master, Map<String, String> conf) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName(app)
            .master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC");
    if (master.startsWith("local")) {
      b =
          b.config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1");
    }
    for (Map.Entry<String, String> e : conf.entrySet()) {
      b = b.config(e.getKey(), e.getValue());
    }
    return b;
  }
}
