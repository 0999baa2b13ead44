package dev.stratum.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.criteria.Trial;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Sex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialReadersTest {
  @TempDir Path tmp;

  @Test
  void apiV2JsonFixture() throws IOException {
    List<Trial> t = new TrialJsonReader().readAll(Fixtures.good("trials/NCT03930108.json"));
    assertEquals(1, t.size());
    Trial trial = t.get(0);
    assertEquals("NCT03930108", trial.nctId());
    assertEquals(List.of("Burns", "Sepsis"), trial.conditions());
    assertEquals("NA", trial.phase());
    assertEquals(18.0, trial.minimumAge());
    assertTrue(Double.isNaN(trial.maximumAge()), "no maximumAge: no bound");
    assertEquals(null, trial.sex(), "ALL");
    assertFalse(trial.healthyVolunteers());
    // the registered criteria text, verbatim from the LCT corpus file
    assertEquals(
        Files.readString(
            Path.of(
                System.getProperty("stratum.shared"),
                "data/eligibility-criteria-lct/training/NCT03930108.txt")),
        trial.eligibilityCriteria());
  }

  @Test
  void classicXmlFixture() {
    Trial trial = new TrialXmlReader().readAll(Fixtures.good("trials/NCT03931148.xml")).get(0);
    assertEquals("NCT03931148", trial.nctId());
    assertEquals(List.of("Neurocognitive Disorders", "Dementia"), trial.conditions());
    assertEquals("NA", trial.phase());
    assertEquals(0.5, trial.minimumAge(), "6 Months");
    assertTrue(Double.isNaN(trial.maximumAge()), "N/A");
    assertTrue(trial.eligibilityCriteria().startsWith("Inclusion Criteria:\n  -  French speaker"));
  }

  @Test
  void ages() {
    assertEquals(18, TrialAges.years("18 Years"));
    assertEquals(0.5, TrialAges.years("6 Months"));
    assertEquals(1, TrialAges.years("1 Year"));
    assertEquals(14 / 365.25, TrialAges.years("2 Weeks"));
    assertEquals(30 / 365.25, TrialAges.years("30 Days"));
    assertTrue(Double.isNaN(TrialAges.years("N/A")));
    assertTrue(Double.isNaN(TrialAges.years("")));
    assertThrows(IllegalArgumentException.class, () -> TrialAges.years("eighteen"));
  }

  Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void invalidJsonReportsJacksonsLine() throws IOException {
    Path p =
        write(
            "NCT1.json",
            "{\"protocolSection\": {\n  \"identificationModule\": {\"nctId\": \"NCT1\"},\n"
                + "  \"eligibilityModule\": {\"sex\": \"ALL\",, }\n}}\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new TrialJsonReader().readAll(p));
    assertEquals(p.toString(), e.path().orElseThrow());
    assertEquals(3, e.line());
    // the last field Jackson read before the stray comma
    assertEquals("protocolSection.eligibilityModule.sex", e.field().orElseThrow());
    assertTrue(e.reason().startsWith("invalid JSON: Unexpected character (','"), e.reason());
  }

  @Test
  void missingEligibilityModule() throws IOException {
    Path p =
        write(
            "NCT1.json",
            "{\n \"protocolSection\": {\n  \"identificationModule\": {\"nctId\": \"NCT1\"}\n }\n}\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new TrialJsonReader().readAll(p));
    assertEquals(
        p
            + ":2: field 'protocolSection.eligibilityModule': missing: the trial has no"
            + " eligibility section",
        e.getMessage());
  }

  @Test
  void badAgeAndSex() throws IOException {
    Path p =
        write(
            "NCT1.json",
            TrialJsonReaderContractTest.study(
                "NCT1",
                "\"eligibilityModule\": {\"eligibilityCriteria\": \"x\",\n \"sex\": \"BOTH_SEXES\"}"));
    assertEquals(
        p
            + ":4: field 'protocolSection.eligibilityModule.sex': 'BOTH_SEXES' is not a sex"
            + " (expected ALL, FEMALE or MALE)",
        assertThrows(InvalidInputException.class, () -> new TrialJsonReader().readAll(p))
            .getMessage());
    Path q =
        write(
            "NCT2.json",
            TrialJsonReaderContractTest.study(
                "NCT2",
                "\"eligibilityModule\": {\"eligibilityCriteria\": \"x\", \"minimumAge\": \"65 Years\","
                    + " \"maximumAge\": \"18 Years\", \"sex\": \"FEMALE\"}"));
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new TrialJsonReader().readAll(q));
    assertEquals("protocolSection.eligibilityModule.maximumAge", e.field().orElseThrow());
    assertEquals("maximum age is below the minimum age", e.reason());
  }

  @Test
  void parseFromText() {
    Trial t =
        TrialJsonReader.parse(
            "pasted",
            TrialJsonReaderContractTest.study("NCT9", TrialJsonReaderContractTest.ELIGIBILITY));
    assertEquals("NCT9", t.nctId());
    assertEquals(Sex.MALE, TrialXmlReader.parse("x", xmlWithGender("Male")).sex());
  }

  static String xmlWithGender(String gender) {
    return TrialXmlReaderContractTest.GOOD.replace(
        "<gender>Female</gender>", "<gender>" + gender + "</gender>");
  }

  @Test
  void xmlWithoutCriteria() throws IOException {
    Path p = write("NCT00000001.xml", TrialXmlReaderContractTest.NO_CRITERIA);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new TrialXmlReader().readAll(p));
    assertEquals(
        p + ":4: field 'clinical_study.eligibility.criteria.textblock': required field missing",
        e.getMessage());
  }

  @Test
  void malformedXml() throws IOException {
    Path p =
        write(
            "NCT1.xml",
            "<clinical_study>\n  <brief_title>x</brief_title>\n  <phase>\n</clinical_study>\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new TrialXmlReader().readAll(p));
    assertEquals(4, e.line());
    assertTrue(e.reason().startsWith("invalid XML: "), e.reason());
  }

  @Test
  void xmlWithExternalEntityIsRefused() throws IOException {
    Path p =
        write(
            "NCT1.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                + "<clinical_study><brief_title>&e;</brief_title></clinical_study>\n");
    assertThrows(InvalidInputException.class, () -> new TrialXmlReader().readAll(p));
  }

  @Test
  void xmlPhases() {
    assertEquals(List.of("PHASE1", "PHASE2"), TrialXmlReader.phases("Phase 1/Phase 2"));
    assertEquals(List.of("EARLY_PHASE1"), TrialXmlReader.phases("Early Phase 1"));
    assertEquals(List.of("NA"), TrialXmlReader.phases("N/A"));
  }

  @Test
  void xmlTextblockIndentationIsRemoved() {
    assertEquals(
        "Inclusion Criteria:\n\n  -  adults\n\nExclusion Criteria:",
        TrialXmlReader.dedent(
            "\n        Inclusion Criteria:\n\n          -  adults\n\n        Exclusion Criteria:\n      "));
  }

  @Test
  void jsonWithoutAStudyIsAnError() throws IOException {
    Path p = write("x.json", "{\"foo\": 1}\n");
    assertEquals(
        p
            + ":1: field 'protocolSection': not a ClinicalTrials.gov study: no protocolSection (or"
            + " studies list)",
        assertThrows(InvalidInputException.class, () -> new TrialJsonReader().readAll(p))
            .getMessage());
  }
}
