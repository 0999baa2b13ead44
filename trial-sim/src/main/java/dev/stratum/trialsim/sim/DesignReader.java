package dev.stratum.trialsim.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.SchemaMismatchException;
import dev.stratum.trialsim.gsd.GsdSpec;
import dev.stratum.trialsim.gsd.SpendingFunction;
import dev.stratum.trialsim.gsd.UpperBoundary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the trial design JSON format ({@code "format": "stratum-trial-design", "version": 1},
 * documented in docs/trial-design.md). Every error names the file, the line and the field (as a
 * dotted path), e.g. {@code design.json:14: field 'endpoint.hazard_ratio': must be > 0, got -1}.
 * Unknown fields are refused so that a misspelt option is never silently ignored.
 */
public final class DesignReader {
  /** Format name written in every design file. */
  public static final String FORMAT = "stratum-trial-design";

  /** The format version this build reads and writes. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String path;
  private final Map<String, Integer> lines;

  private DesignReader(String path, Map<String, Integer> lines) {
    this.path = path;
    this.lines = lines;
  }

  /** Reads a design file. */
  public static TrialDesign read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /** Parses design JSON; {@code path} labels error messages. */
  public static TrialDesign parse(String path, String json) {
    JsonNode root;
    Map<String, Integer> lines = new HashMap<>();
    try {
      root = JSON.readTree(json);
      indexLines(json, lines);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw InvalidInputException.at(
          path, line, null, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw InvalidInputException.at(path, 1, null, "a design is a JSON object");
    }
    return new DesignReader(path, lines).design(root);
  }

  private static void indexLines(String json, Map<String, Integer> lines)
      throws JsonProcessingException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME || t.isScalarValue() || t.isStructStart()) {
          String ptr = p.getParsingContext().pathAsPointer().toString();
          lines.putIfAbsent(ptr, p.currentTokenLocation().getLineNr());
        }
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private InvalidInputException error(String field, String reason) {
    String ptr = "/" + field.replace('.', '/').replace("[", "/").replace("]", "");
    Integer line = lines.get(ptr);
    while (line == null && ptr.lastIndexOf('/') > 0) {
      ptr = ptr.substring(0, ptr.lastIndexOf('/'));
      line = lines.get(ptr);
    }
    return InvalidInputException.at(path, line == null ? 0 : line, field, reason);
  }

  private void allowOnly(JsonNode node, String where, Set<String> allowed) {
    Iterator<String> it = node.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!allowed.contains(f)) {
        String full = where.isEmpty() ? f : where + "." + f;
        throw error(
            full,
            "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private JsonNode required(JsonNode node, String where, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw error(where.isEmpty() ? name : where + "." + name, "required");
    }
    return v;
  }

  private double number(JsonNode node, String where, String name, double dflt) {
    JsonNode v = node.get(name);
    String full = where.isEmpty() ? name : where + "." + name;
    if (v == null || v.isNull()) {
      if (Double.isNaN(dflt) && !name.equals("effect") && !name.equals("control")) {
        throw error(full, "required");
      }
      return dflt;
    }
    if (!v.isNumber()) {
      throw error(full, "must be a number, got " + v);
    }
    return v.asDouble();
  }

