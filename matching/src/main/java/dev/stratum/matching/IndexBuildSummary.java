package dev.stratum.matching;

/**
 * What a build or incremental rebuild did.
 *
 * @param info the index's metadata after the build
 * @param skipped true when the index already held this snapshot (nothing was read or written)
 * @param added patients new to the index
 * @param updated patients whose record changed
 * @param unchanged patients whose record is identical (not rewritten)
 * @param removed patients removed (gone from the snapshot or consent withdrawn)
 * @param withoutConsent patients of the snapshot not indexed for lack of research consent
 * @param elapsedMillis wall time
 * @param sizeBytes index size on disk after the build
 */
public record IndexBuildSummary(
    IndexInfo info,
    boolean skipped,
    long added,
    long updated,
    long unchanged,
    long removed,
    long withoutConsent,
    long elapsedMillis,
    long sizeBytes) {}
