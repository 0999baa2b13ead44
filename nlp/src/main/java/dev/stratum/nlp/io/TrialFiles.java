package dev.stratum.nlp.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.stratum.core.criteria.Trial;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Sex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a trial's eligibility from the three forms {@code criteria parse} accepts: plain criteria
 * text ({@code .txt}), a ClinicalTrials.gov API v2 study ({@code .json}: {@code
 * protocolSection.eligibilityModule}), or a classic ClinicalTrials.gov record ({@code .xml}: {@code
 * clinical_study/eligibility}). Field names as in docs/data-formats.md.
 */
public final class TrialFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final XmlMapper XML = new XmlMapper();
  private static final Pattern AGE =
      Pattern.compile(
          "^\\s*(\\d+(?:\\.\\d+)?)\\s*(year|years|month|months|week|weeks|day|days|hour|hours|minute|minutes)?\\s*$",
          Pattern.CASE_INSENSITIVE);

  private TrialFiles() {}

  /** Whether {@code p} has an extension this reader understands. */
  public static boolean supported(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".txt") || n.endsWith(".json") || n.endsWith(".xml");
  }

  /**
   * The trial in {@code file}.
   *
   * @throws InvalidInputException naming the file and field when it cannot be read
   */
  public static Trial read(Path file) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage(), e);
    }
    if (lower.endsWith(".json")) {
      return fromJson(file.toString(), stem, content);
    }
    if (lower.endsWith(".xml")) {
      return fromXml(file.toString(), stem, content);
    }
    return new Trial(stem, "", List.of(), "", content, null, Double.NaN, Double.NaN, false);
  }

  /** A trial from ClinicalTrials.gov API v2 JSON (a study, or a search result's first study). */
  public static Trial fromJson(String source, String fallbackId, String content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (IOException e) {
      throw InvalidInputException.at(source, 0, null, "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw InvalidInputException.at(source, 0, null, "expected a JSON object (a study)");
    }
    if (root.has("studies") && root.get("studies").isArray() && !root.get("studies").isEmpty()) {
      root = root.get("studies").get(0);
    }
    JsonNode ps = root.path("protocolSection");
    JsonNode el =
        ps.isMissingNode() ? root.path("eligibilityModule") : ps.path("eligibilityModule");
    if (el.isMissingNode() || !el.has("eligibilityCriteria")) {
      throw InvalidInputException.at(
          source, 0, "protocolSection.eligibilityModule.eligibilityCriteria", "missing");
    }
    String id = ps.path("identificationModule").path("nctId").asText(fallbackId);
    String title = ps.path("identificationModule").path("briefTitle").asText("");
    List<String> conditions = new ArrayList<>();
    ps.path("conditionsModule").path("conditions").forEach(c -> conditions.add(c.asText()));
    JsonNode phases = ps.path("designModule").path("phases");
    String phase = phases.isArray() && !phases.isEmpty() ? phases.get(0).asText() : "";
    return new Trial(
        id,
        title,
        conditions,
        phase,
        el.path("eligibilityCriteria").asText(""),
        sex(source, "eligibilityModule.sex", el.path("sex").asText("ALL")),
        age(source, "eligibilityModule.minimumAge", el.path("minimumAge").asText("")),
        age(source, "eligibilityModule.maximumAge", el.path("maximumAge").asText("")),
        el.path("healthyVolunteers").asBoolean(false));
  }

  /** A trial from a classic ClinicalTrials.gov XML record. */
  public static Trial fromXml(String source, String fallbackId, String content) {
    JsonNode root;
    try {
      root = XML.readTree(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw InvalidInputException.at(source, 0, null, "not valid XML: " + e.getMessage(), e);
    }
    JsonNode el = root.path("eligibility");
    JsonNode text = el.path("criteria").path("textblock");
    if (text.isMissingNode()) {
      throw InvalidInputException.at(
          source, 0, "clinical_study/eligibility/criteria/textblock", "missing");
    }
    String id = root.path("id_info").path("nct_id").asText(fallbackId);
    List<String> conditions = new ArrayList<>();
    JsonNode cond = root.path("condition");
    if (cond.isArray()) {
      cond.forEach(c -> conditions.add(c.asText()));
    } else if (!cond.isMissingNode()) {
      conditions.add(cond.asText());
    }
    return new Trial(
        id,
        root.path("brief_title").asText(""),
        conditions,
        root.path("phase").asText(""),
        text.asText(""),
        sex(source, "eligibility/gender", el.path("gender").asText("All")),
        age(source, "eligibility/minimum_age", el.path("minimum_age").asText("")),
        age(source, "eligibility/maximum_age", el.path("maximum_age").asText("")),
        el.path("healthy_volunteers").asText("").toLowerCase(Locale.ROOT).startsWith("accepts"));
  }

  static Sex sex(String source, String field, String s) {
    return switch (s.strip().toUpperCase(Locale.ROOT)) {
      case "", "ALL", "BOTH" -> null;
      case "FEMALE" -> Sex.FEMALE;
      case "MALE" -> Sex.MALE;
      default ->
          throw InvalidInputException.at(
              source, 0, field, "expected ALL, FEMALE or MALE, got '" + s + "'");
    };
  }

  /** "18 Years", "6 Months", "N/A" or empty as years (NaN for no bound). */
  static double age(String source, String field, String s) {
    String v = s.strip();
    if (v.isEmpty() || v.equalsIgnoreCase("N/A") || v.equalsIgnoreCase("none")) {
      return Double.NaN;
    }
    Matcher m = AGE.matcher(v);
    if (!m.matches()) {
      throw InvalidInputException.at(
          source, 0, field, "expected an age such as '18 Years', got '" + s + "'");
    }
    double n = Double.parseDouble(m.group(1));
    String u = m.group(2) == null ? "years" : m.group(2).toLowerCase(Locale.ROOT);
    return switch (u.charAt(0)) {
      case 'm' -> u.startsWith("mi") ? n / 525960 : n / 12;
      case 'w' -> n * 7 / 365.25;
      case 'd' -> n / 365.25;
      case 'h' -> n / 8766;
      default -> n;
    };
  }
}
