package dev.stratum.nlp.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.nlp.deid.Deidentifier.Redaction;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeidentifierTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final Deidentifier DEID = Deidentifier.builtIn(KEY);

  /** The header the synthetic generator writes (datasets NoteComposer), with its identifiers. */
  static final String NOTE =
      "ONCOLOGY CONSULTATION\n"
          + "Patient: Maria Garcia    MRN: 48213377    DOB: 03/14/1951\n"
          + "Date of service: 2024-05-02\n"
          + "Address: 4521 Maple Ave, Springfield, IL 62704\n"
          + "Phone: (217) 555-0142    E-mail: m.garcia42@example.org\n\n"
          + "HPI:\n93-year-old woman referred on May 2, 2024 for NSCLC. Ms. Garcia reports cough."
          + " Seen by Dr. Okafor. Follow-up 2024-06-13; repeat CEA 5.2 ng/mL.";

  @Test
  void everyPlantedIdentifierIsRemoved() {
    Deidentifier.Result r = DEID.deidentify("p1", NOTE);
    for (String id :
        List.of(
            "Maria",
            "Garcia",
            "48213377",
            "03/14/1951",
            "2024-05-02",
            "4521 Maple Ave",
            "Springfield",
            "(217) 555-0142",
            "m.garcia42@example.org",
            "93-year-old",
            "May 2, 2024",
            "Okafor",
            "2024-06-13")) {
      assertFalse(r.text().contains(id), id + " left in:\n" + r.text());
    }
    assertTrue(r.text().contains("Patient: [NAME]    MRN: [MRN]"), r.text());
    assertTrue(r.text().contains("90+-year-old woman"), r.text());
    assertTrue(r.text().contains("CEA 5.2 ng/mL"), "clinical values are kept: " + r.text());
    Map<String, Integer> kinds = new TreeMap<>();
    for (Redaction x : r.redactions()) {
      kinds.merge(x.kind(), 1, Integer::sum);
    }
    // name: header (1), "Garcia" again, "Okafor"; dates: DOB, service, May 2, follow-up
    assertEquals(
        Map.of("address", 1, "age", 1, "date", 4, "email", 1, "mrn", 1, "name", 3, "phone", 1),
        kinds);
  }

  @Test
  void datesAreShiftedByOnePerPatientOffsetKeepingIntervals() {
    int shift = DEID.dateShiftDays("p1");
    assertNotEquals(0, shift);
    assertTrue(Math.abs(shift) <= 365);
    String out = DEID.deidentify("p1", NOTE).text();
    LocalDate service = LocalDate.parse("2024-05-02").plusDays(shift);
    LocalDate followUp = LocalDate.parse("2024-06-13").plusDays(shift);
    assertTrue(out.contains("Date of service: " + service), out);
    assertTrue(out.contains("Follow-up " + followUp), out);
    assertEquals(42, ChronoUnit.DAYS.between(service, followUp));
    // the same patient gets the same shift in every note; the offsets differ between patients
    assertEquals(shift, DEID.dateShiftDays("p1"));
    long distinct =
        java.util.stream.IntStream.range(0, 50)
            .map(i -> DEID.dateShiftDays("p" + i))
            .distinct()
            .count();
    assertTrue(distinct > 40, "offsets should vary between patients: " + distinct);
    // another key, another offset
    Deidentifier other =
        Deidentifier.builtIn(
            "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    assertNotEquals(
        List.of(DEID.dateShiftDays("a"), DEID.dateShiftDays("b"), DEID.dateShiftDays("c")),
        List.of(other.dateShiftDays("a"), other.dateShiftDays("b"), other.dateShiftDays("c")));
  }

  @Test
  void invalidDatesAndClinicalNumbersAreLeftAlone() {
    String t = "BP 120/80, ratio 1/2, 02/30/2020 is no date, T4 N2 M1, 5 mg/kg, 12 cycles, 47 yo.";
    assertEquals(List.of(), DEID.find(t));
  }

  /**
   * False positives on the TREC 2021 clinical-trials topics (shared/data/patient-notes-trec2021, 75
   * synthetic admission notes written for TREC with MIMIC-style placeholders): every finding is
   * printed for docs/privacy.md; the only kinds found must be dates (real dates and MIMIC
   * [**2148-10-1**] placeholders) and ages over 89 and names after titles.
   */
  @Test
  void trecNotesFindings() throws Exception {
    Path f =
        Path.of(System.getProperty("stratum.shared", "../../shared"))
            .resolve("data/patient-notes-trec2021/queries.jsonl");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(f), "no TREC notes at " + f);
    ObjectMapper json = new ObjectMapper();
    List<String> findings = new ArrayList<>();
    int notes = 0;
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode n = json.readTree(line);
        String text = n.get("text").asText();
        notes++;
        for (Redaction x : DEID.find(text)) {
          int b = Math.max(0, x.begin() - 20);
          int e = Math.min(text.length(), x.end() + 20);
          findings.add(
              n.get("_id").asText()
                  + "\t"
                  + x.kind()
                  + "\t"
                  + text.substring(x.begin(), x.end())
                  + "\t..."
                  + text.substring(b, e).replace('\n', ' ')
                  + "...");
        }
      }
    }
    findings.forEach(System.out::println);
    System.out.println("TREC notes: " + notes + ", findings: " + findings.size());
    assertTrue(notes >= 50, "notes read: " + notes);
  }
}
