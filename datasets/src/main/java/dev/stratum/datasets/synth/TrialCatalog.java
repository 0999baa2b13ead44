package dev.stratum.datasets.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic trials, loaded from the bundled {@code synth/trials.json}. Each criterion is both a
 * bullet of the registered eligibility text and (unless its type is {@code other}) a rule that
 * {@link EligibilityRules} evaluates against a patient's true state, so the truth follows from the
 * criteria as written.
 */
public final class TrialCatalog {

  /**
   * One criterion: its text and its rule.
   *
   * @param kind inclusion or exclusion
   * @param type age, condition, lab, biomarker, drug, performance, pregnancy, procedure, other
   * @param op comparison for age, lab, performance and PD-L1 rules ({@code <, <=, >=, >, between})
   * @param unit UCUM unit of the threshold, or {@code x ULN} (multiple of the upper limit of
   *     normal)
   * @param codes ICD-10-CM or ICD-10-PCS code prefixes
   * @param variants hotspot ids (vocab/variants.tsv), any of which satisfies the rule
   * @param marker a note-reported biomarker: {@code PD-L1 TPS}, {@code HER2 positive}, {@code ER
   *     positive}
   * @param withinDays look-back window ending on the as-of date, 0 for ever
   */
  public record Criterion(
      String kind,
      String text,
      String type,
      String op,
      double value,
      double value2,
      String unit,
      String loinc,
      List<String> codes,
      List<String> variants,
      String marker,
      List<String> rxcui,
      List<String> atc,
      String role,
      int withinDays) {
    public Criterion {
      codes = List.copyOf(codes);
      variants = List.copyOf(variants);
      rxcui = List.copyOf(rxcui);
      atc = List.copyOf(atc);
    }

    public boolean inclusion() {
      return kind.equals("inclusion");
    }
  }

  /** A trial template; {@code maximumAge} 0 means no upper bound. */
  public record TrialTemplate(
      String nctId,
      String briefTitle,
      List<String> conditions,
      String phase,
      String sex,
      int minimumAge,
      int maximumAge,
      List<Criterion> criteria) {
    public TrialTemplate {
      conditions = List.copyOf(conditions);
      criteria = List.copyOf(criteria);
    }

    /** The eligibility text as ClinicalTrials.gov shows it. */
    public String eligibilityText() {
      StringBuilder sb = new StringBuilder("Inclusion Criteria:\n\n");
      for (Criterion c : criteria) {
        if (c.inclusion()) {
          sb.append("* ").append(c.text()).append('\n');
        }
      }
      sb.append("\nExclusion Criteria:\n\n");
      for (Criterion c : criteria) {
        if (!c.inclusion()) {
          sb.append("* ").append(c.text()).append('\n');
        }
      }
      return sb.toString();
    }

    /** The study as ClinicalTrials.gov API v2 returns it ({@code /api/v2/studies/{nctId}}). */
    public ObjectNode toApiV2Json(ObjectMapper mapper) {
      ObjectNode root = mapper.createObjectNode();
      ObjectNode ps = root.putObject("protocolSection");
      ObjectNode id = ps.putObject("identificationModule");
      id.put("nctId", nctId);
      id.put("briefTitle", briefTitle);
      ObjectNode status = ps.putObject("statusModule");
      status.put("overallStatus", "RECRUITING");
      ArrayNode conds = ps.putObject("conditionsModule").putArray("conditions");
      conditions.forEach(conds::add);
      ObjectNode design = ps.putObject("designModule");
      design.put("studyType", "INTERVENTIONAL");
      ArrayNode phases = design.putArray("phases");
      for (String p : phase.split("/")) {
        phases.add(p);
      }
      ObjectNode el = ps.putObject("eligibilityModule");
      el.put("eligibilityCriteria", eligibilityText());
      el.put("healthyVolunteers", false);
      el.put("sex", sex);
      el.put("minimumAge", minimumAge + " Years");
      if (maximumAge > 0) {
        el.put("maximumAge", maximumAge + " Years");
      }
      ArrayNode std = el.putArray("stdAges");
      if (minimumAge < 18) {
        std.add("CHILD");
      }
      if (minimumAge <= 64 && (maximumAge == 0 || maximumAge >= 18)) {
        std.add("ADULT");
      }
      if (maximumAge == 0 || maximumAge >= 65) {
        std.add("OLDER_ADULT");
      }
      root.put("hasResults", false);
      return root;
    }
  }

  private static volatile TrialCatalog instance;
  private final List<TrialTemplate> trials;

  private TrialCatalog(List<TrialTemplate> trials) {
    this.trials = List.copyOf(trials);
  }

  /** The bundled catalogue. */
  public static TrialCatalog get() {
    TrialCatalog c = instance;
    if (c == null) {
      synchronized (TrialCatalog.class) {
        c = instance;
        if (c == null) {
          c = load();
          instance = c;
        }
      }
    }
    return c;
  }

  public int size() {
    return trials.size();
  }

  public List<TrialTemplate> trials() {
    return trials;
  }

  /** The first {@code n} trials in catalogue order. */
  public List<TrialTemplate> first(int n) {
    return trials.subList(0, n);
  }

  private static TrialCatalog load() {
    String res = "/dev/stratum/datasets/synth/trials.json";
    try (InputStream in = TrialCatalog.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new StratumException("missing bundled resource " + res);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<TrialTemplate> out = new ArrayList<>();
      for (JsonNode t : root.get("trials")) {
        List<Criterion> cs = new ArrayList<>();
        for (JsonNode c : t.get("criteria")) {
          cs.add(
              new Criterion(
                  c.get("kind").asText(),
                  c.get("text").asText(),
                  c.get("type").asText(),
                  c.path("op").asText(""),
                  c.has("value") ? c.get("value").asDouble() : Double.NaN,
                  c.has("value2") ? c.get("value2").asDouble() : Double.NaN,
                  c.path("unit").asText(""),
                  c.path("loinc").asText(""),
                  strings(c.get("codes")),
                  strings(c.get("variants")),
                  c.path("marker").asText(""),
                  strings(c.get("rxcui")),
                  strings(c.get("atc")),
                  c.path("role").asText(""),
                  c.path("withinDays").asInt(0)));
        }
        out.add(
            new TrialTemplate(
                t.get("nctId").asText(),
                t.get("briefTitle").asText(),
                strings(t.get("conditions")),
                t.get("phase").asText(),
                t.get("sex").asText(),
                t.get("minimumAge").asInt(),
                t.path("maximumAge").isNull() ? 0 : t.path("maximumAge").asInt(0),
                cs));
      }
      return new TrialCatalog(out);
    } catch (IOException e) {
      throw new StratumException("cannot read bundled resource " + res, e);
    }
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null) {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }
}
