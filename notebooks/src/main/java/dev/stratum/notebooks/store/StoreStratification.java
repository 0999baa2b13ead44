package dev.stratum.notebooks.store;

import dev.stratum.core.strata.StratumAssignment;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.jobs.FeatureStore;
import dev.stratum.jobs.StrataWriteBack;
import dev.stratum.stratification.FeatureMatrix;
import dev.stratum.stratification.StratificationResult;
import dev.stratum.stratification.StudyContext;
import dev.stratum.stratification.stats.SurvivalData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stratifying a feature-store snapshot, shared by {@code stratum stratify --store} (cli) and the
 * notebooks' {@code stratify --store}, so that both read the same patients (the chosen families as
 * layers, research consent or an approved protocol; {@link SnapshotFeatureSource}) and write the
 * same {@code strata} family back ({@link StrataWriteBack}).
 */
public final class StoreStratification {
  private StoreStratification() {}

  /**
   * What a snapshot gives the stratifier.
   *
   * @param snapshot the snapshot read (the parent of a write-back)
   * @param matrix the layers of the included patients
   * @param followUp follow-up from the snapshot's observation periods and deaths (may be empty)
   * @param context source, families, consent rule and demographics, for the report and model
   */
  public record Input(
      FeatureSnapshot snapshot,
      FeatureMatrix matrix,
      Map<String, SurvivalData.Observation> followUp,
      StudyContext context) {}

  /**
   * Reads snapshot {@code snapshotId} (null = the current one) of {@code store}: families {@code
   * families} (empty = omics), patients with research consent, or everyone when {@code
   * approvedProtocol} is not null.
   */
  public static Input read(
      Path store, String snapshotId, List<String> families, String approvedProtocol) {
    return read(store, snapshotId, families, approvedProtocol, java.util.Set.of());
  }

  /**
   * As {@link #read(Path, String, List, String)}, leaving out the patients revoked since the
   * snapshot ({@code revoked}: the revocation list as pseudonyms) unless an approved protocol
   * covers them.
   */
  public static Input read(
      Path store,
      String snapshotId,
      List<String> families,
      String approvedProtocol,
      java.util.Set<String> revoked) {
    FeatureStore fs = FeatureStore.open(store);
    FeatureSnapshot snap = snapshotId == null ? fs.current() : fs.snapshot(snapshotId);
    SnapshotFeatureSource src =
        new SnapshotFeatureSource(
            snap,
            families,
            approvedProtocol,
            approvedProtocol == null ? revoked : java.util.Set.of());
    return new Input(snap, src.read(), src.followUp(), src.context());
  }

  /**
   * Publishes the assignments of {@code r} (stratified from {@code parent}) as a new snapshot of
   * {@code store} with the {@code strata} family, and makes it current. Strata are numbered 1..k as
   * in assignments.csv; the manifest records method, k, seed, the model file and its SHA-256, the
   * families and the approved protocol, if any.
   */
  public static StrataWriteBack.Result writeBack(
      Path store, FeatureSnapshot parent, StratificationResult r, Path modelFile) {
    List<StrataWriteBack.Row> rows = new ArrayList<>();
    for (StratumAssignment a : r.assignments()) {
      rows.add(new StrataWriteBack.Row(a.personId(), a.stratum() + 1, a.confidence()));
    }
    StudyContext context = r.context().orElseThrow();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("method", r.model().method());
    details.put("k", Integer.toString(r.k()));
    details.put("seed", Long.toUnsignedString(r.options().seed()));
    details.put("model_file", modelFile.toAbsolutePath().toString());
    details.put("model_sha256", StrataWriteBack.sha256(modelFile));
    details.put("families", String.join(",", context.families()));
    if (context.approvedProtocol() != null) {
      details.put("approved_protocol", context.approvedProtocol());
    }
    return StrataWriteBack.write(store, parent.id(), r.model().name(), details, rows);
  }
}
