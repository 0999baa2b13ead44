package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.matching.MatchResult;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.Session;
import dev.stratum.notebooks.svg.SvgBarChart;
import dev.stratum.trust.Role;
import dev.stratum.trust.SmallCellSuppression;
import dev.stratum.trust.SmallCellSuppression.Aggregate;
import dev.stratum.trust.SmallCellSuppression.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A match result as a role may see it, rendered for Zeppelin: the status counts and the funnel
 * (suppressed together for counts-only), the funnel chart, and the ranked patients with evidence.
 */
final class MatchView {
  static final List<String> COUNT_COLUMNS = List.of("status", "patients");
  static final List<String> FUNNEL_COLUMNS = List.of("step", "criterion", "remaining", "text");
  static final List<String> PATIENT_COLUMNS =
      List.of("rank", "person_id", "status", "score", "criterion", "kind", "result", "evidence");

  /** The last match of the session (already reduced to the role's view), for {@code funnel}. */
  static final Session.Key<MatchView> LAST = new Session.Key<>("match.last", MatchView.class);

  private final MatchResult result;
  private final boolean suppress;
  private final List<Cell> counts; // eligible, needs review, ineligible
  private final List<Cell> funnel; // all patients, then one per step
  private final boolean sourceIds;

  private MatchView(MatchResult result, boolean suppress, List<Cell> counts, List<Cell> funnel) {
    this(result, suppress, counts, funnel, false);
  }

  private MatchView(
      MatchResult result,
      boolean suppress,
      List<Cell> counts,
      List<Cell> funnel,
      boolean sourceIds) {
    this.result = result;
    this.suppress = suppress;
    this.counts = counts;
    this.funnel = funnel;
    this.sourceIds = sourceIds;
  }

  /**
   * This view of a recruiter's result whose person ids were replaced by source ids (through the
   * store's re-identification map).
   */
  MatchView reidentified(MatchResult withSourceIds) {
    if (suppress) {
      throw new IllegalStateException("counts-only results list no patients");
    }
    return new MatchView(withSourceIds, false, counts, funnel, true);
  }

  /** The eligible count as this view shows it. */
  Cell eligibleCell() {
    return counts.get(0);
  }

