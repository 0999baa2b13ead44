package dev.stratum.notebooks.store;

import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.model.Sex;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.EvidenceSpan;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.matching.PatientRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The adapter from a feature-store snapshot to the matcher's {@link PatientRecord}s: it streams the
 * long tables (no Spark, no whole table in memory) and groups their rows by patient. Large
 * snapshots are read in buckets of patients (one pass over the tables per bucket), so memory holds
 * one bucket's records at a time.
 *
 * <p>Consent comes from the {@code consents} table when the snapshot has one (tier {@code
 * research}), else from the {@code observations} rows {@code STRATUM:consent_research} (value
 * {@code granted} or {@code declined}, latest wins). Notes come from the {@code notes} table when
 * present. A patient with at least one variant row counts as genotyped (the store does not list
 * sequenced samples without calls).
 */
public final class SnapshotPatients implements Iterable<PatientRecord> {
  static final int BUCKET_SIZE = 100_000;
  static final String CONSENT_CODE = "STRATUM:consent_research";

  private final FeatureSnapshot snapshot;
  private final List<String> personIds;
  private final int buckets;

  private SnapshotPatients(FeatureSnapshot snapshot, List<String> personIds, int buckets) {
    this.snapshot = snapshot;
    this.personIds = personIds;
    this.buckets = buckets;
  }

  public static SnapshotPatients of(FeatureSnapshot snapshot) {
    List<String> ids = new ArrayList<>();
    int pid = snapshot.columns("persons").indexOf("person_id");
    snapshot.forEachRow("persons", r -> ids.add((String) r[pid]));
    int buckets = Math.max(1, (ids.size() + BUCKET_SIZE - 1) / BUCKET_SIZE);
    return new SnapshotPatients(snapshot, ids, buckets);
  }

  public int size() {
    return personIds.size();
  }

  @Override
  public Iterator<PatientRecord> iterator() {
    return new Iterator<>() {
      int bucket = 0;
      Iterator<PatientRecord> current = List.<PatientRecord>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && bucket < buckets) {
          current = load(bucket++).iterator();
        }
        return current.hasNext();
      }

      @Override
      public PatientRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private boolean inBucket(String pid, int bucket) {
    return buckets == 1 || Math.floorMod(pid.hashCode(), buckets) == bucket;
  }

  private List<PatientRecord> load(int bucket) {
    Map<String, PatientRecord.Builder> b = new LinkedHashMap<>();
    rows("persons", bucket, b, (c, r) -> {}, null);
    boolean consentsTable = snapshot.tables().contains("consents");
    if (consentsTable) {
      rows(
          "consents",
          bucket,
          b,
          null,
          (c, r) -> {
            if ("research".equalsIgnoreCase(str(r, c, "tier"))) {
              Object g = r[c.indexOf("granted")];
              boolean granted =
                  g instanceof Boolean x ? x : "granted".equalsIgnoreCase(String.valueOf(g));
              b.get((String) r[0]).consent(granted, date(r, c, "date"));
            }
          });
    }
    rows(
        "conditions",
        bucket,
        b,
        null,
        (c, r) ->
            b.get((String) r[0])
                .condition(
                    str(r, c, "code"),
                    date(r, c, "start_date"),
                    date(r, c, "end_date"),
                    "conditions"));
    rows(
        "drugs",
        bucket,
        b,
        null,
        (c, r) ->
            b.get((String) r[0])
                .drug(
                    str(r, c, "code"), date(r, c, "start_date"), date(r, c, "end_date"), "drugs"));
    rows(
        "procedures",
        bucket,
        b,
        null,
        (c, r) ->
            b.get((String) r[0]).procedure(str(r, c, "code"), date(r, c, "date"), "procedures"));
    rows(
        "measurements",
        bucket,
        b,
        null,
        (c, r) -> {
          Double v = (Double) r[c.indexOf("value")];
          if (v != null && date(r, c, "date") != null) {
            Double hi = (Double) r[c.indexOf("range_high")];
            b.get((String) r[0])
                .measurement(
                    str(r, c, "code"),
                    date(r, c, "date"),
                    v,
                    str(r, c, "unit"),
                    hi == null ? Double.NaN : hi,
                    "measurements");
          }
        });
    rows(
        "observations",
        bucket,
        b,
        null,
        (c, r) -> {
          String code = str(r, c, "code");
          LocalDate d = date(r, c, "date");
          if (d == null) {
            return;
          }
          String vs = str(r, c, "value_string");
          if (code.equals(CONSENT_CODE)) {
            if (!consentsTable && vs != null) {
              b.get((String) r[0]).consent(vs.strip().equalsIgnoreCase("granted"), d);
            }
            return;
          }
          Double v = (Double) r[c.indexOf("value")];
          b.get((String) r[0])
              .observation(
                  code, d, v == null ? Double.NaN : v, vs, str(r, c, "unit"), "observations");
        });
    rows(
        "variants",
        bucket,
        b,
        null,
        (c, r) -> {
          Double af = (Double) r[c.indexOf("af")];
          b.get((String) r[0])
              .variant(
                  str(r, c, "gene"),
                  str(r, c, "hgvsp"),
                  str(r, c, "variant_class"),
                  str(r, c, "fusion"),
                  af == null || af < 0 || af > 1 ? Double.NaN : af);
        });
    rows("note_facts", bucket, b, null, (c, r) -> b.get((String) r[0]).fact(fact(c, r)));
    if (snapshot.tables().contains("notes")) {
      rows(
          "notes",
          bucket,
          b,
          null,
          (c, r) -> {
            if (r[c.indexOf("text")] == null) {
              return; // text withheld (a store written without a note de-identifier): nothing to
              // search
            }
            b.get((String) r[0])
                .note(
                    String.valueOf(r[c.indexOf("note_id")]),
                    date(r, c, "note_date"),
                    str(r, c, "note_type"),
                    str(r, c, "text"));
          });
    }
    if (snapshot.tables().contains("strata")) {
      rows(
          "strata",
          bucket,
          b,
          null,
          (c, r) ->
              b.get((String) r[0])
                  .stratum(
                      (c.contains("stratification") ? str(r, c, "stratification") + ":" : "")
                          + r[c.indexOf("stratum")]));
    }
    List<PatientRecord> out = new ArrayList<>(b.size());
    for (PatientRecord.Builder x : b.values()) {
      out.add(x.build());
    }
    return out;
  }

