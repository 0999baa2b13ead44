package dev.stratum.nlp.criteria;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.criteria.EligibilityCriterion;
import dev.stratum.core.criteria.TrialCriteria;

/** The {@code criteria parse} JSON of CLI.md, built from parsed criteria. */
public final class CriteriaJson {
  private CriteriaJson() {}

  /**
   * {@code {"min_age", "max_age", "sex", "criteria": [{"id", "kind", "text", "type", "concept",
   * "code", ["codes",] "negated", "operator", "value", "value2", "unit", "window": {"within",
   * "unit"}}]}}; a missing number, code, operator, unit or window is null. {@code code} is {@code
   * SYSTEM:code}.
   */
  public static ObjectNode toJson(TrialCriteria t) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    number(o, "min_age", t.minAge());
    number(o, "max_age", t.maxAge());
    o.put("sex", t.sexLabel());
    ArrayNode arr = o.putArray("criteria");
    for (EligibilityCriterion c : t.criteria()) {
      ObjectNode n = arr.addObject();
      n.put("id", c.id());
      n.put("kind", c.kind().label());
      n.put("text", c.text());
      n.put("type", c.type().label());
      if (c.concept().isEmpty()) {
        n.putNull("concept");
      } else {
        n.put("concept", c.concept());
      }
      if (c.code() == null) {
        n.putNull("code");
      } else {
        n.put("code", c.code().toString());
      }
      if (c.codes().size() > 1) {
        // Alternatives ("NSCLC or colorectal cancer"): any of them satisfies the criterion.
        ArrayNode codes = n.putArray("codes");
        c.codes().forEach(x -> codes.add(x.toString()));
      }
      n.put("negated", c.negated());
      if (c.operator() == null) {
        n.putNull("operator");
      } else {
        n.put("operator", c.operator().symbol());
      }
      number(n, "value", c.value());
      number(n, "value2", c.value2());
      if (c.unit().isEmpty()) {
        n.putNull("unit");
      } else {
        n.put("unit", c.unit());
      }
      if (c.window() == null) {
        n.putNull("window");
      } else {
        ObjectNode w = n.putObject("window");
        w.put("within", c.window().within());
        w.put("unit", c.window().unitLabel());
      }
    }
    return o;
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isNaN(v)) {
      o.putNull(key);
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      o.put(key, (long) v);
    } else {
      o.put(key, v);
    }
  }
}
