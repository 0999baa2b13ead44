package dev.stratum.trialsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.trialsim.power.Hypothesis;
import dev.stratum.trialsim.power.SampleSizeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link SampleSizeResult} as the JSON document of {@code stratum sample-size ... --format json}
 * and as the quantity / value table the CLI and the notebooks show (CLI.md: sizes unrounded and
 * rounded up).
 */
public final class SampleSizeTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleSizeTables() {}

  /** Comparison of means: test (t or z), design, hypothesis, level, sizes and power. */
  public static ObjectNode means(
      SampleSizeResult r,
      String test,
      String design,
      Hypothesis h,
      double alpha,
      int sided,
      boolean twoGroups) {
    ObjectNode o = JSON.createObjectNode();
    o.put("test", test);
    o.put("design", design.toLowerCase(Locale.ROOT));
    o.put("hypothesis", h.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    o.put("alpha", alpha);
    o.put("sided", sided);
    putSizes(o, r, twoGroups);
    return o;
  }

  /** Comparison of rates: pooled z (power.prop.test) or Farrington-Manning with a margin. */
  public static ObjectNode proportions(
      SampleSizeResult r, boolean farringtonManning, double alpha, int sided) {
    ObjectNode o = JSON.createObjectNode();
    o.put("test", farringtonManning ? "farrington-manning" : "pooled-z");
    o.put("alpha", alpha);
    o.put("sided", sided);
    putSizes(o, r, true);
    return o;
  }

  /** Survival: events (and subjects when the accrual is given) and power. */
  public static ObjectNode survival(SampleSizeResult r, String method, double alpha, int sided) {
    ObjectNode o = JSON.createObjectNode();
    o.put("method", method.toLowerCase(Locale.ROOT));
    o.put("alpha", alpha);
    o.put("sided", sided);
    put(o, "events", r.events());
    o.put("events_ceil", (long) Math.ceil(r.events() - 1e-9));
    if (!Double.isNaN(r.nTotal())) {
      put(o, "n_per_group", r.nPerGroup());
      put(o, "n_group2", r.nGroup2());
      put(o, "n_total", r.nTotal());
      o.put("n_per_group_ceil", r.nPerGroupCeil());
      o.put("n_total_ceil", (long) Math.ceil(r.nTotal() - 1e-9));
    }
    put(o, "power", r.power());
    return o;
  }

  /**
   * The JSON document as quantity / value rows: numbers with 6 digits by the front end's formatter,
   * whole numbers as they are, null as NA.
   */
  public static ResultTable quantities(ObjectNode o, ResultTable.NumberFormatter f) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      JsonNode v = e.getValue();
      String text;
      if (v.isIntegralNumber()) {
        text = String.valueOf(v.asLong());
      } else if (v.isNumber()) {
        text = f.format(v.asDouble(), 6);
      } else if (v.isNull()) {
        text = "NA";
      } else {
        text = v.asText();
      }
      rows.add(List.of(e.getKey(), text));
    }
    return new ResultTable(List.of("quantity", "value"), rows);
  }

  private static void putSizes(ObjectNode o, SampleSizeResult r, boolean twoGroups) {
    put(o, "n_per_group", r.nPerGroup());
    if (twoGroups) {
      put(o, "n_group2", r.nGroup2());
    }
    put(o, "n_total", r.nTotal());
    o.put("n_per_group_ceil", r.nPerGroupCeil());
    if (twoGroups) {
      long n2 = (long) Math.ceil(r.nGroup2() - 1e-9);
      o.put("n_group2_ceil", n2);
      o.put("n_total_ceil", r.nPerGroupCeil() + n2);
    } else {
      o.put("n_total_ceil", r.nPerGroupCeil());
    }
    put(o, "power", r.power());
  }

  private static void put(ObjectNode o, String key, double v) {
    SimulationTables.put(o, key, v);
  }
}
