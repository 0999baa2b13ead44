package dev.stratum.matching;

import dev.stratum.core.error.SchemaMismatchException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an index says about itself (Lucene commit user data): format and version, the snapshot it
 * was built from, that snapshot's as-of day, the last day any indexed record is dated, and the
 * number of patients.
 *
 * @param snapshotId the feature-store snapshot id
 * @param asOf the snapshot's point-in-time day, null when it used every event
 * @param dataThrough the latest date of any indexed record, null when none is dated
 * @param patients indexed patients (all with research consent)
 * @param withoutConsent patients of the snapshot left out for lack of research consent
 * @param producer who wrote the index
 */
public record IndexInfo(
    String snapshotId,
    LocalDate asOf,
    LocalDate dataThrough,
    long patients,
    long withoutConsent,
    String producer) {
  public static final String FORMAT = "stratum-patient-index";
  public static final int VERSION = 1;

  Map<String, String> toUserData() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("version", Integer.toString(VERSION));
    m.put("snapshot", snapshotId);
    m.put("as_of", asOf == null ? "" : asOf.toString());
    m.put("data_through", dataThrough == null ? "" : dataThrough.toString());
    m.put("patients", Long.toString(patients));
    m.put("without_consent", Long.toString(withoutConsent));
    m.put("producer", producer);
    return m;
  }

  static IndexInfo fromUserData(String where, Map<String, String> m) {
    if (!FORMAT.equals(m.get("format"))) {
      throw new SchemaMismatchException(where, String.valueOf(m.get("format")), FORMAT);
    }
    if (!Integer.toString(VERSION).equals(m.get("version"))) {
      throw new SchemaMismatchException(
          where, FORMAT + " v" + m.get("version"), FORMAT + " v" + VERSION);
    }
    return new IndexInfo(
        m.get("snapshot"),
        date(m.get("as_of")),
        date(m.get("data_through")),
        Long.parseLong(m.getOrDefault("patients", "0")),
        Long.parseLong(m.getOrDefault("without_consent", "0")),
        m.getOrDefault("producer", ""));
  }

  private static LocalDate date(String s) {
    return s == null || s.isEmpty() ? null : LocalDate.parse(s);
  }
}
