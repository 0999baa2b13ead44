package dev.stratum.notebooks.store;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.jobs.CatalogEntry;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.stratification.FeatureMatrix;
import dev.stratum.stratification.FeatureSource;
import dev.stratum.stratification.StudyContext;
import dev.stratum.stratification.stats.SurvivalData;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The feature store as a {@link FeatureSource}: reads one snapshot's wide {@code patients} table
 * and its catalog without Spark, and turns the chosen feature families into layers: one layer per
 * omics layer ({@code omics:expression}, ...; from the catalog's "Omics layer X, feature Y") and
 * one per other family ({@code conditions}, {@code measurements}, ...; booleans as 0/1, numbers as
 * they are, text features left out). A patient whose values of a layer are all missing is missing
 * that whole layer.
 *
 * <p>Cohort rule: only patients whose latest research consent is {@code granted} are stratified
 * (docs/data-formats.md: {@code STRATUM:consent_research} observations; a {@code consents} table
 * when the snapshot has one), unless an approved protocol is given, which then covers every patient
 * and is recorded. Patients on the configured revocation list (revoked after the snapshot was
 * built, passed in as pseudonyms) are left out as well, under the same rule: an approved protocol
 * covers them too ({@link dev.stratum.trust.ConsentPolicy#admits}). Also read from the snapshot:
 * follow-up (from the start of the first observation period to {@code persons.death_date}, censored
 * at the end of the last observation period) and demographics (sex, race, ethnicity, age group on
 * the snapshot's as-of day or creation day).
 */
public final class SnapshotFeatureSource implements FeatureSource {
  public static final String CONSENT_CODE = "STRATUM:consent_research";
  private static final Pattern OMICS = Pattern.compile("Omics layer (.+), feature (.+)");

  private final FeatureSnapshot snapshot;
  private final List<String> families;
  private final String approvedProtocol;
  private final java.util.Set<String> revoked;
  private FeatureMatrix matrix;
  private StudyContext context;
  private Map<String, SurvivalData.Observation> followUp;

  public SnapshotFeatureSource(
      FeatureSnapshot snapshot, List<String> families, String approvedProtocol) {
    this(snapshot, families, approvedProtocol, java.util.Set.of());
  }

  /**
   * @param revoked pseudonyms of the patients whose research consent was revoked since the snapshot
   *     (the revocation list mapped with the pseudonym key)
   */
  public SnapshotFeatureSource(
      FeatureSnapshot snapshot,
      List<String> families,
      String approvedProtocol,
      java.util.Set<String> revoked) {
    this.snapshot = snapshot;
    this.families = List.copyOf(families);
    this.approvedProtocol = approvedProtocol;
    this.revoked = java.util.Set.copyOf(revoked);
  }

  @Override
  public FeatureMatrix read() {
    if (matrix == null) {
      load();
    }
    return matrix;
  }

  /** Source, families, consent rule and demographics of the patients read. */
  public StudyContext context() {
    read();
    return context;
  }

  /** Follow-up from the store (empty when it has no observation periods). */
  public Map<String, SurvivalData.Observation> followUp() {
    read();
    return followUp;
  }

  private void load() {
    List<CatalogEntry> catalog = snapshot.catalog();
    Map<String, List<CatalogEntry>> byFamily = new LinkedHashMap<>();
    for (CatalogEntry e : catalog) {
      byFamily.computeIfAbsent(e.family(), f -> new ArrayList<>()).add(e);
    }
    List<String> chosen = families.isEmpty() ? List.of("omics") : families;
    for (String f : chosen) {
      if (!byFamily.containsKey(f)) {
        throw InvalidInputException.ofArgument(
            "--families",
            "no feature family '"
                + f
                + "' in snapshot "
                + snapshot.id()
                + "; families: "
                + new TreeSet<>(byFamily.keySet()));
      }
    }
    Table patients = snapshot.tablesaw("patients");
    StringColumn ids = patients.stringColumn("person_id");

    // Cohort: research consent, unless an approved protocol covers everyone.
    Map<String, Boolean> consent = researchConsent();
    List<Integer> rows = new ArrayList<>();
    int granted = 0;
    int declined = 0;
    int unknown = 0;
    int revokedSince = 0;
    for (int i = 0; i < patients.rowCount(); i++) {
      Boolean c = consent.get(ids.get(i));
      if (Boolean.TRUE.equals(c) && revoked.contains(ids.get(i))) {
        c = false; // revoked after the snapshot: as a decline until the next snapshot records it
        revokedSince++;
      }
      if (Boolean.TRUE.equals(c)) {
        granted++;
      } else if (c == null) {
        unknown++;
      } else {
        declined++;
      }
      if (Boolean.TRUE.equals(c) || approvedProtocol != null) {
        rows.add(i);
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "%d patients in the snapshot: research consent granted %d, declined %d, no record %d",
            patients.rowCount(),
            granted,
            declined,
            unknown));
    if (revokedSince > 0) {
      notes.add(
          revokedSince
              + " of the declined revoked their research consent since the snapshot (revocation"
              + " list)");
    }
    if (approvedProtocol == null) {
      notes.add(
          (declined + unknown)
              + " patients without research consent excluded (no --approved-protocol)");
    } else {
      notes.add(
          (declined + unknown)
              + " patients without research consent included under approved protocol "
              + approvedProtocol);
    }
    if (rows.isEmpty()) {
      throw InvalidInputException.ofArgument(
          "--store",
          "no patient of snapshot "
              + snapshot.id()
              + " has research consent; give --approved-protocol ID if an approved protocol"
              + " covers them");
    }

    List<OmicsMatrix> layers = new ArrayList<>();
    List<String> layerNames = new ArrayList<>();
    for (String family : chosen) {
      Map<String, List<String[]>> groups = new LinkedHashMap<>(); // layer -> (column, feature)
      for (CatalogEntry e : byFamily.get(family)) {
        if (!patients.containsColumn(e.name())) {
          continue;
        }
        Column<?> col = patients.column(e.name());
        if (!(col instanceof NumericColumn<?>) && !(col instanceof BooleanColumn)) {
          continue; // text features (smoking status, consent) are not clustering features
        }
        String layer = family;
        String feature = e.name();
        Matcher m = OMICS.matcher(e.description() == null ? "" : e.description());
        if (family.equals("omics") && m.matches()) {
          layer = "omics:" + m.group(1);
          feature = m.group(2);
        }
        groups.computeIfAbsent(layer, l -> new ArrayList<>()).add(new String[] {e.name(), feature});
      }
      if (groups.isEmpty()) {
        throw InvalidInputException.ofArgument(
            "--families", "family '" + family + "' has no numeric or boolean feature");
      }
      for (Map.Entry<String, List<String[]>> g : groups.entrySet()) {
        layers.add(layer(g.getKey(), g.getValue(), patients, ids, rows));
        layerNames.add(g.getKey());
      }
    }
    matrix = FeatureMatrix.of(layers);
    followUp = followUp(matrix.sampleIds());
    if (followUp.isEmpty()) {
      notes.add("no follow-up in the snapshot (observation_periods): survival not analysed");
    } else {
      notes.add(
          followUp.size()
              + " patients with follow-up from the first observation period to death or the end"
              + " of the last observation period (days)");
    }
    LocalDate ageDay = ageDay();
    notes.add("age groups on " + ageDay);
    context =
        new StudyContext(
            "feature store "
                + snapshot.dir().getParent().getParent()
                + ", snapshot "
                + snapshot.id(),
            snapshot.id(),
            layerNames,
            approvedProtocol,
            notes,
            demographics(ageDay));
  }

  private static OmicsMatrix layer(
      String name, List<String[]> columns, Table patients, StringColumn ids, List<Integer> rows) {
    double[][] v = new double[columns.size()][rows.size()];
    boolean[] any = new boolean[rows.size()];
    for (int f = 0; f < columns.size(); f++) {
      Column<?> col = patients.column(columns.get(f)[0]);
      for (int j = 0; j < rows.size(); j++) {
        int i = rows.get(j);
        double x;
        if (col instanceof BooleanColumn b) {
          Boolean bv = b.get(i);
          x = bv == null ? Double.NaN : bv ? 1 : 0;
        } else {
          x = col.isMissing(i) ? Double.NaN : ((NumericColumn<?>) col).getDouble(i);
        }
        v[f][j] = x;
        any[j] |= !Double.isNaN(x);
      }
    }
    // A patient with no value at all in the layer is missing the whole layer.
    List<Integer> keep = new ArrayList<>();
    for (int j = 0; j < rows.size(); j++) {
      if (any[j]) {
        keep.add(j);
      }
    }
    double[][] out = new double[columns.size()][keep.size()];
    for (int f = 0; f < columns.size(); f++) {
      for (int a = 0; a < keep.size(); a++) {
        out[f][a] = v[f][keep.get(a)];
      }
    }
    List<String> samples = keep.stream().map(j -> ids.get(rows.get(j))).toList();
    List<String> features = columns.stream().map(c -> c[1]).toList();
    if (samples.isEmpty()) {
      throw InvalidInputException.ofArgument(
          "--families", "layer '" + name + "' has no value for any included patient");
    }
    return new OmicsMatrix(name, features, samples, out);
  }

  /**
   * person id -> latest research consent (true = granted). From a {@code consents} table when the
   * snapshot has one, else from the {@code STRATUM:consent_research} observations. The latest
   * record wins; on the same day a decline wins over a grant.
   */
  Map<String, Boolean> researchConsent() {
    Map<String, Boolean> out = new HashMap<>();
    Map<String, LocalDate> when = new HashMap<>();
    if (snapshot.tables().contains("consents")) {
      // The job's consents table (docs/feature-store.md): person_id, tier, granted, date, source.
      Table t = snapshot.tablesaw("consents");
      StringColumn pid = t.stringColumn("person_id");
      StringColumn tier = t.stringColumn("tier");
      Column<?> granted = t.column("granted");
      for (int i = 0; i < t.rowCount(); i++) {
        if ("research".equals(tier.get(i)) && !granted.isMissing(i)) {
          record(out, when, pid.get(i), date(t, i), Boolean.TRUE.equals(granted.get(i)));
        }
      }
      return out;
    }
    // Snapshots written before the consents table existed: the OMOP observation rows.
    if (!snapshot.tables().contains("observations")) {
      return out;
    }
    Table t = snapshot.tablesaw("observations");
    StringColumn pid = t.stringColumn("person_id");
    StringColumn code = t.stringColumn("code");
    StringColumn value = t.stringColumn("value_string");
    for (int i = 0; i < t.rowCount(); i++) {
      if (CONSENT_CODE.equalsIgnoreCase(code.get(i)) && !value.isMissing(i)) {
        record(out, when, pid.get(i), date(t, i), granted(value.get(i)));
      }
    }
    return out;
  }

  private static void record(
      Map<String, Boolean> out,
      Map<String, LocalDate> when,
      String id,
      LocalDate d,
      boolean granted) {
    LocalDate prev = when.get(id);
    LocalDate day = d == null ? LocalDate.MIN : d;
    if (prev == null || day.isAfter(prev) || (day.equals(prev) && !granted)) {
      when.put(id, day);
      out.put(id, granted);
    }
  }

  private static boolean granted(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    return s.equals("granted") || s.equals("true") || s.equals("yes") || s.equals("permit");
  }

  private static LocalDate date(Table t, int row) {
    return t.column("date") instanceof DateColumn d && !d.isMissing(row) ? d.get(row) : null;
  }

  private Map<String, SurvivalData.Observation> followUp(List<String> included) {
    Map<String, SurvivalData.Observation> out = new LinkedHashMap<>();
    if (!snapshot.tables().contains("observation_periods")
        || !snapshot.tables().contains("persons")) {
      return out;
    }
    Table op = snapshot.tablesaw("observation_periods");
    Map<String, LocalDate> start = new HashMap<>();
    Map<String, LocalDate> end = new HashMap<>();
    StringColumn pid = op.stringColumn("person_id");
    DateColumn s = op.dateColumn("start_date");
    DateColumn e = op.dateColumn("end_date");
    for (int i = 0; i < op.rowCount(); i++) {
      if (!s.isMissing(i)) {
        start.merge(pid.get(i), s.get(i), (a, b) -> a.isBefore(b) ? a : b);
      }
      if (!e.isMissing(i)) {
        end.merge(pid.get(i), e.get(i), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    Table persons = snapshot.tablesaw("persons");
    Map<String, LocalDate> death = new HashMap<>();
    StringColumn ppid = persons.stringColumn("person_id");
    DateColumn dd = persons.dateColumn("death_date");
    for (int i = 0; i < persons.rowCount(); i++) {
      if (!dd.isMissing(i)) {
        death.put(ppid.get(i), dd.get(i));
      }
    }
    for (String id : included) {
      LocalDate from = start.get(id);
      LocalDate d = death.get(id);
      LocalDate to = d != null ? d : end.get(id);
      if (from == null || to == null) {
        continue;
      }
      long days = ChronoUnit.DAYS.between(from, to);
      if (days > 0) {
        out.put(id, new SurvivalData.Observation(days, d != null));
      }
    }
    return out;
  }

  private LocalDate ageDay() {
    String asOf = snapshot.manifest().asOf();
    if (asOf != null) {
      return LocalDate.parse(asOf);
    }
    return LocalDate.parse(snapshot.manifest().createdAt().substring(0, 10));
  }

  private Map<String, StudyContext.Demographics> demographics(LocalDate day) {
    Map<String, StudyContext.Demographics> out = new HashMap<>();
    if (!snapshot.tables().contains("persons")) {
      return out;
    }
    Table p = snapshot.tablesaw("persons");
    for (int i = 0; i < p.rowCount(); i++) {
      LocalDate birth =
          p.dateColumn("birth_date").isMissing(i) ? null : p.dateColumn("birth_date").get(i);
      if (birth == null && !p.intColumn("year_of_birth").isMissing(i)) {
        birth = LocalDate.of(p.intColumn("year_of_birth").getInt(i), 7, 1);
      }
      Integer age = birth == null ? null : (int) ChronoUnit.YEARS.between(birth, day);
      out.put(
          p.stringColumn("person_id").get(i),
          new StudyContext.Demographics(
              text(p, "sex", i),
              text(p, "race", i),
              text(p, "ethnicity", i),
              StudyContext.ageGroup(age)));
    }
    return out;
  }

  private static String text(Table t, String col, int row) {
    if (!t.containsColumn(col)) {
      return null;
    }
    StringColumn c = t.stringColumn(col);
    return c.isMissing(row) ? null : c.get(row);
  }
}
