package dev.stratum.notebooks.commands.store;

import dev.stratum.jobs.CatalogEntry;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.notebooks.svg.SvgBarChart;
import dev.stratum.trust.Role;
import dev.stratum.trust.SmallCellSuppression;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code cohort summary}: the open snapshot's patients and their composition by sex, age band (on
 * the snapshot's as-of day, else today UTC) and race, and the number of features per family. Read
 * from the snapshot's Parquet files without Spark ({@link FeatureSnapshot#forEachRow}). For the
 * counts-only role every composition is suppressed as a partition of the total ({@link
 * SmallCellSuppression#partition}: counts below 11 and the counts that would reveal them).
 */
public final class CohortSummaryCommand implements ParagraphCommand {
  static final List<String> COLUMNS = List.of("dimension", "group", "patients", "share");
  static final List<String> FAMILY_COLUMNS = List.of("family", "features");

  /** Age bands (lower bounds in years) as commonly reported in trial demographics tables. */
  static final int[] AGE_BANDS = {0, 18, 40, 50, 60, 70, 80};

  private static final Syntax SYNTAX =
      Syntax.of(
          "cohort summary",
          "",
          "patients of the open snapshot by sex, age band and race; features per family");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    FeatureSnapshot snap = StoreArgs.opened(in).snapshot();
    Role role = StoreArgs.role(in);
    String asOf = snap.manifest().asOf();
    LocalDate day =
        asOf == null || asOf.isBlank() ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(asOf);
    List<String> cols = snap.columns("persons");
    int sexI = cols.indexOf("sex");
    int yobI = cols.indexOf("year_of_birth");
    int bdI = cols.indexOf("birth_date");
    int raceI = cols.indexOf("race");
    Map<String, Long> sex = new TreeMap<>();
    Map<String, Long> race = new TreeMap<>();
    Map<String, Long> age = new LinkedHashMap<>();
    for (int i = 0; i < AGE_BANDS.length; i++) {
      age.put(bandLabel(i), 0L);
    }
    age.put("unknown", 0L);
    snap.forEachRow(
        "persons",
        r -> {
          sex.merge(label(sexI < 0 ? null : r[sexI]), 1L, Long::sum);
          race.merge(label(raceI < 0 ? null : r[raceI]), 1L, Long::sum);
          LocalDate birth =
              bdI >= 0 && r[bdI] instanceof LocalDate d
                  ? d
                  : yobI >= 0 && r[yobI] instanceof Integer y ? LocalDate.of(y, 7, 1) : null;
          age.merge(
              birth == null ? "unknown" : bandLabel(band(ChronoUnit.YEARS.between(birth, day))),
              1L,
              Long::sum);
        });
    if (age.get("unknown") == 0L) {
      age.remove("unknown");
    }
    long total = sex.values().stream().mapToLong(Long::longValue).sum();
    List<List<String>> rows = new ArrayList<>();
    List<SvgBarChart.Bar> bars = new ArrayList<>();
    boolean suppress = !role.seesPatientRows();
    rows.add(List.of("all", "patients", count(total, suppress), total > 0 ? "1" : ""));
    addDimension(rows, "sex", sex, total, suppress, null);
    addDimension(rows, "age_band", age, total, suppress, bars);
    addDimension(rows, "race", race, total, suppress, null);
    Map<String, Long> families = new TreeMap<>();
    for (CatalogEntry e : snap.catalog()) {
      families.merge(e.family(), 1L, Long::sum);
    }
    List<List<String>> fam = new ArrayList<>();
    families.forEach((f, n) -> fam.add(List.of(f, Long.toString(n))));
    List<Display> out = new ArrayList<>();
    out.add(Display.table(COLUMNS, rows));
    out.add(Display.table(FAMILY_COLUMNS, fam));
    if (!bars.isEmpty()) {
      out.add(
          Display.html(
              new SvgBarChart(
                      "Patients by age band on " + day + " (snapshot " + snap.id() + ")",
                      "patients",
                      bars,
                      false)
                  .toSvg()));
    }
    out.add(
        Display.text(
            "snapshot "
                + snap.id()
                + ": ages on "
                + day
                + (suppress
                    ? "; role counts-only: counts below 11 and those revealing them hidden"
                    : "")));
    return new ParagraphOutput(out);
  }

  private static void addDimension(
      List<List<String>> rows,
      String dimension,
      Map<String, Long> groups,
      long total,
      boolean suppress,
      List<SvgBarChart.Bar> bars) {
    List<String> labels = new ArrayList<>(groups.keySet());
    long[] parts = groups.values().stream().mapToLong(Long::longValue).toArray();
    List<SmallCellSuppression.Cell> cells =
        SmallCellSuppression.partition(
            dimension, labels, parts, SmallCellSuppression.Rule.standard());
    for (int i = 0; i < labels.size(); i++) {
      SmallCellSuppression.Cell c = cells.get(i + 1);
      boolean shown = !suppress || c.shown();
      rows.add(
          List.of(
              dimension,
              labels.get(i),
              shown ? Long.toString(parts[i]) : c.text(),
              shown && total > 0 ? Numbers.plain(parts[i] / (double) total, 3) : ""));
      if (bars != null && shown) {
        bars.add(new SvgBarChart.Bar(labels.get(i), parts[i]));
      }
    }
  }

  private static String count(long n, boolean suppress) {
    return suppress && SmallCellSuppression.Rule.standard().sensitive(n)
        ? SmallCellSuppression.Rule.standard().smallText()
        : Long.toString(n);
  }

  private static String label(Object v) {
    return v == null || v.toString().isBlank() ? "unknown" : v.toString();
  }

  static int band(long years) {
    int b = 0;
    for (int i = 0; i < AGE_BANDS.length; i++) {
      if (years >= AGE_BANDS[i]) {
        b = i;
      }
    }
    return b;
  }

  static String bandLabel(int i) {
    return i == AGE_BANDS.length - 1
        ? AGE_BANDS[i] + "+"
        : AGE_BANDS[i] + "-" + (AGE_BANDS[i + 1] - 1);
  }
}
