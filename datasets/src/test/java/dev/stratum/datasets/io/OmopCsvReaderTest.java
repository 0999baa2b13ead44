package dev.stratum.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.clinical.ClinicalEvent;
import dev.stratum.core.clinical.Death;
import dev.stratum.core.clinical.EventDomain;
import dev.stratum.core.clinical.Note;
import dev.stratum.core.clinical.ObservationPeriod;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.model.Person;
import dev.stratum.core.model.Sex;
import dev.stratum.core.units.Quantity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmopCsvReaderTest {
  @TempDir Path tmp;

  static <T> List<T> read(OmopTable<T> table) {
    return OmopCsvReader.of(table).readAll(Fixtures.good("omop/" + table.fileName()));
  }

  Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  InvalidInputException strictError(OmopTable<?> table, Path p) {
    return assertThrows(
        InvalidInputException.class,
        () -> OmopCsvReader.of(table).read(p, ReadPolicy.strict(), r -> {}));
  }

  // ---- good files: every table of the fixture directory ------------------------------------

  @Test
  void person() {
    List<Person> persons = read(OmopTable.PERSON);
    assertEquals(
        List.of(
            new Person(
                "1001", Sex.FEMALE, LocalDate.of(1961, 4, 12), "White", "Not Hispanic or Latino"),
            new Person(
                "1002",
                Sex.MALE,
                LocalDate.of(1957, 11, 3),
                "Black or African American",
                "Not Hispanic or Latino"),
            // year only: imputed to 1 July (mid-year)
            new Person(
                "1003", Sex.FEMALE, LocalDate.of(1970, 7, 1), "Asian", "Hispanic or Latino")),
        persons);
  }

  @Test
  void observationPeriod() {
    assertEquals(
        new ObservationPeriod("1002", LocalDate.of(2016, 3, 15), LocalDate.of(2023, 2, 1)),
        read(OmopTable.OBSERVATION_PERIOD).get(1));
  }

  @Test
  void conditionsUseIcd10CmOrFallBackToTheConceptId() {
    List<ClinicalEvent> c = read(OmopTable.CONDITION_OCCURRENCE);
    assertEquals(4, c.size());
    ClinicalEvent first = c.get(0);
    assertEquals(EventDomain.CONDITION, first.domain());
    assertEquals(Code.of(CodeSystem.ICD10CM, "C34.90"), first.code());
    assertEquals(LocalDate.of(2019, 5, 20), first.start());
    assertNull(first.end());
    assertEquals("condition_occurrence.csv:2", first.sourceRecord());
    assertEquals(LocalDate.of(2016, 8, 1), c.get(1).end());
    // "local-dm2" is no ICD-10-CM code; concept 201826 (type 2 diabetes mellitus) stands in
    assertEquals(Code.of(CodeSystem.OMOP, "201826"), c.get(3).code());
    assertEquals("local-dm2", c.get(3).code().display());
  }

  @Test
  void drugsAreRxNormOrAtc() {
    List<ClinicalEvent> d = read(OmopTable.DRUG_EXPOSURE);
    assertEquals(Code.of(CodeSystem.RXNORM, "1721560"), d.get(0).code());
    assertEquals(LocalDate.of(2019, 12, 1), d.get(0).end());
    assertEquals(Code.of(CodeSystem.ATC, "A10BA02"), d.get(2).code());
  }

  @Test
  void measurementsCarryCanonicalUcumQuantities() {
    List<ClinicalEvent> m = read(OmopTable.MEASUREMENT);
    assertEquals(Code.of(CodeSystem.LOINC, "718-7"), m.get(0).code());
    assertEquals(new Quantity(13.1, "g/dL"), m.get(0).value());
    assertEquals(new Quantity(8.2, "%"), m.get(1).value());
    assertEquals(new Quantity(0.9, "mg/dL"), m.get(2).value(), "mg/dl is normalised");
    assertNull(m.get(3).value());
    assertEquals("positive", m.get(3).valueText());
  }

  @Test
  void observationsAndConsent() {
    List<ClinicalEvent> o = read(OmopTable.OBSERVATION);
    assertEquals(Code.of(CodeSystem.STRATUM, "consent_research"), o.get(0).code());
    assertEquals("granted", o.get(0).valueText());
    assertEquals(new Quantity(1, "1"), o.get(2).value(), "ECOG 1");
    assertEquals("former", o.get(3).valueText());
    var consents = o.stream().flatMap(e -> Consents.of(e).stream()).toList();
    assertEquals(2, consents.size());
    assertTrue(consents.get(0).granted());
    assertEquals("1002", consents.get(1).personId());
    assertEquals(false, consents.get(1).granted());
    var later =
        new dev.stratum.core.model.Consent(
            "1002",
            dev.stratum.core.model.Consent.ConsentTier.RESEARCH,
            true,
            LocalDate.of(2020, 1, 1));
    var latest =
        Consents.latest(
            java.util.stream.Stream.concat(consents.stream(), java.util.stream.Stream.of(later)),
            dev.stratum.core.model.Consent.ConsentTier.RESEARCH);
    assertTrue(latest.get("1002").granted(), "the 2020 grant supersedes the 2016 refusal");
  }

  @Test
  void proceduresAreIcd10Pcs() {
    assertEquals(
        Code.of(CodeSystem.ICD10PCS, "0BTC4ZZ"),
        read(OmopTable.PROCEDURE_OCCURRENCE).get(0).code());
  }

  @Test
  void death() {
    assertEquals(
        List.of(
            new Death("1002", LocalDate.of(2023, 2, 1), Code.of(CodeSystem.ICD10CM, "C50.911"))),
        read(OmopTable.DEATH));
  }

  @Test
  void multiLineNoteTextIsKeptExactlyAndReportedAtItsFirstLine() {
    List<Note> notes = read(OmopTable.NOTE);
    assertEquals(2, notes.size());
    assertEquals(
        "HPI: 61 y/o woman with NSCLC, EGFR L858R detected.\n"
            + "Denies chest pain. ECOG 1.\n"
            + "Plan: continue \"osimertinib\".",
        notes.get(0).text());
    assertEquals("note.csv:2", notes.get(0).sourceRecord());
    assertEquals("note.csv:5", notes.get(1).sourceRecord(), "note 1 spans lines 2-4");
    assertEquals("Oncology consult", notes.get(0).title());
  }

  @Test
  void crlfLineBreaksInsideNotesAreKept() throws IOException {
    String header = String.join(",", OmopTable.NOTE.columns());
    Path p =
        write(
            "note.csv",
            "\uFEFF"
                + header
                + "\r\n1,1,2023-01-01,,0,0,T,\"a\r\nb\",0,0,,,,,,\r\n\r\n"
                + "2,1,2023-01-02,,0,0,T,c,0,0,,,,,,\r\n");
    List<Note> notes = OmopCsvReader.of(OmopTable.NOTE).readAll(p);
    assertEquals("a\r\nb", notes.get(0).text());
    assertEquals("note.csv:5", notes.get(1).sourceRecord(), "BOM dropped, blank line 4 counted");
  }

  // ---- malformed input: exact path, line and field ------------------------------------------

  @Test
  void truncatedRow() throws IOException {
    Path p =
        write(
            "person.csv",
            OmopPersonReaderContractTest.HEADER
                + "1,8532,1961,4,12,,0,0,,,,,F,0,White,0,x,0\n"
                + "2,8507,1957,11,3\n");
    InvalidInputException e = strictError(OmopTable.PERSON, p);
    assertEquals(
        p + ":3: field 'birth_datetime': row has 5 fields but the header has 18 (truncated row)",
        e.getMessage());
  }

  @Test
  void badDate() throws IOException {
    Path p =
        write(
            "measurement.csv",
            OmopMeasurementReaderContractTest.HEADER
                + OmopMeasurementReaderContractTest.row("1", "2023-02-30", "4548-4", "8.2", "%"));
    InvalidInputException e = strictError(OmopTable.MEASUREMENT, p);
    assertEquals(p.toString(), e.path().orElseThrow());
    assertEquals(2, e.line());
    assertEquals("measurement_date", e.field().orElseThrow());
    assertEquals(
        p + ":2: field 'measurement_date': not a valid date (expected YYYY-MM-DD)", e.getMessage());
  }

  @Test
  void unknownUnit() throws IOException {
    Path p =
        write(
            "measurement.csv",
            OmopMeasurementReaderContractTest.HEADER
                + OmopMeasurementReaderContractTest.row("1", "2023-02-01", "4548-4", "8.2", "%")
                + OmopMeasurementReaderContractTest.row("1", "2023-02-01", "2160-0", "1", "mg/dq"));
    assertEquals(
        p
            + ":3: field 'unit_source_value': unknown unit 'mg/dq' (expected a UCUM unit such as"
            + " mg/dL, %)",
        strictError(OmopTable.MEASUREMENT, p).getMessage());
  }

  @Test
  void valueWithoutUnitAndNonNumericValue() throws IOException {
    Path p =
        write(
            "measurement.csv",
            OmopMeasurementReaderContractTest.HEADER
                + OmopMeasurementReaderContractTest.row("1", "2023-02-01", "4548-4", "8.2", "")
                + OmopMeasurementReaderContractTest.row("1", "2023-02-01", "4548-4", "8,2", "%"));
    List<QuarantinedRecord> q = new ArrayList<>();
    OmopCsvReader.of(OmopTable.MEASUREMENT).read(p, ReadPolicy.lenient(q::add), r -> {});
    assertEquals("unit_source_value", q.get(0).field());
    // "8,2" unquoted is two fields: the row is one field too long
    assertEquals("", q.get(1).field());
    assertEquals("row has 24 fields but the header has 23", q.get(1).reason());
  }

  @Test
  void unknownGenderConcept() throws IOException {
    Path p =
        write(
            "person.csv",
            OmopPersonReaderContractTest.HEADER + "7,1234,1970,1,1,,0,0,,,,,,0,,0,,0\n");
    assertEquals(
        p
            + ":2: field 'gender_concept_id': unknown gender concept 1234 (expected 8507 male,"
            + " 8532 female, or 0/8551/8570/8521 unknown)",
        strictError(OmopTable.PERSON, p).getMessage());
  }

  @Test
  void missingRequiredColumnIsAHeaderError() throws IOException {
    Path p = write("person.csv", "person_id,year_of_birth\n1,1970\n");
    assertEquals(
        p
            + ":1: field 'gender_concept_id': required column missing from the header of the"
            + " person table",
        strictError(OmopTable.PERSON, p).getMessage());
    List<QuarantinedRecord> q = new ArrayList<>();
    assertThrows(
        InvalidInputException.class,
        () -> OmopCsvReader.of(OmopTable.PERSON).read(p, ReadPolicy.lenient(q::add), r -> {}));
  }

  @Test
  void optionalColumnsMayBeAbsentAndOrderIsFree() throws IOException {
    Path p = write("person.csv", "year_of_birth,gender_concept_id,person_id\n1970,8507,9\n");
    assertEquals(
        List.of(new Person("9", Sex.MALE, LocalDate.of(1970, 7, 1), "", "")),
        OmopCsvReader.of(OmopTable.PERSON).readAll(p));
  }

  @Test
  void duplicateColumn() throws IOException {
    Path p = write("death.csv", "person_id,death_date,person_id\n");
    assertEquals(
        p + ":1: field 'person_id': column appears twice in the header",
        strictError(OmopTable.DEATH, p).getMessage());
  }

  @Test
  void endBeforeStart() throws IOException {
    String header = String.join(",", OmopTable.DRUG_EXPOSURE.columns());
    Path p =
        write(
            "drug_exposure.csv",
            header + "\n1,5,0,2020-05-01,,2020-04-01,,,0,,,,,,,,,,,1721560,0,,\n");
    assertEquals(
        p + ":2: field 'drug_exposure_end_date': is before drug_exposure_start_date",
        strictError(OmopTable.DRUG_EXPOSURE, p).getMessage());
  }

  @Test
  void codeInTheWrongSystemWithoutConcept() throws IOException {
    String header = String.join(",", OmopTable.CONDITION_OCCURRENCE.columns());
    Path p = write("condition_occurrence.csv", header + "\n1,5,0,2020-05-01,,,,0,,,,,,4548-4,0,\n");
    InvalidInputException e = strictError(OmopTable.CONDITION_OCCURRENCE, p);
    assertEquals("condition_source_value", e.field().orElseThrow());
    assertTrue(e.reason().startsWith("'4548-4' is not a ICD10CM code"), e.reason());
  }

  @Test
  void consentValueOutsideTheContract() throws IOException {
    String header = String.join(",", OmopTable.OBSERVATION.columns());
    Path p =
        write(
            "observation.csv",
            header + "\n1,5,0,2020-05-01,,0,,maybe,,,,,,,STRATUM:consent_research,0,,,,,\n");
    assertEquals(
        p
            + ":2: field 'value_as_string': 'maybe' is not a value of STRATUM:consent_research"
            + " (expected one of declined, granted)",
        strictError(OmopTable.OBSERVATION, p).getMessage());
  }

  @Test
  void nonIntegerPersonId() throws IOException {
    Path p = write("death.csv", "person_id,death_date\nP-17,2020-01-01\n");
    InvalidInputException e = strictError(OmopTable.DEATH, p);
    assertEquals("person_id", e.field().orElseThrow());
    assertTrue(!e.getMessage().contains("P-17"), "identifiers are not echoed");
  }

  @Test
  void unterminatedQuoteQuarantinesTheRestOfTheFileAsOneRecord() throws IOException {
    String header = String.join(",", OmopTable.NOTE.columns());
    Path p =
        write(
            "note.csv",
            header
                + "\n1,1,2023-01-01,,0,0,T,ok,0,0,,,,,,\n"
                + "2,1,2023-01-01,,0,0,T,\"never closed,0,0,,,,,,\n"
                + "3,1,2023-01-01,,0,0,T,lost,0,0,,,,,,\n");
    List<QuarantinedRecord> q = new ArrayList<>();
    ReadCounts c = OmopCsvReader.of(OmopTable.NOTE).read(p, ReadPolicy.lenient(q::add), r -> {});
    assertEquals(new ReadCounts(p.toString(), 2, 1, 1), c);
    assertEquals(3, q.get(0).line());
    assertEquals("note_text", q.get(0).field());
  }

  @Test
  void nonUtf8IsAnError() throws IOException {
    Path p = tmp.resolve("death.csv");
    byte[] head = "person_id,death_date\n1,2020-01-01\n2,".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 1);
    bytes[head.length] = (byte) 0xC3; // a truncated two-byte UTF-8 sequence
    Files.write(p, bytes);
    InvalidInputException e = strictError(OmopTable.DEATH, p);
    assertEquals(p + ":3: not valid UTF-8", e.getMessage());
  }

  // ---- line-at-a-time API ------------------------------------------------------------------

  @Test
  void rowParserValidatesSingleRecordsWithTheSameRules() {
    String header = String.join(",", OmopTable.NOTE.columns());
    OmopRowParser<Note> parser = OmopTable.NOTE.parser("hdfs://raw/omop/note.csv", header);
    Note n = parser.parseRecord(41, "9,1,2023-01-01,,0,0,T,\"two\nlines\",0,0,,,,,,");
    assertEquals("two\nlines", n.text());
    assertEquals("note.csv:41", n.sourceRecord());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> parser.parseRecord(42, "9,1,2023-13-01,,0,0,T,x,0,0,,,,,,"));
    assertEquals(
        "hdfs://raw/omop/note.csv:42: field 'note_date': not a valid date (expected YYYY-MM-DD)",
        e.getMessage());
    Note f =
        parser.parseFields(
            43,
            List.of(
                "9", "1", "2023-01-01", "", "0", "0", "T", "x", "0", "0", "", "", "", "", "", ""));
    assertEquals("x", f.text());
  }
}
