package dev.stratum.cli;

import static dev.stratum.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stratum features}: build, list and catalog on a one-table raw directory. */
class FeaturesCommandTest {
  @TempDir Path tmp;

  static final String PERSON_HEADER =
      "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,"
          + "race_concept_id,ethnicity_concept_id,location_id,provider_id,care_site_id,"
          + "person_source_value,gender_source_value,gender_source_concept_id,race_source_value,"
          + "race_source_concept_id,ethnicity_source_value,ethnicity_source_concept_id";

  Path raw() throws Exception {
    Path raw = tmp.resolve("raw");
    Files.createDirectories(raw.resolve("omop"));
    Files.writeString(
        raw.resolve("omop/person.csv"),
        PERSON_HEADER
            + "\n1,8507,1960,,,,,,,,,,,,,,,\n2,8532,1970,,,,,,,,,,,,,,,\n"
            + "x,8532,1970,,,,,,,,,,,,,,,\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        raw.resolve("omop/note.csv"),
        "note_id,person_id,note_date,note_datetime,note_type_concept_id,note_class_concept_id,"
            + "note_title,note_text,encoding_concept_id,language_concept_id,provider_id,"
            + "visit_occurrence_id,visit_detail_id,note_source_value,note_event_id,"
            + "note_event_field_concept_id\n"
            + "7,1,2023-05-02,,32817,0,Clinic note,\"Known type 2 diabetes mellitus."
            + " No history of heart failure.\",0,0,,,,,,\n",
        StandardCharsets.UTF_8);
    return raw;
  }

  @Test
  void buildsListsAndShowsTheCatalog() throws Exception {
    Path raw = raw();
    Path store = tmp.resolve("store");
    Path key = tmp.resolve("secrets/pseudonym.key");
    CliHarness r =
        run(
            "features",
            "--raw",
            raw.toString(),
            "--store",
            store.toString(),
            "--key-file",
            key.toString(),
            "--create-key",
            "--as-of",
            "2024-01-01",
            "--master",
            "local[1]",
            "--format",
            "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Output.json().readTree(r.out());
    assertEquals(4, j.get("records_in").asInt(), "three person records and one note");
    assertEquals(1, j.get("records_quarantined").asInt(), "person_id 'x' is not an id");
    assertEquals(2, j.get("tables").get("patients").asInt());
    assertEquals(
        2,
        j.get("tables").get("note_facts").asInt(),
        "the NLP module runs over notes: diabetes affirmed, heart failure negated");
    assertEquals("2024-01-01", j.get("as_of").asText());
    assertTrue(Files.isRegularFile(key), "the demo key file was created");
    assertTrue(r.err().contains("created pseudonym key file"));
    assertTrue(!r.out().contains(Files.readString(key).strip()), "the key is never printed");

    CliHarness list = run("features", "list", "--store", store.toString(), "--format", "json");
    assertEquals(0, list.exitCode(), list.err());
    JsonNode snaps = Output.json().readTree(list.out());
    assertEquals(1, snaps.size());
    assertEquals(j.get("snapshot").asText(), snaps.get(0).get("id").asText());
    assertTrue(snaps.get(0).get("current").asBoolean());

    CliHarness cat = run("features", "catalog", "--store", store.toString());
    assertEquals(0, cat.exitCode(), cat.err());
    assertTrue(cat.out().contains("age_years"), cat.out());
    assertTrue(cat.out().startsWith("name"), "a table with a header row");
  }

  @Test
  void badInputIsExitCodeTwo() throws Exception {
    CliHarness noRaw = run("features", "--store", tmp.resolve("s").toString());
    assertEquals(2, noRaw.exitCode());
    assertTrue(noRaw.err().contains("--raw"), noRaw.err());

    CliHarness missing =
        run("features", "--raw", tmp.resolve("nope").toString(), "--store", tmp.toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("not a directory"), missing.err());

    CliHarness badDay =
        run(
            "features",
            "--raw",
            raw().toString(),
            "--store",
            tmp.resolve("s").toString(),
            "--as-of",
            "2024-13-01");
    assertEquals(2, badDay.exitCode());
    assertTrue(badDay.err().contains("--as-of"), badDay.err());

    CliHarness notAStore = run("features", "list", "--store", tmp.toString());
    assertEquals(2, notAStore.exitCode());
    assertTrue(notAStore.err().contains("not a feature store"), notAStore.err());
  }
}