  private int integer(JsonNode node, String where, String name) {
    JsonNode v = required(node, where, name);
    String full = where.isEmpty() ? name : where + "." + name;
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(full, "must be an integer, got " + v);
    }
    return v.asInt();
  }

  private double[] numbers(JsonNode node, String where, String name) {
    JsonNode v = required(node, where, name);
    String full = where + "." + name;
    if (!v.isArray()) {
      throw error(full, "must be an array of numbers");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isNumber()) {
        throw error(full + "[" + i + "]", "must be a number, got " + v.get(i));
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  private TrialDesign design(JsonNode root) {
    allowOnly(
        root,
        "",
        Set.of(
            "format",
            "version",
            "name",
            "description",
            "arms",
            "sample_size",
            "accrual",
            "dropout",
            "endpoint",
            "strata",
            "analyses",
            "boundaries",
            "enrichment",
            "max_duration"));
    JsonNode format = required(root, "", "format");
    if (!FORMAT.equals(format.asText())) {
      throw error("format", "must be \"" + FORMAT + "\", got " + format);
    }
    int version = integer(root, "", "version");
    if (version != VERSION) {
      throw new SchemaMismatchException(path, FORMAT + " version " + version, "version " + VERSION);
    }
    String name = root.path("name").asText("design");
    // arms
    JsonNode arms = required(root, "", "arms");
    if (!arms.isArray() || arms.size() != 2) {
      throw error("arms", "must list exactly two arms (control first, then experimental)");
    }
    List<String> armNames = new ArrayList<>();
    int[] alloc = new int[2];
    for (int i = 0; i < 2; i++) {
      JsonNode a = arms.get(i);
      String w = "arms[" + i + "]";
      allowOnly(a, w, Set.of("name", "allocation"));
      armNames.add(a.path("name").asText(i == 0 ? "control" : "experimental"));
      alloc[i] = a.has("allocation") ? integer(a, w, "allocation") : 1;
    }
    int n = integer(root, "", "sample_size");
    AccrualPlan accrual = accrual(required(root, "", "accrual"));
    double dropout = dropout(root.get("dropout"));
    Endpoint endpoint = endpoint(required(root, "", "endpoint"));
    List<DesignStratum> strata = strata(root.get("strata"));
    JsonNode an = required(root, "", "analyses");
    allowOnly(an, "analyses", Set.of("events", "patients"));
    TrialDesign.LookKind kind;
    String countField;
    if (an.has("events") == an.has("patients")) {
      throw error("analyses", "give either \"events\" or \"patients\" (the count at each look)");
    }
    if (an.has("events")) {
      kind = TrialDesign.LookKind.EVENTS;
      countField = "events";
    } else {
      kind = TrialDesign.LookKind.PATIENTS;
      countField = "patients";
    }
    double[] c = numbers(an, "analyses", countField);
    int[] counts = new int[c.length];
    for (int i = 0; i < c.length; i++) {
      if (c[i] != Math.rint(c[i]) || c[i] < 1) {
        throw error(
            "analyses." + countField + "[" + i + "]", "must be a whole number >= 1, got " + c[i]);
      }
      counts[i] = (int) c[i];
    }
    GsdSpec gsd = boundaries(root.get("boundaries"), counts);
    Enrichment enrichment = null;
    if (root.has("enrichment") && !root.get("enrichment").isNull()) {
      JsonNode e = root.get("enrichment");
      allowOnly(e, "enrichment", Set.of("at_look", "min_z", "test", "intersection"));
      try {
        enrichment =
            new Enrichment(
                integer(e, "enrichment", "at_look"),
                number(e, "enrichment", "min_z", 0),
                Enrichment.Test.parse(e.path("test").asText("closed-inverse-normal")),
                Enrichment.Intersection.parse(e.path("intersection").asText("simes")));
      } catch (IllegalArgumentException ex) {
        throw error("enrichment", ex.getMessage());
      }
    }
    double maxDuration = number(root, "", "max_duration", Double.POSITIVE_INFINITY);
    try {
      return new TrialDesign(
          name,
          armNames,
          alloc,
          n,
          accrual,
          dropout,
          endpoint,
          strata,
          kind,
          counts,
          gsd,
          enrichment,
          maxDuration);
    } catch (IllegalArgumentException ex) {
      throw error(guessField(ex.getMessage()), ex.getMessage());
    }
  }

  private static String guessField(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("look") || m.contains("boundaries")) {
      return "analyses";
    }
    if (m.contains("enrichment")) {
      return "enrichment";
    }
    if (m.contains("sample size")) {
      return "sample_size";
    }
    if (m.contains("allocation") || m.contains("arms")) {
      return "arms";
    }
    if (m.contains("time-to-event")) {
      return "analyses";
    }
    return "design";
  }

  private AccrualPlan accrual(JsonNode a) {
    allowOnly(a, "accrual", Set.of("duration", "periods"));
    try {
      if (a.has("duration")) {
        if (a.has("periods")) {
          throw error("accrual", "give either duration (uniform) or periods (piecewise rates)");
        }
        return AccrualPlan.uniform(number(a, "accrual", "duration", Double.NaN));
      }
      JsonNode p = required(a, "accrual", "periods");
      if (!p.isArray() || p.isEmpty()) {
        throw error("accrual.periods", "must be a non-empty array of {duration, rate}");
      }
      double[] dur = new double[p.size()];
      double[] rate = new double[p.size()];
      for (int i = 0; i < p.size(); i++) {
        String w = "accrual.periods[" + i + "]";
        allowOnly(p.get(i), w, Set.of("duration", "rate"));
        dur[i] = number(p.get(i), w, "duration", i == p.size() - 1 ? 1 : Double.NaN);
        rate[i] = number(p.get(i), w, "rate", Double.NaN);
      }
      return new AccrualPlan(dur, rate);
    } catch (IllegalArgumentException e) {
      throw error("accrual", e.getMessage());
    }
  }

  private double dropout(JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    allowOnly(node, "dropout", Set.of("hazard", "probability", "by_time"));
    if (node.has("hazard")) {
      double h = number(node, "dropout", "hazard", Double.NaN);
      if (!(h >= 0)) {
        throw error("dropout.hazard", "must be >= 0, got " + h);
      }
      return h;
    }
    double p = number(node, "dropout", "probability", Double.NaN);
    double t = number(node, "dropout", "by_time", Double.NaN);
    if (!(p >= 0 && p < 1)) {
      throw error("dropout.probability", "must be in [0, 1), got " + p);
    }
    if (!(t > 0)) {
      throw error("dropout.by_time", "must be > 0, got " + t);
    }
    return -Math.log(1 - p) / t;
  }

  private Endpoint endpoint(JsonNode e) {
    String type = required(e, "endpoint", "type").asText();
    try {
      return switch (type) {
        case "time-to-event" -> {
          allowOnly(
              e,
              "endpoint",
              Set.of("type", "control_median", "control_hazards", "breaks", "hazard_ratio"));
          double hr = number(e, "endpoint", "hazard_ratio", Double.NaN);
          if (e.has("control_median")) {
            yield Endpoint.TimeToEvent.exponential(
                number(e, "endpoint", "control_median", Double.NaN), hr);
          }
          double[] haz = numbers(e, "endpoint", "control_hazards");
          double[] br = e.has("breaks") ? numbers(e, "endpoint", "breaks") : new double[0];
          yield new Endpoint.TimeToEvent(br, haz, hr);
        }
        case "continuous" -> {
          allowOnly(
              e, "endpoint", Set.of("type", "control_mean", "sd", "difference", "assessment_time"));
          yield new Endpoint.Continuous(
              number(e, "endpoint", "control_mean", 0),
              number(e, "endpoint", "sd", Double.NaN),
              number(e, "endpoint", "difference", Double.NaN),
              number(e, "endpoint", "assessment_time", 0));
        }
        case "binary" -> {
          allowOnly(
              e,
              "endpoint",
              Set.of("type", "control_rate", "experimental_rate", "assessment_time"));
          yield new Endpoint.Binary(
              number(e, "endpoint", "control_rate", Double.NaN),
              number(e, "endpoint", "experimental_rate", Double.NaN),
              number(e, "endpoint", "assessment_time", 0));
        }
        default ->
            throw error(
                "endpoint.type",
                "must be time-to-event, continuous or binary, got \"" + type + "\"");
      };
    } catch (IllegalArgumentException ex) {
      throw error(endpointField(ex.getMessage()), ex.getMessage());
    }
  }

  /** The endpoint field a validation message is about, for the error location. */
  private static String endpointField(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    String[][] map = {
      {"hazard ratio", "hazard_ratio"},
      {"control median", "control_median"},
      {"hazard breaks", "breaks"},
      {"hazards", "control_hazards"},
      {"sd", "sd"},
      {"means", "difference"},
      {"response rates", "experimental_rate"},
      {"assessment time", "assessment_time"}
    };
    for (String[] e : map) {
      if (m.startsWith(e[0])) {
        return "endpoint." + e[1];
      }
    }
    return "endpoint";
  }

  private List<DesignStratum> strata(JsonNode s) {
    List<DesignStratum> out = new ArrayList<>();
    if (s == null || s.isNull()) {
      return out;
    }
    if (!s.isArray()) {
      throw error("strata", "must be an array of {name, prevalence, effect, control}");
    }
    double total = 0;
    for (int i = 0; i < s.size(); i++) {
      String w = "strata[" + i + "]";
      JsonNode st = s.get(i);
      allowOnly(st, w, Set.of("name", "prevalence", "effect", "control", "size"));
      try {
        DesignStratum ds =
            new DesignStratum(
                st.path("name").asText("S" + (i + 1)),
                number(st, w, "prevalence", Double.NaN),
                number(st, w, "effect", Double.NaN),
                number(st, w, "control", Double.NaN));
        total += ds.prevalence();
        out.add(ds);
      } catch (IllegalArgumentException ex) {
        throw error(w, ex.getMessage());
      }
    }
    if (!out.isEmpty() && Math.abs(total - 1) > 1e-6) {
      throw error("strata", "prevalences must sum to 1, got " + total);
    }
    return out;
  }

  private GsdSpec boundaries(JsonNode b, int[] counts) {
    double[] timing = TrialDesign.timing(counts);
    if (b == null || b.isNull()) {
      if (counts.length == 1) {
        return new GsdSpec(timing, 0.025, 0.1, 1, UpperBoundary.parse("ldof"), null, false, 18);
      }
      throw error("boundaries", "required when there is more than one look");
    }
    allowOnly(b, "boundaries", Set.of("alpha", "sided", "upper", "lower", "beta", "binding"));
    int sided = b.has("sided") ? integer(b, "boundaries", "sided") : 1;
    double alpha = number(b, "boundaries", "alpha", sided == 2 ? 0.05 : 0.025);
    double beta = number(b, "boundaries", "beta", 0.1);
    try {
      UpperBoundary upper = UpperBoundary.parse(b.path("upper").asText("ldof"));
      String lo = b.path("lower").asText("none");
      SpendingFunction lower = lo.equals("none") ? null : SpendingFunction.parse(lo);
      boolean binding = b.path("binding").asBoolean(false);
      return new GsdSpec(timing, alpha / sided, beta, sided, upper, lower, binding, 18);
    } catch (IllegalArgumentException e) {
      throw error("boundaries", e.getMessage());
    }
  }
}
