package dev.stratum.datasets.io;

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
import dev.stratum.core.units.Ucum;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OMOP CDM v5.4 tables Stratum reads, each with its standard column order, the columns a file
 * must have, and the mapping of a row to a core record. Column lists follow the OHDSI DDL ({@code
 * OHDSI/CommonDataModel inst/ddl/5.4}); the code system of each table's {@code *_source_value} is
 * fixed by docs/data-formats.md.
 *
 * @param <T> the core record a row becomes
 */
public final class OmopTable<T> {
  /** Turns a validated row into a record; throws {@link InvalidInputException} on bad values. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(OmopRow row);
  }

  public static final OmopTable<Person> PERSON =
      new OmopTable<>(
          "person",
          List.of(
              "person_id",
              "gender_concept_id",
              "year_of_birth",
              "month_of_birth",
              "day_of_birth",
              "birth_datetime",
              "race_concept_id",
              "ethnicity_concept_id",
              "location_id",
              "provider_id",
              "care_site_id",
              "person_source_value",
              "gender_source_value",
              "gender_source_concept_id",
              "race_source_value",
              "race_source_concept_id",
              "ethnicity_source_value",
              "ethnicity_source_concept_id"),
          Set.of("person_id", "gender_concept_id", "year_of_birth"),
          OmopTable::person);

  public static final OmopTable<ObservationPeriod> OBSERVATION_PERIOD =
      new OmopTable<>(
          "observation_period",
          List.of(
              "observation_period_id",
              "person_id",
              "observation_period_start_date",
              "observation_period_end_date",
              "period_type_concept_id"),
          Set.of("person_id", "observation_period_start_date", "observation_period_end_date"),
          OmopTable::observationPeriod);

  public static final OmopTable<ClinicalEvent> CONDITION_OCCURRENCE =
      new OmopTable<>(
          "condition_occurrence",
          List.of(
              "condition_occurrence_id",
              "person_id",
              "condition_concept_id",
              "condition_start_date",
              "condition_start_datetime",
              "condition_end_date",
              "condition_end_datetime",
              "condition_type_concept_id",
              "condition_status_concept_id",
              "stop_reason",
              "provider_id",
              "visit_occurrence_id",
              "visit_detail_id",
              "condition_source_value",
              "condition_source_concept_id",
              "condition_status_source_value"),
          Set.of(
              "person_id",
              "condition_concept_id",
              "condition_start_date",
              "condition_source_value"),
          r ->
              withValueText(
                  event(
                      r,
                      EventDomain.CONDITION,
                      "condition",
                      "condition_start_date",
                      "condition_end_date",
                      CodeSystem.ICD10CM),
                  r.text("condition_status_source_value")));

  public static final OmopTable<ClinicalEvent> DRUG_EXPOSURE =
      new OmopTable<>(
          "drug_exposure",
          List.of(
              "drug_exposure_id",
              "person_id",
              "drug_concept_id",
              "drug_exposure_start_date",
              "drug_exposure_start_datetime",
              "drug_exposure_end_date",
              "drug_exposure_end_datetime",
              "verbatim_end_date",
              "drug_type_concept_id",
              "stop_reason",
              "refills",
              "quantity",
              "days_supply",
              "sig",
              "route_concept_id",
              "lot_number",
              "provider_id",
              "visit_occurrence_id",
              "visit_detail_id",
              "drug_source_value",
              "drug_source_concept_id",
              "route_source_value",
              "dose_unit_source_value"),
          Set.of("person_id", "drug_concept_id", "drug_exposure_start_date", "drug_source_value"),
          r ->
              event(
                  r,
                  EventDomain.DRUG,
                  "drug",
                  "drug_exposure_start_date",
                  "drug_exposure_end_date",
                  CodeSystem.RXNORM));

  public static final OmopTable<ClinicalEvent> MEASUREMENT =
      new OmopTable<>(
          "measurement",
          List.of(
              "measurement_id",
              "person_id",
              "measurement_concept_id",
              "measurement_date",
              "measurement_datetime",
              "measurement_time",
              "measurement_type_concept_id",
              "operator_concept_id",
              "value_as_number",
              "value_as_concept_id",
              "unit_concept_id",
              "range_low",
              "range_high",
              "provider_id",
              "visit_occurrence_id",
              "visit_detail_id",
              "measurement_source_value",
              "measurement_source_concept_id",
              "unit_source_value",
              "unit_source_concept_id",
              "value_source_value",
              "measurement_event_id",
              "meas_event_field_concept_id"),
          Set.of(
              "person_id",
              "measurement_concept_id",
              "measurement_date",
              "measurement_source_value",
              "value_as_number",
              "unit_source_value"),
          OmopTable::measurement);

  public static final OmopTable<ClinicalEvent> OBSERVATION =
      new OmopTable<>(
          "observation",
          List.of(
              "observation_id",
              "person_id",
              "observation_concept_id",
              "observation_date",
              "observation_datetime",
              "observation_type_concept_id",
              "value_as_number",
              "value_as_string",
              "value_as_concept_id",
              "qualifier_concept_id",
              "unit_concept_id",
              "provider_id",
              "visit_occurrence_id",
              "visit_detail_id",
              "observation_source_value",
              "observation_source_concept_id",
              "unit_source_value",
              "qualifier_source_value",
              "value_source_value",
              "observation_event_id",
              "obs_event_field_concept_id"),
          Set.of(
              "person_id",
              "observation_concept_id",
              "observation_date",
              "observation_source_value",
              "value_as_number",
              "value_as_string"),
          OmopTable::observation);

  public static final OmopTable<ClinicalEvent> PROCEDURE_OCCURRENCE =
      new OmopTable<>(
          "procedure_occurrence",
          List.of(
              "procedure_occurrence_id",
              "person_id",
              "procedure_concept_id",
              "procedure_date",
              "procedure_datetime",
              "procedure_end_date",
              "procedure_end_datetime",
              "procedure_type_concept_id",
              "modifier_concept_id",
              "quantity",
              "provider_id",
              "visit_occurrence_id",
              "visit_detail_id",
              "procedure_source_value",
              "procedure_source_concept_id",
              "modifier_source_value"),
          Set.of("person_id", "procedure_concept_id", "procedure_date", "procedure_source_value"),
          r ->
              event(
                  r,
                  EventDomain.PROCEDURE,
                  "procedure",
                  "procedure_date",
                  "procedure_end_date",
                  CodeSystem.ICD10PCS));

  public static final OmopTable<Death> DEATH =
      new OmopTable<>(
          "death",
          List.of(
              "person_id",
              "death_date",
              "death_datetime",
              "death_type_concept_id",
              "cause_concept_id",
              "cause_source_value",
              "cause_source_concept_id"),
          Set.of("person_id", "death_date"),
          OmopTable::death);

  public static final OmopTable<Note> NOTE =
      new OmopTable<>(
          "note",
          List.of(
              "note_id",
              "person_id",
              "note_date",
              "note_datetime",
              "note_type_concept_id",
              "note_class_concept_id",
              "note_title",
              "note_text",
              "encoding_concept_id",
              "language_concept_id",
              "provider_id",
              "visit_occurrence_id",
              "visit_detail_id",
              "note_source_value",
              "note_event_id",
              "note_event_field_concept_id"),
          Set.of("note_id", "person_id", "note_date", "note_text"),
          OmopTable::note);

  /** Every table, in the order a raw-data directory is read. */
  public static final List<OmopTable<?>> ALL =
      List.of(
          PERSON,
          OBSERVATION_PERIOD,
          CONDITION_OCCURRENCE,
          DRUG_EXPOSURE,
          MEASUREMENT,
          OBSERVATION,
          PROCEDURE_OCCURRENCE,
          DEATH,
          NOTE);

