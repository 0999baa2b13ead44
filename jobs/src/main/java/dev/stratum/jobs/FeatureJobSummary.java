package dev.stratum.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a feature-store build did.
 *
 * @param snapshotId the snapshot now current
 * @param snapshotDir its directory
 * @param reused true when an identical snapshot (same inputs, key and options) already existed and
 *     was made current again instead of being rebuilt
 * @param manifest the snapshot's manifest (counts per source and per table)
 * @param elapsed wall time of the build
 */
public record FeatureJobSummary(
    String snapshotId, Path snapshotDir, boolean reused, Manifest manifest, Duration elapsed) {

  /** Record accounting per raw input. */
  public Map<String, SourceCounts> sources() {
    return manifest.sources();
  }

  /** Rows per written table. */
  public Map<String, Long> tables() {
    return manifest.tables();
  }

  /** Total records read, over all inputs. */
  public long recordsIn() {
    return manifest.sources().values().stream().mapToLong(SourceCounts::in).sum();
  }

  /** Total records quarantined, over all inputs. */
  public long recordsQuarantined() {
    return manifest.sources().values().stream().mapToLong(SourceCounts::quarantined).sum();
  }
}
