package dev.stratum.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.matching.MatchCriterion;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.MatchResult;
import dev.stratum.matching.PatientIndex;
import dev.stratum.notebooks.store.PoolComposition;
import dev.stratum.trust.Representativeness;
import dev.stratum.trust.SmallCellSuppression;
import dev.stratum.trust.SmallCellSuppression.Aggregate;
import dev.stratum.trust.SmallCellSuppression.Cell;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a role may see of a match (issue 9 applied to {@code stratum match}): the counts-only view
 * of the status counts and the funnel, suppressed together, and the representativeness of the
 * eligible pool.
 */
final class MatchView {
  private MatchView() {}

  /**
   * The status counts and the funnel as counts-only sees them.
   *
   * @param eligible the eligible count
   * @param needsReview the needs-review count
   * @param ineligible the ineligible count
   * @param funnel one cell per funnel step, in the funnel's order
   */
  record SuppressedCounts(Cell eligible, Cell needsReview, Cell ineligible, List<Cell> funnel) {
    SuppressedCounts {
      funnel = List.copyOf(funnel);
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("eligible", eligible.json());
      m.put("needs_review", needsReview.json());
      m.put("ineligible", ineligible.json());
      return m;
    }
  }

  /**
   * Suppresses the status counts and the funnel together, in one {@link
   * SmallCellSuppression#suppress} call over the atoms they share, because they share patients: the
   * last funnel value is eligible + needs review, and ineligible is the sum of the funnel's drops.
   *
   * <p>Atoms: the patients dropped at each funnel step ({@code total - remaining[0]}, then {@code
   * remaining[k-1] - remaining[k]}), the eligible and the needs-review patients. Every published
   * count is a sum of them: eligible, needs review, ineligible (all drops), funnel step k (the
   * drops after k, eligible and needs review). The status counts come first in priority, then the
   * funnel in order. A funnel longer than {@link SmallCellSuppression#MAX_ATOMS} - 2 steps merges
   * the drops of the steps beyond into one atom and hides those steps (shown as {@code "<11"} when
   * small): with those steps unpublished, every published sum holds the merged drops wholly or not
   * at all, so checking the merged atom is exact.
   */
  static SuppressedCounts suppress(
      MatchResult.Counts counts, List<MatchResult.FunnelStep> funnel, SmallCellSuppression.Rule r) {
    int m = funnel.size();
    long pass = counts.eligible() + counts.needsReview();
    if (m > 0 && funnel.get(m - 1).remaining() != pass) {
      throw new IllegalStateException(
          "funnel ends at " + funnel.get(m - 1).remaining() + ", eligible + review is " + pass);
    }
    int kept = Math.min(m, SmallCellSuppression.MAX_ATOMS - 3); // drops kept apart
    boolean merged = m > kept;
    int nDrops = kept + (merged ? 1 : 0);
    long[] atoms = new long[nDrops + 2];
    long before = counts.total();
    for (int k = 0; k < m; k++) {
      long drop = before - funnel.get(k).remaining();
      atoms[Math.min(k, kept)] += drop;
      before = funnel.get(k).remaining();
    }
    int e = nDrops;
    int nr = nDrops + 1;
    atoms[e] = counts.eligible();
    atoms[nr] = counts.needsReview();
    List<Aggregate> published = new ArrayList<>();
    published.add(new Aggregate("eligible", new int[] {e}));
    published.add(new Aggregate("needs_review", new int[] {nr}));
    published.add(new Aggregate("ineligible", IntStream.range(0, nDrops).toArray()));
    for (int k = 0; k < kept; k++) {
      // remaining after step k: the drops of the later steps, eligible and needs review
      published.add(
          new Aggregate(funnel.get(k).criterionId(), IntStream.range(k + 1, nDrops + 2).toArray()));
    }
    List<Cell> cells = SmallCellSuppression.suppress(atoms, published, r);
    List<Cell> steps = new ArrayList<>(cells.subList(3, cells.size()));
    for (int k = kept; k < m; k++) {
      long v = funnel.get(k).remaining();
      steps.add(
          new Cell(
              funnel.get(k).criterionId(),
              v,
              r.sensitive(v)
                  ? SmallCellSuppression.Status.SMALL
                  : SmallCellSuppression.Status.COMPLEMENTARY,
              r.smallText()));
    }
    return new SuppressedCounts(cells.get(0), cells.get(1), cells.get(2), steps);
  }