  private final String name;
  private final List<String> columns;
  private final Set<String> required;
  private final RowMapper<T> mapper;

  private OmopTable(String name, List<String> columns, Set<String> required, RowMapper<T> mapper) {
    this.name = name;
    this.columns = columns;
    this.required = required;
    this.mapper = mapper;
    assert columns.containsAll(required) : name;
  }

  /** The table name, e.g. {@code measurement}. */
  public String name() {
    return name;
  }

  /** The file name in {@code DIR/omop/}, e.g. {@code measurement.csv}. */
  public String fileName() {
    return name + ".csv";
  }

  /** All OMOP CDM v5.4 columns of the table, in the standard order. */
  public List<String> columns() {
    return columns;
  }

  /** The columns a file's header must contain; the others may be absent (read as empty). */
  public Set<String> requiredColumns() {
    return required;
  }

  /** The table named {@code name}, if Stratum reads it. */
  public static java.util.Optional<OmopTable<?>> byName(String name) {
    return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
  }

  /**
   * A parser for rows of this table under {@code header}; the header is validated here.
   *
   * @param source the file name for messages
   * @param header column names as the file's first record gives them
   * @param headerLine the header's line in the file (1 unless blank lines precede it)
   * @throws InvalidInputException naming the missing or duplicated column
   */
  public OmopRowParser<T> parser(String source, List<String> header, long headerLine) {
    return new OmopRowParser<>(this, source, header, headerLine);
  }

