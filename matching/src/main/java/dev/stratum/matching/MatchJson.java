package dev.stratum.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.criteria.TimeWindow;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JSON for the matcher: results in the shape CLI.md gives for {@code stratum match}, and criteria
 * files in the shape {@code stratum criteria parse} writes (plus an optional {@code codes} array,
 * any of which satisfies the criterion, and {@code query} for free-text criteria).
 */
public final class MatchJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MatchJson() {}

  /** {@code {"trial", "counts", "funnel", "patients"}} plus snapshot and evaluation date. */
  public static ObjectNode toJson(MatchResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("trial", r.trialId());
    o.put("snapshot", r.snapshotId());
    o.put("evaluation_date", r.evaluationDate().toString());
    ObjectNode counts = o.putObject("counts");
    counts.put("eligible", r.counts().eligible());
    counts.put("needs_review", r.counts().needsReview());
    counts.put("ineligible", r.counts().ineligible());
    ArrayNode funnel = o.putArray("funnel");
    for (MatchResult.FunnelStep s : r.funnel()) {
      ObjectNode f = funnel.addObject();
      f.put("criterion", s.criterionId());
      f.put("text", s.text());
      f.put("remaining", s.remaining());
    }
    ArrayNode patients = o.putArray("patients");
    for (MatchResult.PatientMatch p : r.patients()) {
      patients.add(patient(p));
    }
    return o;
  }

  /** One patient's object: person_id, status, score, criteria with result and evidence. */
  public static ObjectNode patient(MatchResult.PatientMatch p) {
    ObjectNode po = JSON.createObjectNode();
    po.put("person_id", p.personId());
    po.put("status", p.status().label());
    po.put("score", p.score());
    ArrayNode cs = po.putArray("criteria");
    for (MatchResult.CriterionResult c : p.criteria()) {
      ObjectNode co = cs.addObject();
      co.put("id", c.id());
      co.put("kind", c.kind());
      co.put("text", c.text());
      co.put("result", c.result().label());
      if (!c.reason().isEmpty()) {
        co.put("reason", "not structured: " + c.reason());
      }
      ArrayNode ev = co.putArray("evidence");
      for (MatchResult.Evidence e : c.evidence()) {
        ObjectNode eo = ev.addObject();
        eo.put("kind", e.kind());
        if (!e.source().isEmpty()) {
          eo.put("source", e.source());
        }
        if (!e.code().isEmpty()) {
          eo.put("code", e.code());
        }
        if (e.date() != null) {
          eo.put("date", e.date().toString());
        }
        if (!Double.isNaN(e.value())) {
          eo.put("value", e.value());
        }
        if (!e.unit().isEmpty()) {
          eo.put("unit", e.unit());
        }
        eo.put("text", e.text());
        if (e.begin() >= 0) {
          eo.put("begin", e.begin());
          eo.put("end", e.end());
        }
        if (!e.assertion().isEmpty()) {
          eo.put("assertion", e.assertion());
        }
      }
    }
    return po;
  }

  /** Reads a criteria file (the JSON {@code stratum criteria parse} writes). */
  public static ParsedCriteria readCriteria(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw InvalidInputException.ofArgument(
          "--criteria", "cannot read " + file + ": " + e.getMessage());
    }
    String where = file.toString();
    JsonNode list = root.path("criteria");
    if (!list.isArray()) {
      throw InvalidInputException.at(where, 1, "criteria", "expected an array of criteria");
    }
    List<MatchCriterion> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : list) {
      String field = "criteria[" + i + "]";
      try {
        out.add(criterion(c));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw InvalidInputException.at(where, 1, field, e.getMessage());
      }
      i++;
    }
    String id = text(root, "trial", text(root, "source", file.getFileName().toString()));
    return new ParsedCriteria(
        id.replaceFirst("\\.json$", ""),
        number(root, "min_age"),
        number(root, "max_age"),
        text(root, "sex", "all"),
        out);
  }

  /**
   * A criteria file's content.
   *
   * @param trialId the trial id (file name when the file names none)
   * @param minAge minimum age in years, NaN when none
   * @param maxAge maximum age in years, NaN when none
   * @param sex all, female or male
   * @param criteria the criteria
   */
  public record ParsedCriteria(
      String trialId, double minAge, double maxAge, String sex, List<MatchCriterion> criteria) {}

  static MatchCriterion criterion(JsonNode c) {
    String id = c.path("id").asText(null);
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("missing 'id'");
    }
    CriterionKind kind =
        CriterionKind.valueOf(c.path("kind").asText("inclusion").toUpperCase(Locale.ROOT));
    CriterionType type = CriterionType.fromLabel(c.path("type").asText("other"));
    List<Code> codes = new ArrayList<>();
    if (c.hasNonNull("code")) {
      codes.add(code(c.get("code").asText()));
    }
    if (c.has("codes")) {
      for (JsonNode x : c.get("codes")) {
        Code k = code(x.asText());
        if (!codes.contains(k)) {
          codes.add(k);
        }
      }
    }
    String op = c.hasNonNull("operator") ? c.get("operator").asText() : null;
    TimeWindow window = null;
    if (c.hasNonNull("window")) {
      window =
          TimeWindow.of(
              c.get("window").path("within").asInt(), c.get("window").path("unit").asText("days"));
    }
    return new MatchCriterion(
        id,
        kind,
        c.path("text").asText(""),
        type,
        c.path("concept").asText(""),
        codes,
        c.path("negated").asBoolean(false),
        op == null ? null : Comparison.fromSymbol(op),
        number(c, "value"),
        number(c, "value2"),
        c.hasNonNull("unit") ? c.get("unit").asText() : "",
        window,
        c.path("query").asText(""));
  }

  private static Code code(String s) {
    int colon = s.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("code '" + s + "' is not SYSTEM:code");
    }
    return Code.of(
        CodeSystem.valueOf(s.substring(0, colon).toUpperCase(Locale.ROOT)), s.substring(colon + 1));
  }

  private static double number(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asDouble() : Double.NaN;
  }

  private static String text(JsonNode n, String field, String dflt) {
    return n.hasNonNull(field) ? n.get(field).asText() : dflt;
  }
}
