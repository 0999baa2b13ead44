package dev.stratum.jobs;

import static dev.stratum.jobs.FieldChecks.date;
import static dev.stratum.jobs.FieldChecks.id;
import static dev.stratum.jobs.FieldChecks.integer;
import static dev.stratum.jobs.FieldChecks.notBefore;
import static dev.stratum.jobs.FieldChecks.number;
import static dev.stratum.jobs.FieldChecks.required;
import static dev.stratum.jobs.FieldChecks.unit;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The OMOP CDM v5.4 tables Stratum ingests (docs/data-formats.md): the standard column order of
 * each CSV, whether values may span lines, the output columns of a validated record and the date
 * that places it in time (for {@code --as-of}). Column lists follow the OHDSI CDM v5.4
 * specification (ohdsi.github.io/CommonDataModel/cdm54.html).
 */
enum OmopTable {
  PERSON(
      "person",
      "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,"
          + "race_concept_id,ethnicity_concept_id,location_id,provider_id,care_site_id,"
          + "person_source_value,gender_source_value,gender_source_concept_id,race_source_value,"
          + "race_source_concept_id,ethnicity_source_value,ethnicity_source_concept_id",
      false,
      null,
      "sex:string,year_of_birth:int,birth_date:date,race:string,ethnicity:string"),
  OBSERVATION_PERIOD(
      "observation_period",
      "observation_period_id,person_id,observation_period_start_date,"
          + "observation_period_end_date,period_type_concept_id",
      false,
      "start_date",
      "start_date:date,end_date:date"),
  CONDITION_OCCURRENCE(
      "condition_occurrence",
      "condition_occurrence_id,person_id,condition_concept_id,condition_start_date,"
          + "condition_start_datetime,condition_end_date,condition_end_datetime,"
          + "condition_type_concept_id,condition_status_concept_id,stop_reason,provider_id,"
          + "visit_occurrence_id,visit_detail_id,condition_source_value,"
          + "condition_source_concept_id,condition_status_source_value",
      false,
      "start_date",
      "code:string,start_date:date,end_date:date"),
  DRUG_EXPOSURE(
      "drug_exposure",
      "drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,"
          + "drug_exposure_start_datetime,drug_exposure_end_date,drug_exposure_end_datetime,"
          + "verbatim_end_date,drug_type_concept_id,stop_reason,refills,quantity,days_supply,sig,"
          + "route_concept_id,lot_number,provider_id,visit_occurrence_id,visit_detail_id,"
          + "drug_source_value,drug_source_concept_id,route_source_value,dose_unit_source_value",
      false,
      "start_date",
      "code:string,start_date:date,end_date:date"),
  MEASUREMENT(
      "measurement",
      "measurement_id,person_id,measurement_concept_id,measurement_date,measurement_datetime,"
          + "measurement_time,measurement_type_concept_id,operator_concept_id,value_as_number,"
          + "value_as_concept_id,unit_concept_id,range_low,range_high,provider_id,"
          + "visit_occurrence_id,visit_detail_id,measurement_source_value,"
          + "measurement_source_concept_id,unit_source_value,unit_source_concept_id,"
          + "value_source_value,measurement_event_id,meas_event_field_concept_id",
      false,
      "date",
      "code:string,date:date,value:double,unit:string,range_low:double,range_high:double"),
  OBSERVATION(
      "observation",
      "observation_id,person_id,observation_concept_id,observation_date,observation_datetime,"
          + "observation_type_concept_id,value_as_number,value_as_string,value_as_concept_id,"
          + "qualifier_concept_id,unit_concept_id,provider_id,visit_occurrence_id,"
          + "visit_detail_id,observation_source_value,observation_source_concept_id,"
          + "unit_source_value,qualifier_source_value,value_source_value,observation_event_id,"
          + "obs_event_field_concept_id",
      false,
      "date",
      "code:string,date:date,value:double,value_string:string,unit:string"),
  PROCEDURE_OCCURRENCE(
      "procedure_occurrence",
      "procedure_occurrence_id,person_id,procedure_concept_id,procedure_date,"
          + "procedure_datetime,procedure_end_date,procedure_end_datetime,"
          + "procedure_type_concept_id,modifier_concept_id,quantity,provider_id,"
          + "visit_occurrence_id,visit_detail_id,procedure_source_value,"
          + "procedure_source_concept_id,modifier_source_value",
      false,
      "date",
      "code:string,date:date"),
  DEATH(
      "death",
      "person_id,death_date,death_datetime,death_type_concept_id,cause_concept_id,"
          + "cause_source_value,cause_source_concept_id",
      false,
      "date",
      "date:date,cause_code:string"),
  NOTE(
      "note",
      "note_id,person_id,note_date,note_datetime,note_type_concept_id,note_class_concept_id,"
          + "note_title,note_text,encoding_concept_id,language_concept_id,provider_id,"
          + "visit_occurrence_id,visit_detail_id,note_source_value,note_event_id,"
          + "note_event_field_concept_id",
      true,
      "date",
      "note_id:string,date:date,title:string,text:string");

  /** File name stem under {@code raw/omop/}. */
  final String fileStem;

  /** The CDM v5.4 columns in standard order. */
  final List<String> columns;

  /** Whether a value may contain line breaks (note_text), so a record may span lines. */
  final boolean multiLine;