  /** As {@link #parser(String, List, long)} from the header line's text. */
  public OmopRowParser<T> parser(String source, String headerLine) {
    return parser(source, CsvFields.split(source, 1, headerLine), 1);
  }

  T map(OmopRow row) {
    return mapper.map(row);
  }

  @Override
  public String toString() {
    return "omop:" + name;
  }

  // ---- row mappings -------------------------------------------------------------------------

  private static Person person(OmopRow r) {
    String id = r.id("person_id");
    Sex sex = sex(r);
    long year = r.integer("year_of_birth", Long.MIN_VALUE);
    if (year == Long.MIN_VALUE) {
      throw r.error("year_of_birth", "required value is empty");
    }
    if (year < 1850 || year > 2150) {
      throw r.error("year_of_birth", "not a plausible year (expected 1850-2150)");
    }
    long month = r.integer("month_of_birth", 0);
    long day = r.integer("day_of_birth", 0);
    LocalDate fromDatetime = r.datePart("birth_datetime");
    LocalDate birth;
    try {
      if (month == 0 && fromDatetime != null) {
        birth = fromDatetime;
      } else if (month == 0) {
        // OMOP allows a year alone; take mid-year so ages are off by at most half a year.
        birth = LocalDate.of((int) year, 7, 1);
      } else if (month < 1 || month > 12) {
        throw r.error("month_of_birth", "not a month (expected 1-12)");
      } else if (day == 0) {
        birth = LocalDate.of((int) year, (int) month, 15);
      } else {
        birth = LocalDate.of((int) year, (int) month, (int) day);
      }
    } catch (DateTimeException e) {
      throw r.error("day_of_birth", "not a valid day of that month");
    }
    if (birth.getYear() != year) {
      throw r.error("birth_datetime", "year differs from year_of_birth");
    }
    return new Person(
        id, sex, birth, r.text("race_source_value"), r.text("ethnicity_source_value"));
  }

