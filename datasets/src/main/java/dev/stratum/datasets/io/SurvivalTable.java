package dev.stratum.datasets.io;

import dev.stratum.core.clinical.ClinicalEvent;
import dev.stratum.core.clinical.Death;
import dev.stratum.core.clinical.ObservationPeriod;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Overall survival derived from OMOP tables, the right-censored data that Kaplan-Meier curves,
 * log-rank tests and Cox models by stratum need.
 *
 * <p>Time origin: the start date of the patient's primary cancer diagnosis (a condition_occurrence
 * with {@code condition_status_source_value = primary}); where none is marked, the earliest
 * condition in ICD-10-CM chapter II (C00-D49, neoplasms). Event: a death record. Censoring: the end
 * of the last observation period (loss to follow-up or the data cut). Patients without an origin
 * are left out, and so are records that end before their origin, which cannot be analysed; {@link
 * Result#excluded()} counts them so every person is accounted for.
 */
public final class SurvivalTable {

  /**
   * One patient's follow-up.
   *
   * @param personId the patient
   * @param origin diagnosis date (time zero)
   * @param timeDays days from origin to death or censoring
   * @param event true for death, false for censoring
   */
  public record Row(String personId, LocalDate origin, long timeDays, boolean event) {
    public Row {
      Objects.requireNonNull(personId, "personId");
      if (timeDays < 0) {
        throw new IllegalArgumentException("timeDays must be >= 0, got " + timeDays);
      }
    }
  }

  /**
   * The table and the persons left out.
   *
   * @param rows one row per analysable patient, ordered by person id as read
   * @param persons persons in the person table
   * @param excluded persons without a diagnosis origin or with follow-up ending before it
   */
  public record Result(List<Row> rows, long persons, long excluded) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  private SurvivalTable() {}

  /** Derives overall survival for every person of a raw-data directory (strict reading). */
  public static Result fromOmop(RawDataset raw, ReadPolicy policy) {
    Map<String, LocalDate> primary = new TreeMap<>();
    Map<String, LocalDate> neoplasm = new TreeMap<>();
    try (Stream<ClinicalEvent> s = raw.conditions(policy)) {
      s.forEach(
          e -> {
            if ("primary".equalsIgnoreCase(e.valueText())) {
              primary.merge(e.personId(), e.start(), SurvivalTable::min);
            } else if (isNeoplasm(e.code().code())) {
              neoplasm.merge(e.personId(), e.start(), SurvivalTable::min);
            }
          });
    }
    Map<String, LocalDate> deaths = new TreeMap<>();
    try (Stream<Death> s = raw.deaths(policy)) {
      s.forEach(d -> deaths.merge(d.personId(), d.date(), SurvivalTable::min));
    }
    Map<String, LocalDate> lastSeen = new TreeMap<>();
    try (Stream<ObservationPeriod> s = raw.observationPeriods(policy)) {
      s.forEach(
          o -> {
            if (o.end() != null) {
              lastSeen.merge(o.personId(), o.end(), SurvivalTable::max);
            }
          });
    }
    List<Row> rows = new ArrayList<>();
    long[] persons = {0};
    try (Stream<dev.stratum.core.model.Person> s = raw.persons(policy)) {
      s.forEach(
          p -> {
            persons[0]++;
            String id = p.personId();
            LocalDate origin = primary.getOrDefault(id, neoplasm.get(id));
            if (origin == null) {
              return;
            }
            LocalDate death = deaths.get(id);
            LocalDate end = death != null ? death : lastSeen.get(id);
            if (end == null || end.isBefore(origin)) {
              return;
            }
            rows.add(new Row(id, origin, ChronoUnit.DAYS.between(origin, end), death != null));
          });
    }
    return new Result(rows, persons[0], persons[0] - rows.size());
  }

  /** ICD-10-CM chapter II, neoplasms: C00-D49. */
  static boolean isNeoplasm(String icd10) {
    if (icd10.length() < 3) {
      return false;
    }
    char c = Character.toUpperCase(icd10.charAt(0));
    if (c == 'C') {
      return true;
    }
    if (c == 'D' && Character.isDigit(icd10.charAt(1)) && Character.isDigit(icd10.charAt(2))) {
      return Integer.parseInt(icd10.substring(1, 3)) <= 49;
    }
    return false;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
