package dev.stratum.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriteriaCommandTest {
  @TempDir Path dir;

  private static final String TEXT =
      "Inclusion Criteria:\n"
          + "  1. Age ≥ 18 years\n"
          + "  2. HbA1c between 7% and 10%\n"
          + "  3. ECOG performance status 0~2\n"
          + "Exclusion Criteria:\n"
          + "  1. ALT > 2.5 x ULN\n"
          + "  2. Chemotherapy within 4 weeks before enrolment\n";

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Stratum.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void parsesTextWithTheContractKeys() throws Exception {
    Path f = dir.resolve("c.txt");
    Files.writeString(f, TEXT, StandardCharsets.UTF_8);
    String[] r = run("criteria", "parse", "--in", f.toString(), "--format", "json");
    assertEquals("0", r[0], r[2]);
    JsonNode j = new ObjectMapper().readTree(r[1]);
    assertEquals(18, j.get("min_age").asDouble(), 0);
    assertTrue(j.get("max_age").isNull());
    assertEquals("all", j.get("sex").asText());
    JsonNode c = j.get("criteria");
    assertEquals(5, c.size());
    List<String> keys =
        List.of(
            "id",
            "kind",
            "text",
            "type",
            "concept",
            "code",
            "negated",
            "operator",
            "value",
            "value2",
            "unit",
            "window");
    for (JsonNode x : c) {
      List<String> got = new java.util.ArrayList<>();
      x.fieldNames().forEachRemaining(got::add);
      // "codes" is added only when a criterion names alternatives ("exon 19 deletion or L858R"),
      // and then lists "code" first.
      if (got.remove("codes")) {
        assertTrue(x.get("codes").size() > 1, x.toString());
        assertEquals(x.get("code").asText(), x.get("codes").get(0).asText(), x.toString());
      }
      assertEquals(keys, got);
    }
    assertEquals("between", c.get(1).get("operator").asText());
    assertEquals(7, c.get(1).get("value").asDouble(), 0);
    assertEquals(10, c.get(1).get("value2").asDouble(), 0);
    assertEquals("%", c.get(1).get("unit").asText());
    assertEquals("exclusion", c.get(3).get("kind").asText());
    assertEquals("x ULN", c.get(3).get("unit").asText());
    assertEquals(4, c.get(4).get("window").get("within").asInt());
    assertEquals("weeks", c.get(4).get("window").get("unit").asText());
  }

  @Test
  void directoryGivesJsonLinesWithSource() throws Exception {
    Files.writeString(dir.resolve("a.txt"), TEXT, StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("NCT1.json"),
        "{\"protocolSection\": {\"identificationModule\": {\"nctId\": \"NCT1\"},"
            + " \"eligibilityModule\": {\"eligibilityCriteria\": \"Inclusion Criteria:\\n* Women"
            + " with breast cancer\", \"sex\": \"FEMALE\", \"minimumAge\": \"21 Years\","
            + " \"maximumAge\": \"N/A\"}}}",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("NCT2.xml"),
        "<clinical_study><id_info><nct_id>NCT2</nct_id></id_info><eligibility><criteria>"
            + "<textblock>Inclusion Criteria: - NSCLC</textblock></criteria><gender>Male</gender>"
            + "<minimum_age>6 Months</minimum_age><maximum_age>N/A</maximum_age></eligibility>"
            + "</clinical_study>",
        StandardCharsets.UTF_8);
    String[] r = run("criteria", "parse", "--in", dir.toString(), "--format", "json");
    assertEquals("0", r[0], r[2]);
    String[] lines = r[1].strip().split("\n");
    assertEquals(3, lines.length);
    ObjectMapper om = new ObjectMapper();
    JsonNode json = om.readTree(lines[0]);
    assertEquals("NCT1.json", json.get("source").asText());
    assertEquals(21, json.get("min_age").asDouble(), 0);
    assertEquals("female", json.get("sex").asText());
    JsonNode xml = om.readTree(lines[1]);
    assertEquals("NCT2.xml", xml.get("source").asText());
    assertEquals(0.5, xml.get("min_age").asDouble(), 1e-12);
    assertEquals("male", xml.get("sex").asText());
    assertEquals("a.txt", om.readTree(lines[2]).get("source").asText());
  }

  @Test
  void badTrialJsonIsBadInput() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"protocolSection\": {}}", StandardCharsets.UTF_8);
    String[] r = run("criteria", "parse", "--in", f.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("bad.json") && r[2].contains("eligibilityCriteria"), r[2]);
    assertEquals("2", run("criteria", "parse", "--in", dir.resolve("none").toString())[0]);
  }
}