  /** The output column that dates the record for {@code --as-of}; null for undated tables. */
  final String dateColumn;

  /** Output columns as {@code name:type} (type string, int, double or date). */
  final List<String> outputs;

  OmopTable(String stem, String cols, boolean multiLine, String dateColumn, String outputs) {
    this.fileStem = stem;
    this.columns = List.of(cols.split(","));
    this.multiLine = multiLine;
    this.dateColumn = dateColumn;
    this.outputs = List.of(outputs.split(","));
  }

  String fileName() {
    return fileStem + ".csv";
  }

  /**
   * Validates one parsed record. {@code f} gives a column's value (null when empty). Returns the
   * person source id followed by the output values (as strings, already normalised: ISO dates,
   * canonical UCUM units); throws {@link RecordRejectedException} with the reason.
   */
  String[] validate(UnaryOperator<String> f) {
    String person = id("person_id", f.apply("person_id"));
    return switch (this) {
      case PERSON -> {
        String g = f.apply("gender_concept_id");
        String sex =
            switch (g == null ? "" : g.strip()) {
              case "8507" -> "male";
              case "8532" -> "female";
              case "0", "", "8551" -> "unknown";
              default ->
                  throw new RecordRejectedException(
                      "field 'gender_concept_id': expected 8507 (male), 8532 (female) or 0, got '"
                          + FieldChecks.clip(g)
                          + "'");
            };
        String y = integer("year_of_birth", f.apply("year_of_birth"), true, 1850, 2100);
        String m = integer("month_of_birth", f.apply("month_of_birth"), false, 1, 12);
        String d = integer("day_of_birth", f.apply("day_of_birth"), false, 1, 31);
        String birth = null;
        if (m != null && d != null) {
          birth =
              date(
                  "day_of_birth",
                  String.format(
                      java.util.Locale.ROOT,
                      "%04d-%02d-%02d",
                      Integer.parseInt(y),
                      Integer.parseInt(m),
                      Integer.parseInt(d)),
                  true);
        }
        yield new String[] {
          person, sex, y, birth, f.apply("race_source_value"), f.apply("ethnicity_source_value")
        };
      }
      case OBSERVATION_PERIOD -> {
        String s =
            date("observation_period_start_date", f.apply("observation_period_start_date"), true);
        String e =
            date("observation_period_end_date", f.apply("observation_period_end_date"), true);
        notBefore("observation_period_end_date", e, "observation_period_start_date", s);
        yield new String[] {person, s, e};
      }
      case CONDITION_OCCURRENCE -> {
        String code = required("condition_source_value", f.apply("condition_source_value"));
        String s = date("condition_start_date", f.apply("condition_start_date"), true);
        String e = date("condition_end_date", f.apply("condition_end_date"), false);
        notBefore("condition_end_date", e, "condition_start_date", s);
        yield new String[] {person, code, s, e};
      }
      case DRUG_EXPOSURE -> {
        String code = required("drug_source_value", f.apply("drug_source_value"));
        String s = date("drug_exposure_start_date", f.apply("drug_exposure_start_date"), true);
        String e = date("drug_exposure_end_date", f.apply("drug_exposure_end_date"), false);
        notBefore("drug_exposure_end_date", e, "drug_exposure_start_date", s);
        yield new String[] {person, code, s, e};
      }
      case MEASUREMENT -> {
        String code = required("measurement_source_value", f.apply("measurement_source_value"));
        String d = date("measurement_date", f.apply("measurement_date"), true);
        String v = number("value_as_number", f.apply("value_as_number"), false);
        String u = unit("unit_source_value", f.apply("unit_source_value"), v != null);
        String lo = number("range_low", f.apply("range_low"), false);
        String hi = number("range_high", f.apply("range_high"), false);
        if (lo != null && hi != null && Double.parseDouble(lo) > Double.parseDouble(hi)) {
          throw new RecordRejectedException("field 'range_low': " + lo + " > range_high " + hi);
        }
        yield new String[] {person, code, d, v, u, lo, hi};
      }
      case OBSERVATION -> {
        String code = required("observation_source_value", f.apply("observation_source_value"));
        String d = date("observation_date", f.apply("observation_date"), true);
        String v = number("value_as_number", f.apply("value_as_number"), false);
        String s = f.apply("value_as_string");
        String u = unit("unit_source_value", f.apply("unit_source_value"), false);
        if (code.equals("89247-1")
            && (v == null || Double.parseDouble(v) < 0 || Double.parseDouble(v) > 5)) {
          throw new RecordRejectedException(
              "field 'value_as_number': ECOG (89247-1) must be 0-5, got '" + v + "'");
        }
        yield new String[] {person, code, d, v, s == null ? null : s.strip(), u};
      }
      case PROCEDURE_OCCURRENCE -> {
        String code = required("procedure_source_value", f.apply("procedure_source_value"));
        String d = date("procedure_date", f.apply("procedure_date"), true);
        yield new String[] {person, code, d};
      }
      case DEATH -> {
        String d = date("death_date", f.apply("death_date"), true);
        yield new String[] {person, d, f.apply("cause_source_value")};
      }
      case NOTE -> {
        String noteId = id("note_id", f.apply("note_id"));
        String d = date("note_date", f.apply("note_date"), true);
        String text = required("note_text", f.apply("note_text"));
        yield new String[] {person, noteId, d, f.apply("note_title"), text};
      }
    };
  }
}
