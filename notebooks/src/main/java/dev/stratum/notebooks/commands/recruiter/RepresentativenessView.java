package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.matching.PatientIndex;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.store.PoolComposition;
import dev.stratum.trust.Representativeness;
import dev.stratum.trust.SmallCellSuppression;
import dev.stratum.trust.SmallCellSuppression.Cell;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code match --representativeness} in a notebook, as {@code stratum match --representativeness}
 * computes it (docs/privacy.md, "Representativeness"): the composition of the trial's eligible pool
 * by sex, race, ethnicity and age group against the reference population, the consented living
 * patients of the index who meet every inclusion criterion of type condition, with the
 * participation-to-prevalence ratio, its Katz interval and a flag for under-represented groups
 * ({@link Representativeness}).
 *
 * <p>For counts-only the pool's group counts are suppressed per dimension as a partition of the
 * eligible count ({@link SmallCellSuppression#partition}), and all of them hidden when the eligible
 * count itself is hidden (they would add up to it); a hidden count also hides its share, ratio and
 * interval (they would give it back); the reference population shows shares only (rounded to 3
 * decimals), no counts and no size. The flag stays: an interval statement.
 */
final class RepresentativenessView {
  static final List<String> COLUMNS =
      List.of(
          "dimension",
          "group",
          "pool_count",
          "pool_share",
          "reference_share",
          "ratio",
          "lower",
          "upper",
          "flag");

  private final Representativeness.Report report;
  private final List<String> referenceCriteria;
  private final LocalDate day;

  private RepresentativenessView(
      Representativeness.Report report, List<String> referenceCriteria, LocalDate day) {
    this.report = report;
    this.referenceCriteria = List.copyOf(referenceCriteria);
    this.day = day;
  }

  /**
   * The report for a match run over the whole eligible pool ({@link MatchArgs#match}), computed by
   * {@link PoolComposition#of} as the CLI computes it.
   */
  static RepresentativenessView of(MatchArgs.Match m) {
    try (PatientIndex idx = PatientIndex.open(m.index())) {
      PoolComposition c =
          PoolComposition.of(idx, m.trialId(), m.criteria(), m.options(), m.result());
      return new RepresentativenessView(c.report(), c.referenceCriteria(), c.evaluatedOn());
    }
  }

  Representativeness.Report report() {
    return report;
  }

  /**
   * The composition as a table; {@code eligible} is the eligible count as the role sees it (the
   * match view's cell), null when the role sees counts.
   */
  Display table(Cell eligible) {
    Map<String, Cell> cells = eligible == null ? Map.of() : poolCells(eligible);
    List<List<String>> rows = new ArrayList<>();
    for (Representativeness.Group g : report.groups()) {
      String count;
      boolean show = true;
      if (eligible != null) {
        Cell c = cells.get(g.dimension() + "\u0000" + g.group());
        count = c.text();
        show = c.shown();
      } else {
        count = Long.toString(g.poolCount());
      }
      rows.add(
          List.of(
              g.dimension(),
              g.group(),
              count,
              show ? share(g.poolShare()) : "",
              share(g.referenceShare()),
              show ? num(g.ratio()) : "",
              show ? num(g.lower()) : "",
              show ? num(g.upper()) : "",
              g.flag() == Representativeness.Flag.UNDER
                  ? "UNDER-REPRESENTED"
                  : g.flag().name().toLowerCase(Locale.ROOT)));
    }
    return Display.table(COLUMNS, rows);
  }

  /** One line: what was compared with what, and the under-represented groups. */
  Display summary(Cell eligible) {
    List<String> under =
        report.underRepresented().stream().map(g -> g.dimension() + " " + g.group()).toList();
    return Display.text(
        String.format(
            Locale.ROOT,
            "representativeness on %s: eligible pool (%s patients) vs the consented living"
                + " patients meeting the trial's condition criteria %s%s; ratio = pool share /"
                + " reference share, %.0f%% Katz interval; under-represented below %s: %s",
            day,
            eligible == null ? Long.toString(report.poolSize()) : eligible.text(),
            referenceCriteria.isEmpty()
                ? "(none: every living indexed patient)"
                : referenceCriteria,
            eligible == null ? " (" + report.referenceSize() + " patients)" : "",
            100 * report.confidence(),
            Numbers.plain(Representativeness.UNDER, 2),
            under.isEmpty() ? "none" : String.join(", ", under)));
  }

  private Map<String, Cell> poolCells(Cell eligible) {
    Map<String, Cell> out = new LinkedHashMap<>();
    SmallCellSuppression.Rule rule = SmallCellSuppression.Rule.standard();
    for (String dim : Representativeness.DIMENSIONS) {
      List<Representativeness.Group> gs =
          report.groups().stream().filter(g -> g.dimension().equals(dim)).toList();
      long[] parts = gs.stream().mapToLong(Representativeness.Group::poolCount).toArray();
      List<Cell> cells =
          SmallCellSuppression.partition(
              "pool", gs.stream().map(Representativeness.Group::group).toList(), parts, rule);
      for (int i = 0; i < gs.size(); i++) {
        Cell c = cells.get(i + 1);
        if (!eligible.shown() && c.shown()) {
          c =
              new Cell(
                  c.label(), c.value(), SmallCellSuppression.Status.COMPLEMENTARY, c.smallText());
        }
        out.put(dim + "\u0000" + gs.get(i).group(), c);
      }
    }
    return out;
  }

  private static String share(double x) {
    return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.3f", x);
  }

  private static String num(double x) {
    return Double.isNaN(x) || Double.isInfinite(x) ? "" : Numbers.plain(x, 3);
  }
}
