package dev.stratum.trialsim.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.trialsim.gsd.GsdSpec;

/**
 * Writes a {@link TrialDesign} in the design format that {@link DesignReader} reads, so that a
 * design changed in code (strata from a stratification, the null hypothesis, a capped sample size)
 * can be saved or shipped to another process (Spark executors) and read back equal: {@code
 * DesignReader.parse(p, DesignWriter.toJson(d)).equals(d)}. Doubles are written in Jackson's
 * shortest round-trip form, hazards rather than medians, so nothing is lost.
 */
public final class DesignWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DesignWriter() {}

  /** The design as a JSON document of format {@value DesignReader#FORMAT}, version 1. */
  public static String toJson(TrialDesign d) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toNode(d));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write design " + d.name(), e);
    }
  }

  /** The design as a JSON tree. */
  public static ObjectNode toNode(TrialDesign d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", DesignReader.FORMAT);
    o.put("version", DesignReader.VERSION);
    o.put("name", d.name());
    ArrayNode arms = o.putArray("arms");
    for (int i = 0; i < 2; i++) {
      arms.addObject().put("name", d.armNames().get(i)).put("allocation", d.allocation()[i]);
    }
    o.put("sample_size", d.sampleSize());
    AccrualPlan a = d.accrual();
    ObjectNode acc = o.putObject("accrual");
    if (a.isUniform()) {
      acc.put("duration", a.durations()[0]);
    } else {
      ArrayNode periods = acc.putArray("periods");
      for (int i = 0; i < a.rates().length; i++) {
        periods.addObject().put("duration", a.durations()[i]).put("rate", a.rates()[i]);
      }
    }
    o.putObject("dropout").put("hazard", d.dropoutHazard());
    ObjectNode e = o.putObject("endpoint");
    switch (d.endpoint()) {
      case Endpoint.TimeToEvent t -> {
        e.put("type", "time-to-event");
        ArrayNode h = e.putArray("control_hazards");
        for (double x : t.controlHazards()) {
          h.add(x);
        }
        if (t.breaks().length > 0) {
          ArrayNode b = e.putArray("breaks");
          for (double x : t.breaks()) {
            b.add(x);
          }
        }
        e.put("hazard_ratio", t.hazardRatio());
      }
      case Endpoint.Continuous c -> {
        e.put("type", "continuous");
        e.put("control_mean", c.controlMean());
        e.put("sd", c.sd());
        e.put("difference", c.difference());
        e.put("assessment_time", c.assessmentTime());
      }
      case Endpoint.Binary b -> {
        e.put("type", "binary");
        e.put("control_rate", b.controlRate());
        e.put("experimental_rate", b.experimentalRate());
        e.put("assessment_time", b.assessmentTime());
      }
    }
    if (!d.strata().isEmpty()) {
      ArrayNode s = o.putArray("strata");
      for (DesignStratum st : d.strata()) {
        ObjectNode n = s.addObject();
        n.put("name", st.name());
        n.put("prevalence", st.prevalence());
        if (!Double.isNaN(st.effect())) {
          n.put("effect", st.effect());
        }
        if (!Double.isNaN(st.control())) {
          n.put("control", st.control());
        }
      }
    }
    ArrayNode counts =
        o.putObject("analyses")
            .putArray(d.looks() == TrialDesign.LookKind.EVENTS ? "events" : "patients");
    for (int c : d.lookCounts()) {
      counts.add(c);
    }
    GsdSpec g = d.boundaries();
    ObjectNode b = o.putObject("boundaries");
    b.put("alpha", g.alpha() * g.sided());
    b.put("sided", g.sided());
    b.put("upper", g.upper().name());
    b.put("lower", g.lower() == null ? "none" : g.lower().name());
    b.put("beta", g.beta());
    b.put("binding", g.binding());
    if (d.enrichment() != null) {
      Enrichment en = d.enrichment();
      o.putObject("enrichment")
          .put("at_look", en.atLook())
          .put("min_z", en.minZ())
          .put("test", en.test().label())
          .put("intersection", en.intersection().label());
    }
    if (Double.isFinite(d.maxDuration())) {
      o.put("max_duration", d.maxDuration());
    }
    return o;
  }
}