  /** The counts-only JSON of a match: counts and funnel suppressed, no patients. */
  static ObjectNode countsOnlyJson(MatchResult r, SuppressedCounts s) {
    ObjectNode o = Output.object();
    o.put("trial", r.trialId());
    o.put("snapshot", r.snapshotId());
    o.put("evaluation_date", r.evaluationDate().toString());
    ObjectNode c = o.putObject("counts");
    s.json().forEach(c::putPOJO);
    ArrayNode f = o.putArray("funnel");
    for (int k = 0; k < r.funnel().size(); k++) {
      ObjectNode step = f.addObject();
      step.put("criterion", r.funnel().get(k).criterionId());
      step.put("text", r.funnel().get(k).text());
      step.putPOJO("remaining", s.funnel().get(k).json());
    }
    return o;
  }

  static void writeCountsOnlyTable(
      PrintWriter out, OutputFormat f, MatchResult r, SuppressedCounts s) {
    if (f == OutputFormat.TABLE) {
      out.printf(
          Locale.ROOT,
          "trial %s  snapshot %s  evaluated on %s%n",
          r.trialId(),
          r.snapshotId(),
          r.evaluationDate());
      out.printf(
          Locale.ROOT,
          "eligible %s  needs review %s  ineligible %s   (counts-only: counts below 11 shown as"
              + " <11, others suppressed so they cannot be derived)%n%n",
          s.eligible().text(),
          s.needsReview().text(),
          s.ineligible().text());
    }
    List<List<String>> rows = new ArrayList<>();
    for (int k = 0; k < r.funnel().size(); k++) {
      MatchResult.FunnelStep step = r.funnel().get(k);
      rows.add(List.of(step.criterionId(), s.funnel().get(k).text(), shorten(step.text(), 70)));
    }
    Output.writeTable(out, f, List.of("criterion", "remaining", "text"), rows);
  }

  // ---------------------------------------------------------------- representativeness

  /** The most patients the representativeness report reads back (the matcher's limit). */
  static final int MAX_POOL = 100_000;

  /**
   * The representativeness report ({@link PoolComposition#of}, shared with the notebooks), for an
   * eligible pool of at most {@link #MAX_POOL} patients, all listed in {@code full}.
   */
  static PoolComposition representativeness(
      PatientIndex idx,
      String trialId,
      List<MatchCriterion> criteria,
      MatchOptions options,
      MatchResult full) {
    if (full.counts().eligible() > MAX_POOL) {
      throw InvalidInputException.ofArgument(
          "--representativeness",
          "at most " + MAX_POOL + " eligible patients, got " + full.counts().eligible());
    }
    return PoolComposition.of(idx, trialId, criteria, options, full);
  }