  /**
   * OMOP gender concepts: 8507 male, 8532 female; 0 (no matching concept), 8551 (unknown), 8570
   * (ambiguous) and 8521 (other) carry no binary administrative sex and read as unknown, falling
   * back to gender_source_value M/F when the concept is 0.
   */
  private static Sex sex(OmopRow r) {
    long concept = r.integer("gender_concept_id", Long.MIN_VALUE);
    if (concept == Long.MIN_VALUE) {
      throw r.error("gender_concept_id", "required value is empty");
    }
    if (concept == 8507) {
      return Sex.MALE;
    }
    if (concept == 8532) {
      return Sex.FEMALE;
    }
    if (concept == 0) {
      return switch (r.text("gender_source_value").toUpperCase(Locale.ROOT)) {
        case "M", "MALE" -> Sex.MALE;
        case "F", "FEMALE" -> Sex.FEMALE;
        default -> Sex.UNKNOWN;
      };
    }
    if (concept == 8551 || concept == 8570 || concept == 8521) {
      return Sex.UNKNOWN;
    }
    throw r.error(
        "gender_concept_id",
        "unknown gender concept "
            + concept
            + " (expected 8507 male, 8532 female, or 0/8551/8570/8521 unknown)");
  }

  private static ObservationPeriod observationPeriod(OmopRow r) {
    String id = r.id("person_id");
    LocalDate start = r.date("observation_period_start_date", true);
    LocalDate end = r.date("observation_period_end_date", true);
    if (end.isBefore(start)) {
      throw r.error("observation_period_end_date", "is before observation_period_start_date");
    }
    return new ObservationPeriod(id, start, end);
  }

  /**
   * The event's code: the source value when it has the shape of the table's code system, else the
   * standard concept id as an OMOP code (a hospital export with a vocabulary), else an error.
   */
  private static Code code(OmopRow r, String prefix, CodeSystem system) {
    String sourceColumn = prefix + "_source_value";
    String conceptColumn = prefix + "_concept_id";
    String source = r.text(sourceColumn);
    if (!source.isEmpty() && Codes.matches(system, source)) {
      return Code.of(system, source);
    }
    if (system == CodeSystem.RXNORM && !source.isEmpty() && Codes.matches(CodeSystem.ATC, source)) {
      return Code.of(CodeSystem.ATC, source);
    }
    long concept = r.integer(conceptColumn, 0);
    if (concept > 0) {
      return new Code(CodeSystem.OMOP, Long.toString(concept), source);
    }
    if (source.isEmpty()) {
      throw r.error(sourceColumn, "empty, and " + conceptColumn + " is 0: the event has no code");
    }
    throw r.error(
        sourceColumn,
        "'"
            + source
            + "' is not a "
            + system.name()
            + " code and "
            + conceptColumn
            + " is 0 (see docs/data-formats.md for the code system of each table)");
  }

  private static ClinicalEvent event(
      OmopRow r,
      EventDomain domain,
      String prefix,
      String startColumn,
      String endColumn,
      CodeSystem system) {
    String id = r.id("person_id");
    Code code = code(r, prefix, system);
    LocalDate start = r.date(startColumn, true);
    LocalDate end = r.date(endColumn, false);
    if (end != null && end.isBefore(start)) {
      throw r.error(endColumn, "is before " + startColumn);
    }
    return new ClinicalEvent(id, domain, code, start, end, null, "", r.sourceRecord());
  }

  /** The condition status ("primary", "secondary", ...) travels as the event's value text. */
  private static ClinicalEvent withValueText(ClinicalEvent e, String valueText) {
    return valueText.isEmpty()
        ? e
        : new ClinicalEvent(
            e.personId(),
            e.domain(),
            e.code(),
            e.start(),
            e.end(),
            null,
            valueText,
            e.sourceRecord());
  }

  private static Quantity quantity(OmopRow r, double value, String dimensionlessDefault) {
    String unit = r.text("unit_source_value");
    if (unit.isEmpty()) {
      if (dimensionlessDefault == null) {
        throw r.error(
            "unit_source_value", "value_as_number has no unit (write 1 for a dimensionless value)");
      }
      return new Quantity(value, dimensionlessDefault);
    }
    return new Quantity(value, unit(r));
  }