  private interface RowSink {
    void accept(List<String> columns, Object[] row);
  }

  /**
   * Streams {@code table}'s rows of the bucket's patients: for {@code persons} (when {@code
   * personSink} is given) a builder is created per patient; other tables go to {@code sink} only
   * for patients already known.
   */
  private void rows(
      String table,
      int bucket,
      Map<String, PatientRecord.Builder> b,
      RowSink personSink,
      RowSink sink) {
    if (!snapshot.tables().contains(table)) {
      return;
    }
    List<String> cols = snapshot.columns(table);
    if (cols.isEmpty() || !cols.get(0).equals("person_id")) {
      return;
    }
    Consumer<Object[]> f;
    if (personSink != null) {
      f =
          r -> {
            String pid = (String) r[0];
            if (pid != null && inBucket(pid, bucket)) {
              String sex = str(r, cols, "sex");
              b.put(
                  pid,
                  PatientRecord.builder(pid)
                      .person(
                          sex(sex),
                          date(r, cols, "birth_date"),
                          str(r, cols, "race"),
                          str(r, cols, "ethnicity"))
                      .death(date(r, cols, "death_date")));
            }
          };
    } else {
      f =
          r -> {
            if (r[0] != null && b.containsKey((String) r[0])) {
              sink.accept(cols, r);
            }
          };
    }
    snapshot.forEachRow(table, f);
  }

  private static Sex sex(String s) {
    if (s == null) {
      return Sex.UNKNOWN;
    }
    String l = s.strip().toLowerCase(Locale.ROOT);
    return l.startsWith("f") ? Sex.FEMALE : l.startsWith("m") ? Sex.MALE : Sex.UNKNOWN;
  }

  private static NoteFact fact(List<String> c, Object[] r) {
    String pid = (String) r[0];
    String noteId = String.valueOf(r[c.indexOf("note_id")]);
    Code code = null;
    String system = str(r, c, "code_system");
    String value = str(r, c, "code");
    if (system != null && value != null && !value.isBlank()) {
      try {
        code = Code.of(CodeSystem.valueOf(system.toUpperCase(Locale.ROOT)), value);
      } catch (IllegalArgumentException e) {
        code = null;
      }
    }
    Double v = (Double) r[c.indexOf("value")];
    String exp = str(r, c, "experiencer");
    Experiencer who =
        exp == null
            ? Experiencer.PATIENT
            : switch (exp.toLowerCase(Locale.ROOT)) {
              case "family" -> Experiencer.FAMILY;
              case "other" -> Experiencer.OTHER;
              default -> Experiencer.PATIENT;
            };
    int begin = num(r, c, "begin");
    int end = Math.max(begin, num(r, c, "end"));
    String evidence = str(r, c, "evidence");
    return new NoteFact(
        noteId,
        pid,
        String.valueOf(str(r, c, "category")),
        String.valueOf(str(r, c, "concept")),
        code,
        v == null ? Double.NaN : v,
        str(r, c, "unit"),
        str(r, c, "value_text"),
        date(r, c, "date"),
        new AssertionStatus(
            bool(r, c, "negated"), bool(r, c, "uncertain"), bool(r, c, "historical"), who),
        new EvidenceSpan(noteId, begin, end, evidence == null ? "" : evidence));
  }

  private static String str(Object[] r, List<String> c, String name) {
    int i = c.indexOf(name);
    return i < 0 || r[i] == null ? null : r[i].toString();
  }

  private static LocalDate date(Object[] r, List<String> c, String name) {
    int i = c.indexOf(name);
    return i < 0 ? null : r[i] instanceof LocalDate d ? d : null;
  }

  private static boolean bool(Object[] r, List<String> c, String name) {
    int i = c.indexOf(name);
    return i >= 0 && Boolean.TRUE.equals(r[i]);
  }

  private static int num(Object[] r, List<String> c, String name) {
    int i = c.indexOf(name);
    return i < 0 || !(r[i] instanceof Number n) ? 0 : Math.max(0, n.intValue());
  }
}
