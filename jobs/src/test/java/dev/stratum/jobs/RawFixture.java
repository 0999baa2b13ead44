package dev.stratum.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small raw-data directory written exactly as docs/data-formats.md lays it out, with known good
 * and bad records. The expected counts in the tests are read off the records below: each bad record
 * carries a comment naming the check it fails.
 */
final class RawFixture {
  static final String AS_OF = "2021-01-01";

  private RawFixture() {}

  /** One CSV line with the table's columns in CDM order, filled from {@code kv}. */
  static String row(OmopTable t, String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    List<String> out = new ArrayList<>();
    for (String c : t.columns) {
      out.add(m.getOrDefault(c, ""));
    }
    if (!m.keySet().stream().allMatch(t.columns::contains)) {
      throw new IllegalArgumentException("unknown column in " + m.keySet());
    }
    return String.join(",", out);
  }

  static String header(OmopTable t) {
    return String.join(",", t.columns);
  }

  static void write(Path p, List<String> lines) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path create(Path dir) {
    Path omop = dir.resolve("omop");
    write(
        omop.resolve("person.csv"),
        List.of(
            header(OmopTable.PERSON),
            row(
                OmopTable.PERSON,
                "person_id",
                "1001",
                "gender_concept_id",
                "8507",
                "year_of_birth",
                "1960",
                "month_of_birth",
                "3",
                "day_of_birth",
                "15"),
            row(
                OmopTable.PERSON,
                "person_id",
                "1002",
                "gender_concept_id",
                "8532",
                "year_of_birth",
                "1975"),
            row(
                OmopTable.PERSON,
                "person_id",
                "1003",
                "gender_concept_id",
                "8532",
                "year_of_birth",
                "1950",
                "race_source_value",
                "White"),
            // line 5: person_id not an integer
            row(
                OmopTable.PERSON,
                "person_id",
                "abc",
                "gender_concept_id",
                "8507",
                "year_of_birth",
                "1960"),
            // line 6: duplicate of 1001
            row(
                OmopTable.PERSON,
                "person_id",
                "1001",
                "gender_concept_id",
                "8507",
                "year_of_birth",
                "1961")));
    write(
        omop.resolve("observation_period.csv"),
        List.of(
            header(OmopTable.OBSERVATION_PERIOD),
            row(
                OmopTable.OBSERVATION_PERIOD,
                "observation_period_id",
                "1",
                "person_id",
                "1001",
                "observation_period_start_date",
                "2015-01-01",
                "observation_period_end_date",
                "2023-01-01"),
            row(
                OmopTable.OBSERVATION_PERIOD,
                "observation_period_id",
                "2",
                "person_id",
                "1002",
                "observation_period_start_date",
                "2015-01-01",
                "observation_period_end_date",
                "2023-01-01"),
            row(
                OmopTable.OBSERVATION_PERIOD,
                "observation_period_id",
                "3",
                "person_id",
                "1003",
                "observation_period_start_date",
                "2015-01-01",
                "observation_period_end_date",
                "2022-01-01")));
    write(
        omop.resolve("condition_occurrence.csv"),
        List.of(
            header(OmopTable.CONDITION_OCCURRENCE),
            row(
                OmopTable.CONDITION_OCCURRENCE,
                "condition_occurrence_id",
                "1",
                "person_id",
                "1001",
                "condition_start_date",
                "2020-01-10",
                "condition_source_value",
                "C34.90"),
            // after the as-of day
            row(
                OmopTable.CONDITION_OCCURRENCE,
                "condition_occurrence_id",
                "2",
                "person_id",
                "1002",
                "condition_start_date",
                "2022-03-01",
                "condition_source_value",
                "E11.9"),
            // end date after the as-of day: null with --as-of
            row(
                OmopTable.CONDITION_OCCURRENCE,
                "condition_occurrence_id",
                "3",
                "person_id",
                "1003",
                "condition_start_date",
                "2020-05-01",
                "condition_end_date",
                "2021-06-01",
                "condition_source_value",
                "C34.1"),
            // line 5: month 13
            row(
                OmopTable.CONDITION_OCCURRENCE,
                "condition_occurrence_id",
                "4",
                "person_id",
                "1001",
                "condition_start_date",
                "2020-13-01",
                "condition_source_value",
                "I10"),
            // line 6: person not in person.csv
            row(
                OmopTable.CONDITION_OCCURRENCE,
                "condition_occurrence_id",
                "5",
                "person_id",
                "9999",
                "condition_start_date",
                "2020-01-01",
                "condition_source_value",
                "I10"),
            // line 7: three fields instead of 16
            "6,1001,0"));
    write(
        omop.resolve("drug_exposure.csv"),
        List.of(
            header(OmopTable.DRUG_EXPOSURE),
            row(
                OmopTable.DRUG_EXPOSURE,
                "drug_exposure_id",
                "1",
                "person_id",
                "1001",
                "drug_exposure_start_date",
                "2020-01-01",
                "drug_exposure_end_date",
                "2020-02-01",
                "drug_source_value",
                "1721560"),
            // line 3: end before start
            row(
                OmopTable.DRUG_EXPOSURE,
                "drug_exposure_id",
                "2",
                "person_id",
                "1002",
                "drug_exposure_start_date",
                "2020-03-01",
                "drug_exposure_end_date",
                "2020-02-01",
                "drug_source_value",
                "1721560")));
    write(
        omop.resolve("measurement.csv"),
        List.of(
            header(OmopTable.MEASUREMENT),
            row(
                OmopTable.MEASUREMENT,
                "measurement_id",
                "1",
                "person_id",
                "1001",
                "measurement_date",
                "2020-06-01",
                "value_as_number",
                "7.1",
                "unit_source_value",
                "%",
                "measurement_source_value",
                "4548-4"),
            // after the as-of day: the latest value without --as-of only
            row(
                OmopTable.MEASUREMENT,
                "measurement_id",
                "2",
                "person_id",
                "1001",
                "measurement_date",
                "2021-06-01",
                "value_as_number",
                "8.5",
                "unit_source_value",
                "%",
                "measurement_source_value",
                "4548-4"),
            row(
                OmopTable.MEASUREMENT,
                "measurement_id",
                "3",
                "person_id",
                "1002",
                "measurement_date",
                "2020-02-02",
                "value_as_number",
                "100",
                "unit_source_value",
                "mg/dl",
                "measurement_source_value",
                "2345-7"),
            row(
                OmopTable.MEASUREMENT,
                "measurement_id",
                "4",
                "person_id",
                "1003",
                "measurement_date",
                "2020-02-03",
                "value_as_number",
                "0.9",
                "unit_source_value",
                "g/L",
                "measurement_source_value",
                "2345-7"),
            // line 6: unknown unit
            row(
                OmopTable.MEASUREMENT,
                "measurement_id",
                "5",
                "person_id",
                "1003",
                "measurement_date",
                "2020-02-03",
                "value_as_number",
                "5",
                "unit_source_value",
                "furlongs",
                "measurement_source_value",
                "2345-7"),
            // line 7: value not a number
            row(
                OmopTable.MEASUREMENT,
                "measurement_id",
                "6",
                "person_id",
                "1003",
                "measurement_date",
                "2020-02-03",
                "value_as_number",
                "high",
                "unit_source_value",
                "mg/dL",
                "measurement_source_value",
                "2345-7")));
    write(
        omop.resolve("observation.csv"),
        List.of(
            header(OmopTable.OBSERVATION),
            row(
                OmopTable.OBSERVATION,
                "observation_id",
                "1",
                "person_id",
                "1001",
                "observation_date",
                "2020-01-01",
                "value_as_number",
                "1",
                "observation_source_value",
                "89247-1"),
            row(
                OmopTable.OBSERVATION,
                "observation_id",
                "2",
                "person_id",
                "1002",
                "observation_date",
                "2020-01-01",
                "value_as_string",
                "current",
                "observation_source_value",
                "72166-2"),
            row(
                OmopTable.OBSERVATION,
                "observation_id",
                "3",
                "person_id",
                "1002",
                "observation_date",
                "2019-01-01",
                "value_as_string",
                "granted",
                "observation_source_value",
                "STRATUM:consent_research"),
            // line 5: ECOG 7
            row(
                OmopTable.OBSERVATION,
                "observation_id",
                "4",
                "person_id",
                "1003",
                "observation_date",
                "2020-01-01",
                "value_as_number",
                "7",
                "observation_source_value",
                "89247-1")));
    write(
        omop.resolve("procedure_occurrence.csv"),
        List.of(
            header(OmopTable.PROCEDURE_OCCURRENCE),
            row(
                OmopTable.PROCEDURE_OCCURRENCE,
                "procedure_occurrence_id",
                "1",
                "person_id",
                "1002",
                "procedure_date",
                "2020-03-03",
                "procedure_source_value",
                "0BTC4ZZ")));
    write(
        omop.resolve("death.csv"),
        List.of(
            header(OmopTable.DEATH),
            // after the as-of day: deceased only without --as-of
            row(
                OmopTable.DEATH,
                "person_id",
                "1003",
                "death_date",
                "2022-01-01",
                "cause_source_value",
                "C34.90")));
    write(
        omop.resolve("note.csv"),
        List.of(
            header(OmopTable.NOTE),
            // lines 2-4: one record, the quoted note_text spans three lines
            row(
                OmopTable.NOTE,
                "note_id",
                "1",
                "person_id",
                "1001",
                "note_date",
                "2020-05-05",
                "note_title",
                "Oncology",
                "note_text",
                "\"Patient with lung adenocarcinoma.\nEGFR L858R positive, \"\"confirmed\"\".\n"
                    + "No diabetes.\""),
            row(
                OmopTable.NOTE,
                "note_id",
                "2",
                "person_id",
                "1002",
                "note_date",
                "2021-05-05",
                "note_title",
                "Follow-up",
                "note_text",
                "Diabetes under control."),
            // line 6: note_date missing
            row(
                OmopTable.NOTE,
                "note_id",
                "3",
                "person_id",
                "1002",
                "note_title",
                "Undated",
                "note_text",
                "Lung adenocarcinoma suspected.")));
    write(
        dir.resolve("genomics").resolve("somatic_00000.vcf"),
        List.of(
            "##fileformat=VCFv4.2",
            "##reference=GRCh38",
            "##contig=<ID=chr2>",
            "##contig=<ID=chr7>",
            "##INFO=<ID=GENE,Number=1,Type=String,Description=\"HGNC gene symbol\">",
            "##INFO=<ID=HGVSP,Number=1,Type=String,Description=\"Protein change, HGVS one-letter"
                + " (p.L858R)\">",
            "##INFO=<ID=VC,Number=1,Type=String,Description=\"Variant class: SNV, INDEL, AMP, DEL,"
                + " FUSION\">",
            "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Structural variant type\">",
            "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End position of the structural"
                + " variant\">",
            "##INFO=<ID=FUSION,Number=1,Type=String,Description=\"Fusion partners, 5' first"
                + " (EML4-ALK)\">",
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
            "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Variant allele fraction in the"
                + " tumour sample\">",
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t1001\t1002\t1003",
            // line 14
            "chr7\t55191822\t.\tT\tG\t.\tPASS\tGENE=EGFR;HGVSP=p.L858R;VC=SNV\tGT:AF\t0/1:0.35"
                + "\t0/0:.\t0/0:.",
            // line 15
            "chr2\t29223528\t.\tA\t<INV>\t.\tPASS\tGENE=ALK;VC=FUSION;SVTYPE=INV;END=42299000;"
                + "FUSION=EML4-ALK\tGT:AF\t0/0:.\t0/1:0.2\t0/1:0.4",
            // line 16: AF above 1
            "chr12\t25245350\t.\tC\tA\t.\tPASS\tGENE=KRAS;HGVSP=p.G12C;VC=SNV\tGT:AF\t0/1:1.5"
                + "\t0/0:.\t0/0:.",
            // line 17: no GENE
            "chr12\t25245351\t.\tC\tT\t.\tPASS\tVC=SNV\tGT:AF\t0/1:0.5\t0/0:.\t0/0:.",
            // line 18: POS not a number (htsjdk rejects it)
            "chr12\tabc\t.\tC\tT\t.\tPASS\tGENE=KRAS;VC=SNV\tGT:AF\t0/1:0.5\t0/0:.\t0/0:."));
    write(
        dir.resolve("omics").resolve("expression.tsv"),
        List.of(
            "feature_id\t1001\t1002\t1003",
            "EGFR\t5.1\tNA\t3.2",
            "ALK\t1.0\t2.0\t3.0",
            // line 4: not a number
            "KRAS\t1.0\tx\t2.0"));
    write(
        dir.resolve("omics").resolve("methylation.tsv"),
        List.of(
            "feature_id\t1001\t1003",
            // line 2: beta above 1
            "cg0001\t0.5\t1.5",
            "cg0002\t0.1\t"));
    return dir;
  }
}