  /**
   * The role's view of a result: counts-only keeps no patient rows, and its status counts and
   * funnel are published as sums of one set of disjoint atoms (the patients each funnel step drops,
   * the eligible, the needs-review) so that {@link SmallCellSuppression#suppress} checks them
   * together: no count below 11 can be derived from any combination of the shown ones.
   */
  static MatchView of(MatchResult r, Role role) {
    MatchResult.Counts c = r.counts();
    List<MatchResult.FunnelStep> steps = r.funnel();
    int k = steps.size();
    List<String> funnelLabels = new ArrayList<>();
    funnelLabels.add("all patients");
    steps.forEach(s -> funnelLabels.add(s.criterionId()));
    long[] remaining = new long[k + 1];
    remaining[0] = c.total();
    for (int i = 0; i < k; i++) {
      remaining[i + 1] = steps.get(i).remaining();
    }
    List<String> countLabels = List.of("eligible", "needs_review", "ineligible");
    long[] countValues = {c.eligible(), c.needsReview(), c.ineligible()};
    if (role.seesPatientRows()) {
      return new MatchView(
          r, false, shown(countLabels, countValues), shown(funnelLabels, remaining));
    }
    MatchResult counted = r.withoutPatients();
    long last = remaining[k];
    boolean consistent = last == c.eligible() + c.needsReview();
    if (!consistent || k + 2 > SmallCellSuppression.MAX_ATOMS) {
      // Cannot be checked jointly: publish only the total (when not small), hide the rest.
      List<Cell> cc = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        cc.add(hidden(countLabels.get(i), countValues[i]));
      }
      List<Cell> fc = new ArrayList<>();
      fc.add(
          rule().sensitive(remaining[0])
              ? hidden("all patients", remaining[0])
              : shown(List.of("all patients"), new long[] {remaining[0]}).get(0));
      for (int i = 1; i <= k; i++) {
        fc.add(hidden(funnelLabels.get(i), remaining[i]));
      }
      return new MatchView(counted, true, cc, fc);
    }
    // Atoms 0..k-1: dropped at step i; k: eligible; k+1: needs review.
    long[] atoms = new long[k + 2];
    for (int i = 0; i < k; i++) {
      atoms[i] = remaining[i] - remaining[i + 1];
    }
    atoms[k] = c.eligible();
    atoms[k + 1] = c.needsReview();
    List<Aggregate> published = new ArrayList<>();
    published.add(new Aggregate("all patients", IntStream.range(0, k + 2).toArray()));
    for (int i = 1; i <= k; i++) {
      published.add(new Aggregate(funnelLabels.get(i), IntStream.range(i, k + 2).toArray()));
    }
    published.add(new Aggregate("eligible", new int[] {k}));
    published.add(new Aggregate("needs_review", new int[] {k + 1}));
    published.add(new Aggregate("ineligible", IntStream.range(0, k).toArray()));
    List<Cell> cells = SmallCellSuppression.suppress(atoms, published, rule());
    return new MatchView(
        counted,
        true,
        List.copyOf(cells.subList(k + 1, k + 4)),
        List.copyOf(cells.subList(0, k + 1)));
  }

  private static SmallCellSuppression.Rule rule() {
    return SmallCellSuppression.Rule.standard();
  }

  private static Cell hidden(String label, long v) {
    return new Cell(
        label,
        v,
        rule().sensitive(v)
            ? SmallCellSuppression.Status.SMALL
            : SmallCellSuppression.Status.COMPLEMENTARY,
        rule().smallText());
  }

  private static List<Cell> shown(List<String> labels, long[] values) {
    List<Cell> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(
          new Cell(
              labels.get(i), values[i], SmallCellSuppression.Status.SHOWN, rule().smallText()));
    }
    return out;
  }

  MatchResult result() {
    return result;
  }

  Display countsTable() {
    List<List<String>> rows = new ArrayList<>();
    for (Cell c : counts) {
      rows.add(List.of(c.label(), c.text()));
    }
    return Display.table(COUNT_COLUMNS, rows);
  }

  Display funnelTable() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("0", "all patients", funnel.get(0).text(), "indexed patients evaluated"));
    for (int i = 0; i < result.funnel().size(); i++) {
      MatchResult.FunnelStep s = result.funnel().get(i);
      rows.add(
          List.of(Integer.toString(i + 1), s.criterionId(), funnel.get(i + 1).text(), s.text()));
    }
    return Display.table(FUNNEL_COLUMNS, rows);
  }

  /** The funnel as a bar chart; a hidden count is drawn as an empty bar labelled with its text. */
  Display funnelChart() {
    List<SvgBarChart.Bar> bars = new ArrayList<>();
    for (Cell c : funnel) {
      bars.add(
          new SvgBarChart.Bar(
              c.shown() ? c.label() : c.label() + " (" + c.text() + ")",
              c.shown() ? c.value() : 0));
    }
    return Display.html(
        new SvgBarChart(
                "Screening funnel: " + result.trialId() + " on " + result.evaluationDate(),
                "patients remaining",
                bars,
                false)
            .toSvg());
  }

  /** One row per patient and criterion: result and the evidence that decided it. */
  Display patientsTable() {
    if (suppress) {
      throw new IllegalStateException("no patient rows for counts-only");
    }
    List<List<String>> rows = new ArrayList<>();
    int rank = 0;
    for (MatchResult.PatientMatch p : result.patients()) {
      rank++;
      for (MatchResult.CriterionResult c : p.criteria()) {
        rows.add(
            List.of(
                Integer.toString(rank),
                p.personId(),
                p.status().label(),
                Numbers.plain(p.score(), 3),
                c.id(),
                c.kind(),
                c.result().label(),
                evidence(c)));
      }
    }
    return Display.table(PATIENT_COLUMNS, rows);
  }

  boolean suppressed() {
    return suppress;
  }

  Display summary() {
    return Display.text(
        String.format(
            Locale.ROOT,
            "trial %s, snapshot %s, evaluated on %s: %s eligible, %s need review, %s ineligible%s",
            result.trialId(),
            result.snapshotId(),
            result.evaluationDate(),
            counts.get(0).text(),
            counts.get(1).text(),
            counts.get(2).text(),
            suppress
                ? "; role counts-only: no patient rows, counts below 11 and those revealing them"
                    + " hidden"
                : "; "
                    + result.patients().size()
                    + " ranked patients listed ("
                    + (sourceIds ? "source person ids, re-identification audited" : "pseudonyms")
                    + ")"));
  }

  static String evidence(MatchResult.CriterionResult c) {
    StringBuilder sb = new StringBuilder();
    if (!c.reason().isEmpty()) {
      sb.append(c.reason());
    }
    for (MatchResult.Evidence e : c.evidence()) {
      if (!sb.isEmpty()) {
        sb.append("; ");
      }
      sb.append(e.kind()).append(' ').append(e.source());
      if (!e.code().isEmpty()) {
        sb.append(' ').append(e.code());
      }
      if (!Double.isNaN(e.value())) {
        sb.append(' ').append(Numbers.plain(e.value(), 4));
        if (!e.unit().isEmpty()) {
          sb.append(' ').append(e.unit());
        }
      }
      if (e.date() != null) {
        sb.append(" on ").append(e.date());
      }
      if (!e.assertion().isEmpty()) {
        sb.append(" [").append(e.assertion()).append(']');
      }
      if (!e.text().isEmpty()) {
        sb.append(": ").append(shorten(e.text(), 120));
      }
    }
    return sb.toString();
  }

  private static String shorten(String s, int n) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() <= n ? t : t.substring(0, n - 3) + "...";
  }

  static InvalidInputException noMatch() {
    return InvalidInputException.ofArgument(
        "criteria",
        "no match in this session yet and no criteria given; run match first or give --trial,"
            + " --criteria or --text");
  }
}
