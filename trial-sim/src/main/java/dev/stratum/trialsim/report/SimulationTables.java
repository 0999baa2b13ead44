package dev.stratum.trialsim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.trialsim.sim.Enrichment;
import dev.stratum.trialsim.sim.SimulationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SimulationResult} as tables and JSON: what {@code stratum simulate} and the notebooks'
 * {@code simulate} paragraph show, in one place.
 */
public final class SimulationTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SimulationTables() {}

  /**
   * Quantity / estimate / Monte-Carlo SE rows: power (or type I error), the analytic power, the
   * familywise error with strata, optionally the per-look stopping probabilities, expected size,
   * events and duration, and for enrichment designs how often each stratum was kept and each
   * population's hypothesis rejected.
   */
  public static ResultTable summary(
      SimulationResult r, boolean underNull, boolean withLooks, ResultTable.NumberFormatter f) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(row(f, underNull ? "type I error" : "power", r.rejectProbability(), r.rejectSe()));
    if (!underNull) {
      rows.add(List.of("analytic power", f.format(r.analyticPower(), 4), ""));
    }
    if (!r.design().strata().isEmpty()) {
      rows.add(row(f, "familywise error", r.familywiseError(), r.familywiseErrorSe()));
    }
    if (withLooks) {
      for (SimulationResult.Look l : r.looks()) {
        rows.add(row(f, "look " + l.look() + " reject", l.rejectProbability(), l.rejectSe()));
        rows.add(row(f, "look " + l.look() + " futility", l.futilityProbability(), l.futilitySe()));
      }
    }
    rows.add(row(f, "expected patients", r.expectedPatients(), r.expectedPatientsSe()));
    rows.add(row(f, "expected events", r.expectedEvents(), r.expectedEventsSe()));
    rows.add(row(f, "expected duration", r.expectedDuration(), r.expectedDurationSe()));
    if (!r.strataSelected().isEmpty()) {
      double e = r.enrichedProbability();
      // a proportion of independent replicates: binomial standard error
      rows.add(row(f, "enriched", e, Math.sqrt(e * (1 - e) / r.reps())));
    }
    for (SimulationResult.StratumSelection s : r.strataSelected()) {
      rows.add(row(f, "stratum " + s.name() + " kept", s.probability(), s.se()));
    }
    if (r.design().enrichment() != null) {
      for (SimulationResult.PopulationRejection p : r.populationsRejected()) {
        rows.add(
            row(
                f,
                "reject " + p.population() + (p.trueNull() ? " (true null)" : ""),
                p.probability(),
                p.se()));
      }
    }
    return new ResultTable(List.of("quantity", "estimate", "mc_se"), rows);
  }

  /** One row per look: planned count, bounds, stopping probabilities, mean count and time. */
  public static ResultTable perLook(SimulationResult r, ResultTable.NumberFormatter f) {
    List<List<String>> rows = new ArrayList<>();
    for (SimulationResult.Look l : r.looks()) {
      rows.add(
          List.of(
              String.valueOf(l.look()),
              String.valueOf(r.design().lookCounts()[l.look() - 1]),
              f.format(l.upper(), 4),
              Double.isFinite(l.lower()) ? f.format(l.lower(), 4) : "",
              f.format(l.rejectProbability(), 4),
              f.format(l.rejectSe(), 4),
              f.format(l.futilityProbability(), 4),
              f.format(l.futilitySe(), 4),
              f.format(l.meanCount(), 5),
              f.format(l.meanTime(), 4)));
    }
    return new ResultTable(
        List.of(
            "look",
            "planned",
            "upper_z",
            "lower_z",
            "reject",
            "reject_se",
            "futility",
            "futility_se",
            "mean_count",
            "mean_time"),
        rows);
  }

  /** The JSON document of {@code stratum simulate --format json} (docs/trial-design.md). */
  public static ObjectNode json(SimulationResult r, boolean underNull, int threads) {
    ObjectNode o = JSON.createObjectNode();
    o.put("design", r.design().name());
    o.put("reps", r.reps());
    o.put("seed", r.seed());
    o.put("threads", threads);
    o.put("hypothesis", underNull ? "null" : "design");
    o.put(underNull ? "type_1_error" : "power", r.rejectProbability());
    o.put(underNull ? "type_1_error_se" : "power_se", r.rejectSe());
    if (!underNull) {
      put(o, "analytic_power", r.analyticPower());
    }
    ArrayNode looks = o.putArray("looks");
    for (SimulationResult.Look l : r.looks()) {
      ObjectNode n = looks.addObject();
      n.put("look", l.look());
      n.put("planned", r.design().lookCounts()[l.look() - 1]);
      put(n, "upper_z", l.upper());
      put(n, "lower_z", l.lower());
      n.put("reject", l.rejectProbability());
      n.put("reject_se", l.rejectSe());
      n.put("futility", l.futilityProbability());
      n.put("futility_se", l.futilitySe());
      put(n, "mean_count", l.meanCount());
      put(n, "mean_time", l.meanTime());
    }
    o.put("expected_patients", r.expectedPatients());
    put(o, "expected_patients_se", r.expectedPatientsSe());
    o.put("expected_events", r.expectedEvents());
    put(o, "expected_events_se", r.expectedEventsSe());
    o.put("expected_duration", r.expectedDuration());
    put(o, "expected_duration_se", r.expectedDurationSe());
    if (!r.design().strata().isEmpty()) {
      o.put("familywise_error", r.familywiseError());
      o.put("familywise_error_se", r.familywiseErrorSe());
      ArrayNode s = o.putArray("strata");
      r.design()
          .strata()
          .forEach(
              st -> {
                ObjectNode n = s.addObject();
                n.put("name", st.name());
                n.put("prevalence", st.prevalence());
                put(n, "effect", st.effect());
              });
    }
    Enrichment e = r.design().enrichment();
    if (e != null) {
      o.put("enrichment_test", e.test().label());
      if (e.closed()) {
        o.put("intersection_test", e.intersection().label());
      }
      o.put("enriched_probability", r.enrichedProbability());
      ArrayNode s = o.putArray("strata_selected");
      for (SimulationResult.StratumSelection sel : r.strataSelected()) {
        s.addObject()
            .put("stratum", sel.name())
            .put("probability", sel.probability())
            .put("se", sel.se());
      }
      ArrayNode p = o.putArray("populations_rejected");
      for (SimulationResult.PopulationRejection pr : r.populationsRejected()) {
        p.addObject()
            .put("population", pr.population())
            .put("probability", pr.probability())
            .put("se", pr.se())
            .put("true_null", pr.trueNull());
      }
    }
    return o;
  }

  private static List<String> row(ResultTable.NumberFormatter f, String name, double v, double se) {
    return List.of(name, f.format(v, 4), f.format(se, 4));
  }

  /** A JSON number, or null for NaN/infinite values (JSON has no NaN). */
  static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
