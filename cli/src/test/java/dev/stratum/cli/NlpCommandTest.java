package dev.stratum.cli;

import static dev.stratum.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NlpCommandTest {
  @TempDir Path dir;

  @Test
  void extractWritesFactsAsJson() throws Exception {
    Path notes = dir.resolve("notes.jsonl");
    Files.writeString(
        notes,
        "{\"_id\": \"n1\", \"person_id\": \"1\", \"note_date\": \"2024-03-01\", \"text\":"
            + " \"58F with T2DM, HbA1c 8.2%. Denies chest pain. Mother had breast cancer.\"}\n",
        StandardCharsets.UTF_8);
    CliHarness r =
        run(
            "nlp",
            "extract",
            "--in",
            notes.toString(),
            "--format",
            "json",
            "--role",
            "recruiter",
            "--consent-from",
            consentDir(dir, "1").toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode facts = new ObjectMapper().readTree(r.out());
    assertTrue(facts.isArray());
    JsonNode dm = find(facts, "type 2 diabetes mellitus");
    assertEquals("ICD10CM:E11.9", dm.get("code").asText());
    assertEquals("2024-03-01", dm.get("date").asText());
    JsonNode a1c = find(facts, "HbA1c");
    assertEquals(8.2, a1c.get("value").asDouble(), 1e-12);
    assertEquals("%", a1c.get("unit").asText());
    assertTrue(find(facts, "chest pain").get("negated").asBoolean());
    assertEquals("family", find(facts, "breast cancer").get("experiencer").asText());
  }

  /** A raw-data directory whose observation table grants research consent to these persons. */
  static Path consentDir(Path parent, String... persons) throws java.io.IOException {
    Path d = parent.resolve("consent-" + String.join("-", persons));
    Files.createDirectories(d.resolve("omop"));
    StringBuilder sb =
        new StringBuilder(
            "observation_id,person_id,observation_concept_id,observation_date,"
                + "observation_source_value,value_as_number,value_as_string\n");
    int i = 1;
    for (String p : persons) {
      sb.append(i++)
          .append(',')
          .append(p)
          .append(",0,2020-01-01,STRATUM:consent_research,,granted\n");
    }
    Files.writeString(d.resolve("omop/observation.csv"), sb.toString(), StandardCharsets.UTF_8);
    return d;
  }

  private static JsonNode find(JsonNode facts, String concept) {
    for (JsonNode f : facts) {
      if (f.get("concept").asText().equals(concept)) {
        return f;
      }
    }
    throw new AssertionError("no fact for " + concept + " in " + facts);
  }

  @Test
  void assertionsWritesOneRowPerInputRowInOrder() throws Exception {
    Path in = dir.resolve("in.tsv");
    Path out = dir.resolve("out.tsv");
    Files.writeString(
        in,
        "id\tsentence\ttarget\n"
            + "a\tThe patient denies chest pain.\tchest pain\n"
            + "b\tHis mother had breast cancer.\tbreast cancer\n"
            + "c\tshort row only\n"
            + "d\tPossible pneumonia in the left lower lobe.\tPNEUMONIA\n"
            + "e\tHistory of myocardial infarction.\tmyocardial infraction\n",
        StandardCharsets.UTF_8);
    CliHarness r = run("nlp", "assertions", "--in", in.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(
        List.of(
            "id\tnegated\tuncertain\thistorical\texperiencer",
            "a\ttrue\tfalse\tfalse\tpatient",
            "b\tfalse\tfalse\tfalse\tfamily",
            "c\tfalse\tfalse\tfalse\tpatient",
            "d\tfalse\ttrue\tfalse\tpatient",
            "e\tfalse\tfalse\ttrue\tpatient"),
        lines);
  }

  @Test
  void evaluateScoresFactsAgainstTruth() throws Exception {
    Path notes = dir.resolve("note.csv");
    Files.writeString(
        notes,
        "note_id,person_id,note_date,note_text\n"
            + "1,7,2024-01-02,\"Denies chest pain. History of myocardial infarction.\"\n",
        StandardCharsets.UTF_8);
    Path truth = dir.resolve("facts.csv");
    // spans: "chest pain" at 7..17, "myocardial infarction" at 30..51 of the note text
    Files.writeString(
        truth,
        "note_id,person_id,category,concept,code,value,unit,negated,uncertain,historical,"
            + "experiencer,begin,end,text\n"
            + "1,7,symptom,chest pain,ICD10CM:R07.9,,,true,false,false,patient,7,17,chest pain\n"
            + "1,7,condition,myocardial infarction,ICD10CM:I21.9,,,false,false,true,patient,30,51,"
            + "myocardial infarction\n",
        StandardCharsets.UTF_8);
    CliHarness r =
        run(
            "nlp",
            "evaluate",
            "--notes",
            notes.toString(),
            "--truth",
            truth.toString(),
            "--format",
            "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(1.0, j.get("facts").get("precision").asDouble(), 0);
    assertEquals(1.0, j.get("facts").get("recall").asDouble(), 0);
    assertEquals(2, j.get("facts").get("gold").asInt());
  }

  @Test
  void missingInputIsBadInput() {
    CliHarness r =
        run("nlp", "assertions", "--in", dir.resolve("nope.tsv").toString(), "--out", "x");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--in"), r.err());
    assertEquals(2, run("nlp", "extract").exitCode());
  }

  @Test
  void badNoteDateNamesFileLineAndField() throws Exception {
    Path notes = dir.resolve("bad.jsonl");
    Files.writeString(notes, "{\"_id\": \"n1\", \"note_date\": \"03/01/2024\", \"text\": \"x\"}\n");
    CliHarness r =
        run("nlp", "extract", "--in", notes.toString(), "--format", "json", "--role", "recruiter");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("bad.jsonl:1") && r.err().contains("note_date"), r.err());
  }
}