  /**
   * The JSON of the report. For counts-only: the pool's group counts suppressed per dimension as a
   * partition of the eligible count (all hidden when the eligible count itself is hidden, so they
   * cannot add up to it); the reference population's counts and size are not shown, only its shares
   * (3 decimals), which are no count without its size; a group's pool share, ratio and interval
   * only when its count is shown (they would give it back).
   */
  static ObjectNode json(PoolComposition rep, Cell eligibleCell, boolean countsOnly) {
    Representativeness.Report r = rep.report();
    ObjectNode o = Output.object();
    o.put("pool", "eligible");
    o.put(
        "reference", "consented, living patients meeting the trial's inclusion condition criteria");
    ArrayNode rc = o.putArray("reference_criteria");
    rep.referenceCriteria().forEach(rc::add);
    o.put("evaluated_on", rep.evaluatedOn().toString());
    o.put("confidence", r.confidence());
    o.put("under_threshold", Representativeness.UNDER);
    o.put("over_threshold", Representativeness.OVER);
    Map<String, Cell> poolCells = countsOnly ? poolCells(r, eligibleCell) : Map.of();
    if (countsOnly) {
      o.putPOJO("pool_size", eligibleCell.json());
    } else {
      o.put("pool_size", r.poolSize());
      o.put("reference_size", r.referenceSize());
    }
    ArrayNode groups = o.putArray("groups");
    ArrayNode under = o.putArray("under_represented");
    for (Representativeness.Group g : r.groups()) {
      ObjectNode go = groups.addObject();
      go.put("dimension", g.dimension());
      go.put("group", g.group());
      boolean show = true;
      if (countsOnly) {
        Cell c = poolCells.get(g.dimension() + "\u0000" + g.group());
        go.putPOJO("pool_count", c.json());
        show = c.shown();
        go.put("reference_share", Math.round(g.referenceShare() * 1000) / 1000.0);
      } else {
        go.put("pool_count", g.poolCount());
        go.put("reference_count", g.referenceCount());
        go.put("reference_share", g.referenceShare());
      }
      if (show) {
        number(go, "pool_share", g.poolShare());
        number(go, "ratio", g.ratio());
        number(go, "lower", g.lower());
        number(go, "upper", g.upper());
      }
      go.put("flag", g.flag().name().toLowerCase(Locale.ROOT));
      if (g.flag() == Representativeness.Flag.UNDER) {
        under.add(g.dimension() + ":" + g.group());
      }
    }
    return o;
  }

  private static void number(ObjectNode o, String k, double v) {
    if (Double.isNaN(v)) {
      o.putNull(k);
    } else {
      o.put(k, v);
    }
  }

  /** Pool counts per group as counts-only sees them, keyed dimension NUL group. */
  static Map<String, Cell> poolCells(Representativeness.Report r, Cell eligibleCell) {
    Map<String, Cell> out = new LinkedHashMap<>();
    SmallCellSuppression.Rule rule = SmallCellSuppression.Rule.standard();
    for (String dim : Representativeness.DIMENSIONS) {
      List<Representativeness.Group> gs =
          r.groups().stream().filter(g -> g.dimension().equals(dim)).toList();
      long[] parts = gs.stream().mapToLong(Representativeness.Group::poolCount).toArray();
      List<Cell> cells =
          SmallCellSuppression.partition(
              "pool", gs.stream().map(Representativeness.Group::group).toList(), parts, rule);
      for (int i = 0; i < gs.size(); i++) {
        Cell c = cells.get(i + 1);
        if (!eligibleCell.shown() && c.shown()) {
          // the parts would add up to the hidden eligible count
          c =
              new Cell(
                  c.label(), c.value(), SmallCellSuppression.Status.COMPLEMENTARY, c.smallText());
        }
        out.put(dim + "\u0000" + gs.get(i).group(), c);
      }
    }
    return out;
  }

  static void writeTable(PrintWriter out, OutputFormat f, ObjectNode rep) {
    if (f == OutputFormat.TABLE) {
      out.println();
      out.printf(
          Locale.ROOT,
          "representativeness: eligible pool (%s) vs %s%s%n",
          rep.path("pool_size").asText(),
          rep.path("reference").asText(),
          rep.has("reference_size") ? " (" + rep.path("reference_size").asText() + ")" : "");
    }
    List<List<String>> rows = new ArrayList<>();
    for (var g : rep.path("groups")) {
      rows.add(
          List.of(
              g.path("dimension").asText(),
              g.path("group").asText(),
              g.path("pool_count").asText(),
              fmt(g.path("pool_share")),
              g.has("reference_count") ? g.path("reference_count").asText() : "",
              fmt(g.path("reference_share")),
              fmt(g.path("ratio")),
              g.has("lower") && !g.path("lower").isNull()
                  ? fmt(g.path("lower")) + "-" + fmt(g.path("upper"))
                  : "",
              g.path("flag").asText()));
    }
    Output.writeTable(
        out,
        f,
        List.of(
            "dimension",
            "group",
            "pool",
            "pool_share",
            "reference",
            "reference_share",
            "ratio",
            "ci95",
            "flag"),
        rows);
  }

  private static String fmt(com.fasterxml.jackson.databind.JsonNode n) {
    return n.isNumber() ? String.format(Locale.ROOT, "%.3f", n.asDouble()) : "";
  }

  static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 3) + "...";
  }
}