  /** The canonical UCUM code of unit_source_value, which must be known to {@link Ucum}. */
  private static String unit(OmopRow r) {
    String unit = r.text("unit_source_value");
    return Ucum.lookup(unit)
        .orElseThrow(
            () ->
                r.error(
                    "unit_source_value",
                    "unknown unit '" + unit + "' (expected a UCUM unit such as mg/dL, %)"));
  }

  private static ClinicalEvent measurement(OmopRow r) {
    String id = r.id("person_id");
    Code code = code(r, "measurement", CodeSystem.LOINC);
    LocalDate date = r.date("measurement_date", true);
    double value = r.number("value_as_number");
    r.number("range_low");
    r.number("range_high");
    Quantity q = Double.isNaN(value) ? null : quantity(r, value, null);
    String valueText = q == null ? r.text("value_source_value") : "";
    if (q == null && !r.text("unit_source_value").isEmpty()) {
      unit(r); // a unit without a value is still validated: it reveals a mis-mapped column
    }
    return new ClinicalEvent(
        id, EventDomain.MEASUREMENT, code, date, null, q, valueText, r.sourceRecord());
  }

  /** Observations with a closed set of values in docs/data-formats.md. */
  private static final java.util.Map<String, Set<String>> CATEGORICAL =
      java.util.Map.of(
          "STRATUM:consent_research", Set.of("granted", "declined"),
          "STRATUM:consent_direct_care", Set.of("granted", "declined"),
          "STRATUM:consent_commercial", Set.of("granted", "declined"),
          "72166-2", Set.of("never", "former", "current"),
          "82810-3", Set.of("pregnant", "not pregnant"));

  /** LOINC 89247-1, ECOG performance status, takes the integers 0-4. */
  private static final String ECOG = "89247-1";

  private static ClinicalEvent observation(OmopRow r) {
    String id = r.id("person_id");
    String source = r.text("observation_source_value");
    Code code;
    if (source.startsWith("STRATUM:")) {
      if (!Codes.matches(CodeSystem.STRATUM, source)) {
        throw r.error(
            "observation_source_value", "not a Stratum code (expected STRATUM:<lower_case_name>)");
      }
      code = Code.of(CodeSystem.STRATUM, source.substring("STRATUM:".length()));
    } else {
      code = code(r, "observation", CodeSystem.LOINC);
    }
    LocalDate date = r.date("observation_date", true);
    double value = r.number("value_as_number");
    Quantity q = Double.isNaN(value) ? null : quantity(r, value, "1");
    String valueText = r.text("value_as_string");
    Set<String> allowed = CATEGORICAL.get(source);
    if (allowed != null) {
      String v = valueText.toLowerCase(Locale.ROOT);
      if (!allowed.contains(v)) {
        throw r.error(
            "value_as_string",
            "'"
                + valueText
                + "' is not a value of "
                + source
                + " (expected one of "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
      }
      valueText = v;
    }
    if (source.equals(ECOG) && (q == null || value != Math.rint(value) || value < 0 || value > 4)) {
      throw r.error("value_as_number", "ECOG performance status must be an integer 0-4");
    }
    return new ClinicalEvent(
        id, EventDomain.OBSERVATION, code, date, null, q, valueText, r.sourceRecord());
  }

  private static Death death(OmopRow r) {
    String id = r.id("person_id");
    LocalDate date = r.date("death_date", true);
    Code cause = null;
    if (!r.text("cause_source_value").isEmpty() || r.integer("cause_concept_id", 0) > 0) {
      cause = code(r, "cause", CodeSystem.ICD10CM);
    }
    return new Death(id, date, cause);
  }

  private static Note note(OmopRow r) {
    String noteId = r.id("note_id");
    String id = r.id("person_id");
    LocalDate date = r.date("note_date", true);
    String text = r.raw("note_text");
    if (text.isBlank()) {
      throw r.error("note_text", "required value is empty");
    }
    return new Note(noteId, id, date, r.text("note_title"), text, r.sourceRecord());
  }
}
