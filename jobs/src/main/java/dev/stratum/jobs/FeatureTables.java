package dev.stratum.jobs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import dev.stratum.core.nlp.NoteFact;
import dev.stratum.core.units.Ucum;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Turns validated sources into the snapshot's tables: long tables per family keyed by the
 * pseudonymized {@code person_id}, the wide patient-level table and its feature catalog.
 *
 * <p>Point-in-time rule: with an as-of day, a row dated after it is left out, and an end date after
 * it is unknown on that day, so it becomes null (still ongoing). Undated inputs (VCF, omics) are
 * taken as known on the as-of day.
 */
final class FeatureTables {
  static final StructType NOTE_FACT_SCHEMA =
      new StructType()
          .add("person_id", DataTypes.StringType)
          .add("note_id", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("concept", DataTypes.StringType)
          .add("code_system", DataTypes.StringType)
          .add("code", DataTypes.StringType)
          .add("value", DataTypes.DoubleType)
          .add("unit", DataTypes.StringType)
          .add("value_text", DataTypes.StringType)
          .add("date", DataTypes.StringType)
          .add("negated", DataTypes.BooleanType)
          .add("uncertain", DataTypes.BooleanType)
          .add("historical", DataTypes.BooleanType)
          .add("experiencer", DataTypes.StringType)
          .add("begin", DataTypes.IntegerType)
          .add("end", DataTypes.IntegerType)
          .add("evidence", DataTypes.StringType);

  static final StructType CATALOG_SCHEMA =
      new StructType()
          .add("name", DataTypes.StringType)
          .add("type", DataTypes.StringType)
          .add("unit", DataTypes.StringType)
          .add("family", DataTypes.StringType)
          .add("description", DataTypes.StringType)
          .add("source", DataTypes.StringType);

  private FeatureTables() {}

  /** A safe column-name fragment: lower case, runs of other characters become one '_'. */
  static Column safe(Column c) {
    return regexp_replace(regexp_replace(lower(c), "[^a-z0-9]+", "_"), "^_+|_+$", "");
  }

  static Column asOfDay(LocalDate asOf) {
    return to_date(lit(asOf.toString()));
  }

  /** Keeps rows dated on or before the as-of day. */
  static Dataset<Row> upTo(Dataset<Row> df, String dateCol, LocalDate asOf) {
    return asOf == null ? df : df.filter(col(dateCol).leq(asOfDay(asOf)));
  }

  /** Nulls an end date that lies after the as-of day (unknown on that day). */
  static Column endKnown(String endCol, LocalDate asOf) {
    return asOf == null
        ? col(endCol)
        : when(col(endCol).leq(asOfDay(asOf)), col(endCol)).as(endCol);
  }

  /**
   * Builds every table. {@code sources} maps each source to its validated data; the OMOP ones are
   * keyed by table.
   */
  static Map<String, Dataset<Row>> build(
      SparkSession spark,
      Map<OmopTable, SourceData> omop,
      List<SourceData> variants,
      List<SourceData> omics,
      LocalDate asOf,
      Pseudonymizer pseudo,
      NoteFactExtractor.Factory noteFacts,
      NoteDeidentifier.Factory noteDeid,
      List<Dataset<Row>> cached) {
    UserDefinedFunction pid =
        functions.udf((UDF1<String, String>) pseudo::pseudonym, DataTypes.StringType);
    Map<String, Dataset<Row>> t = new LinkedHashMap<>();

    // persons: demographics plus death (first death record on or before as-of)
    Dataset<Row> person = omop.get(OmopTable.PERSON).accepted();
    Dataset<Row> persons = person.withColumn("person_id", pid.apply(col("person_src")));
    SourceData death = omop.get(OmopTable.DEATH);
    if (death != null) {
      Dataset<Row> d =
          upTo(death.accepted(), "date", asOf)
              .groupBy("person_src")
              .agg(min("date").as("death_date"), first("cause_code", true).as("death_cause"));
      persons = persons.join(d, "person_src", "left");
    } else {
      persons =
          persons
              .withColumn("death_date", lit(null).cast("date"))
              .withColumn("death_cause", lit(null).cast("string"));
    }
    persons =
        persons.select(
            "person_id",
            "sex",
            "year_of_birth",
            "birth_date",
            "race",
            "ethnicity",
            "death_date",
            "death_cause");
    // Consent stays in the store (the data steward's copy) and is marked, so that every reader
    // can exclude patients without research consent (issue 9; trust.ConsentPolicy).
    Dataset<Row> consents = consents(omop.get(OmopTable.OBSERVATION), pid, asOf);
    if (consents != null) {
      t.put("consents", consents);
      Dataset<Row> latest =
          consents
              .filter(col("tier").equalTo("research"))
              .withColumn(
                  "_rank",
                  functions
                      .row_number()
                      .over(
                          org.apache.spark.sql.expressions.Window.partitionBy("person_id")
                              // latest first; on the same day a refusal wins
                              .orderBy(col("date").desc(), col("granted").asc())))
              .filter(col("_rank").equalTo(1))
              .select(col("person_id"), col("granted").as("research_consent"));
      persons =
          persons
              .join(latest, "person_id", "left")
              .withColumn("research_consent", coalesce(col("research_consent"), lit(false)));
    } else {
      persons = persons.withColumn("research_consent", lit(false));
    }
    t.put("persons", persons);

    SourceData op = omop.get(OmopTable.OBSERVATION_PERIOD);
    if (op != null) {
      Column end =
          asOf == null ? col("end_date") : least(col("end_date"), asOfDay(asOf)).as("end_date");
      t.put(
          "observation_periods",
          pseudonymize(upTo(op.accepted(), "start_date", asOf), pid)
              .select(col("person_id"), col("start_date"), end, lit(op.source()).as("source")));
    }
    putEvents(
        t,
        omop.get(OmopTable.CONDITION_OCCURRENCE),
        "conditions",
        pid,
        asOf,
        "start_date",
        List.of(col("code"), col("start_date"), endKnown("end_date", asOf)));
    putEvents(
        t,
        omop.get(OmopTable.DRUG_EXPOSURE),
        "drugs",
        pid,
        asOf,
        "start_date",
        List.of(col("code"), col("start_date"), endKnown("end_date", asOf)));
    putEvents(
        t,
        omop.get(OmopTable.MEASUREMENT),
        "measurements",
        pid,
        asOf,
        "date",
        List.of(
            col("code"),
            col("date"),
            col("value"),
            col("unit"),
            col("range_low"),
            col("range_high")));
    putEvents(
        t,
        omop.get(OmopTable.OBSERVATION),
        "observations",
        pid,
        asOf,
        "date",
        List.of(col("code"), col("date"), col("value"), col("value_string"), col("unit")));
    putEvents(
        t,
        omop.get(OmopTable.PROCEDURE_OCCURRENCE),
        "procedures",
        pid,
        asOf,
        "date",
        List.of(col("code"), col("date")));

    Dataset<Row> v = null;
    for (SourceData s : variants) {
      Dataset<Row> p = pseudonymize(s.accepted(), pid);
      v = v == null ? p : v.unionByName(p);
    }
    if (v != null) {
      t.put(
          "variants",
          v.select(
              "person_id",
              "chrom",
              "pos",
              "ref",
              "alt",
              "gene",
              "hgvsp",
              "variant_class",
              "svtype",
              "sv_end",
              "fusion",
              "af",
              "source"));
    }
    Dataset<Row> o = null;
    for (SourceData s : omics) {
      Dataset<Row> p = pseudonymize(s.accepted(), pid);
      o = o == null ? p : o.unionByName(p);
    }
    if (o != null) {
      t.put("omics", o.select("person_id", "layer", "feature", "value", "source"));
    }

    SourceData notes = omop.get(OmopTable.NOTE);
    Dataset<Row> deidNotes = null;
    if (notes != null) {
      Dataset<Row> n = notesTable(notes, pid, asOf, noteDeid);
      if (noteDeid != null) {
        // read twice (the notes table and note facts): de-identify once
        n = n.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        cached.add(n);
        deidNotes = n;
      }
      t.put("notes", n);
    }
    t.put("note_facts", noteFacts(spark, notes, deidNotes, pid, asOf, noteFacts));

    // The wide table is built by the caller from these tables as written (read back from
    // Parquet), so nothing here is cached: at 1M patients the long tables do not fit in memory.
    return t;
  }

  private static Dataset<Row> pseudonymize(Dataset<Row> df, UserDefinedFunction pid) {
    return df.withColumn("person_id", pid.apply(col("person_src"))).drop("person_src");
  }

  private static void putEvents(
      Map<String, Dataset<Row>> t,
      SourceData s,
      String name,
      UserDefinedFunction pid,
      LocalDate asOf,
      String dateCol,
      List<Column> cols) {
    if (s == null) {
      return;
    }
    List<Column> sel = new ArrayList<>();
    sel.add(col("person_id"));
    sel.addAll(cols);
    sel.add(lit(s.source()).as("source"));
    t.put(
        name,
        pseudonymize(upTo(s.accepted(), dateCol, asOf), pid).select(sel.toArray(Column[]::new)));
  }

  /**
   * The note-facts family: one extractor per partition (created on the executor from the shipped
   * factory, closed when the partition ends), over the notes dated on or before as-of; facts dated
   * after as-of are dropped as well.
   */
  static Dataset<Row> noteFacts(
      SparkSession spark,
      SourceData notes,
      Dataset<Row> deidNotes,
      UserDefinedFunction pid,
      LocalDate asOf,
      NoteFactExtractor.Factory factory) {
    if (notes == null || factory == null) {
      return spark
          .createDataFrame(List.of(), NOTE_FACT_SCHEMA)
          .withColumn("date", col("date").cast("date"))
          .withColumn("source", lit("omop/note.csv"));
    }
    // With a de-identifier, facts are read from the de-identified text, so that their evidence
    // spans point into the text the store keeps and carry no identifier.
    Dataset<Row> in =
        deidNotes != null
            ? deidNotes.select(
                col("note_id"), col("person_id"), col("note_date").cast("string"), col("text"))
            : pseudonymize(upTo(notes.accepted(), "date", asOf), pid)
                .select(col("note_id"), col("person_id"), col("date").cast("string"), col("text"));
    Dataset<Row> facts =
        in.mapPartitions(
            (MapPartitionsFunction<Row, Row>)
                it -> {
                  NoteFactExtractor ex = factory.create();
                  return new Iterator<Row>() {
                    private final List<Row> buf = new ArrayList<>();
                    private int i;
                    private boolean closed;

                    @Override
                    public boolean hasNext() {
                      while (i >= buf.size()) {
                        buf.clear();
                        i = 0;
                        if (!it.hasNext()) {
                          if (!closed) {
                            closed = true;
                            ex.close();
                          }
                          return false;
                        }
                        Row r = it.next();
                        LocalDate day = LocalDate.parse(r.getString(2));
                        for (NoteFact f :
                            ex.extract(r.getString(0), r.getString(1), day, r.getString(3))) {
                          buf.add(factRow(f, r.getString(1), day));
                        }
                      }
                      return true;
                    }

                    @Override
                    public Row next() {
                      return buf.get(i++);
                    }
                  };
                },
            Encoders.row(NOTE_FACT_SCHEMA));
    Dataset<Row> typed =
        facts
            .withColumn("date", col("date").cast("date"))
            .withColumn("source", lit(notes.source()));
    return upTo(typed, "date", asOf);
  }

  private static final StructType NOTE_SCHEMA =
      new StructType()
          .add("person_id", DataTypes.StringType)
          .add("note_id", DataTypes.StringType)
          .add("note_date", DataTypes.StringType)
          .add("note_type", DataTypes.StringType)
          .add("text", DataTypes.StringType);

  /**
   * The {@code notes} table: person_id, note_id, note_date, note_type (the OMOP note_title), text
   * de-identified by the plugged-in de-identifier (null when none is configured: the store never
   * keeps identifiable note text), source. Notes dated after as-of are left out.
   */
  static Dataset<Row> notesTable(
      SourceData notes, UserDefinedFunction pid, LocalDate asOf, NoteDeidentifier.Factory deid) {
    Dataset<Row> in =
        pseudonymize(upTo(notes.accepted(), "date", asOf), pid)
            .select(
                col("person_id"),
                col("note_id"),
                col("date").cast("string").as("note_date"),
                col("title").as("note_type"),
                col("text"));
    Dataset<Row> out;
    if (deid == null) {
      out = in.withColumn("text", lit(null).cast("string"));
    } else {
      out =
          in.mapPartitions(
              (MapPartitionsFunction<Row, Row>)
                  it -> {
                    NoteDeidentifier d = deid.create();
                    return new Iterator<Row>() {
                      @Override
                      public boolean hasNext() {
                        return it.hasNext();
                      }

                      @Override
                      public Row next() {
                        Row r = it.next();
                        return RowFactory.create(
                            r.getString(0),
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            d.deidentify(r.getString(0), r.getString(4)));
                      }
                    };
                  },
              Encoders.row(NOTE_SCHEMA));
    }
    return out.withColumn("note_date", col("note_date").cast("date"))
        .withColumn("source", lit(notes.source()));
  }

  /**
   * The {@code consents} table from OMOP observation rows {@code STRATUM:consent_<tier>}
   * (docs/data-formats.md): person_id, tier (direct_care, research, commercial), granted (value
   * {@code granted}; anything else is not a grant), date, source. Every record is kept (the
   * history); readers take the latest per tier. Null when there is no observation table.
   */
  static Dataset<Row> consents(SourceData obs, UserDefinedFunction pid, LocalDate asOf) {
    if (obs == null) {
      return null;
    }
    return pseudonymize(upTo(obs.accepted(), "date", asOf), pid)
        .filter(col("code").startsWith("STRATUM:consent_"))
        .select(
            col("person_id"),
            functions.regexp_replace(col("code"), "^STRATUM:consent_", "").as("tier"),
            coalesce(
                    functions.lower(functions.trim(col("value_string"))).equalTo("granted"),
                    lit(false))
                .as("granted"),
            col("date"),
            lit(obs.source()).as("source"));
  }

  static Row factRow(NoteFact f, String personId, LocalDate noteDate) {
    LocalDate d = f.date() == null ? noteDate : f.date();
    return RowFactory.create(
        personId,
        f.noteId(),
        f.category(),
        f.concept(),
        f.code() == null ? null : f.code().system().name(),
        f.code() == null ? null : f.code().code(),
        f.hasValue() ? f.value() : null,
        f.unit().isEmpty() ? null : f.unit(),
        f.valueText().isEmpty() ? null : f.valueText(),
        d.toString(),
        f.status().negated(),
        f.status().uncertain(),
        f.status().historical(),
        f.status().experiencer().label(),
        f.evidence().begin(),
        f.evidence().end(),
        f.evidence().text());
  }

  /**
   * Adds one feature family's values (person_id, name, value as text) to {@code vals} and its
   * catalog rows (name, type, unit, family, description, source; distinct) to {@code cats}. The
   * catalog columns are kept off the value rows so that the per-patient pivot shuffles only names
   * and values.
   */
  private static void values(
      List<Dataset<Row>> vals,
      List<Dataset<Row>> cats,
      Dataset<Row> df,
      Column name,
      Column value,
      String type,
      Column unit,
      String family,
      Column description,
      Column source) {
    Dataset<Row> named = df.withColumn("_name", name);
    vals.add(
        named.select(col("person_id"), col("_name").as("name"), value.cast("string").as("value")));
    cats.add(
        named
            .select(
                col("_name").as("name"),
                lit(type).as("type"),
                unit.as("unit"),
                lit(family).as("family"),
                description.as("description"),
                source.as("source"))
            .distinct());
  }

  /** Latest row per (person_id, key), latest date first, ties by the tie column descending. */
  private static Dataset<Row> latest(Dataset<Row> df, String key, String date, String tie) {
    return df.withColumn(
            "_rn",
            row_number()
                .over(
                    Window.partitionBy(col("person_id"), col(key))
                        .orderBy(col(date).desc(), col(tie).desc_nulls_last())))
        .filter(col("_rn").equalTo(1))
        .drop("_rn");
  }

  /**
   * The wide patient-level table (one row per person, one column per catalog feature) and the
   * feature catalog, from the long tables {@code t} (as written by the job and read back).
   */
  static Map<String, Dataset<Row>> wide(Map<String, Dataset<Row>> t, LocalDate asOf) {
    List<Dataset<Row>> parts = new ArrayList<>();
    List<Dataset<Row>> cats = new ArrayList<>();
    Column none = lit("");
    if (t.containsKey("conditions")) {
      Column cat = substring(col("code"), 1, 3);
      values(
          parts,
          cats,
          t.get("conditions"),
          concat(lit("condition_"), safe(cat)),
          lit(true),
          "boolean",
          none,
          "conditions",
          concat(lit("Any recorded condition in ICD-10-CM category "), cat),
          col("source"));
    }
    if (t.containsKey("drugs")) {
      values(
          parts,
          cats,
          t.get("drugs"),
          concat(lit("drug_rxnorm_"), safe(col("code"))),
          lit(true),
          "boolean",
          none,
          "drugs",
          concat(lit("Any exposure to RxNorm ingredient "), col("code")),
          col("source"));
    }
    if (t.containsKey("procedures")) {
      values(
          parts,
          cats,
          t.get("procedures"),
          concat(lit("procedure_"), safe(col("code"))),
          lit(true),
          "boolean",
          none,
          "procedures",
          concat(lit("Any ICD-10-PCS procedure "), col("code")),
          col("source"));
    }
    if (t.containsKey("measurements")) {
      Dataset<Row> m = t.get("measurements").filter(col("value").isNotNull());
      // Reference unit per code: the most frequent one; commensurable units are converted to it.
      Dataset<Row> ref =
          m.groupBy("code", "unit")
              .agg(count(lit(1)).as("_n"))
              .withColumn(
                  "_rk",
                  row_number()
                      .over(Window.partitionBy("code").orderBy(col("_n").desc(), col("unit"))))
              .filter(col("_rk").equalTo(1))
              .select(col("code"), col("unit").as("ref_unit"));
      UserDefinedFunction conv =
          functions.udf(
              (UDF3<Double, String, String, Double>)
                  (x, from, to) ->
                      from.equals(to)
                          ? x
                          : Ucum.commensurable(from, to) ? Ucum.convert(x, from, to) : null,
              DataTypes.DoubleType);
      Dataset<Row> mc =
          m.join(ref, "code")
              .withColumn("value", conv.apply(col("value"), col("unit"), col("ref_unit")))
              .filter(col("value").isNotNull());
      values(
          parts,
          cats,
          latest(mc, "code", "date", "value"),
          concat(lit("lab_"), safe(col("code")), lit("_last")),
          col("value"),
          "double",
          col("ref_unit"),
          "measurements",
          concat(lit("Latest LOINC "), col("code"), lit(" value, in "), col("ref_unit")),
          col("source"));
    }
    if (t.containsKey("observations")) {
      Dataset<Row> ob = t.get("observations");
      values(
          parts,
          cats,
          latest(ob.filter(col("value").isNotNull()), "code", "date", "value"),
          concat(lit("obs_"), safe(col("code")), lit("_last")),
          col("value"),
          "double",
          coalesce(col("unit"), none),
          "observations",
          concat(lit("Latest numeric observation "), col("code")),
          col("source"));
      values(
          parts,
          cats,
          latest(ob.filter(col("value_string").isNotNull()), "code", "date", "value_string"),
          concat(lit("obs_"), safe(col("code")), lit("_text")),
          col("value_string"),
          "string",
          none,
          "observations",
          concat(lit("Latest text observation "), col("code")),
          col("source"));
    }
    if (t.containsKey("variants")) {
      Dataset<Row> v = t.get("variants");
      Column change = coalesce(col("hgvsp"), col("fusion"), col("variant_class"));
      values(
          parts,
          cats,
          v,
          concat(lit("variant_"), safe(col("gene")), lit("_"), safe(change)),
          lit(true),
          "boolean",
          none,
          "variants",
          concat(lit("Somatic "), col("gene"), lit(" "), change, lit(" carried")),
          lit("genomics/*.vcf"));
      values(
          parts,
          cats,
          v,
          concat(lit("gene_"), safe(col("gene")), lit("_altered")),
          lit(true),
          "boolean",
          none,
          "variants",
          concat(lit("Any somatic alteration in "), col("gene")),
          lit("genomics/*.vcf"));
    }
    if (t.containsKey("omics")) {
      values(
          parts,
          cats,
          t.get("omics"),
          concat(lit("omics_"), safe(col("layer")), lit("_"), safe(col("feature"))),
          col("value"),
          "double",
          none,
          "omics",
          concat(lit("Omics layer "), col("layer"), lit(", feature "), col("feature")),
          col("source"));
    }
    Dataset<Row> nf = t.get("note_facts");
    Dataset<Row> affirmed =
        nf.filter(
            col("negated")
                .equalTo(false)
                .and(col("uncertain").equalTo(false))
                .and(col("historical").equalTo(false))
                .and(col("experiencer").equalTo("patient")));
    values(
        parts,
        cats,
        affirmed,
        concat(
            lit("note_"),
            safe(col("category")),
            lit("_"),
            safe(coalesce(col("code"), col("concept")))),
        lit(true),
        "boolean",
        none,
        "note_facts",
        concat(lit("Affirmed in a note (NLP): "), col("category"), lit(" "), col("concept")),
        col("source"));

    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    Dataset<Row> catRows = cats.get(0);
    for (int i = 1; i < cats.size(); i++) {
      catRows = catRows.unionByName(cats.get(i));
    }
    Dataset<Row> catalogFeatures =
        catRows
            .groupBy("name")
            .agg(
                min("type").as("type"),
                min("unit").as("unit"),
                min("family").as("family"),
                min("description").as("description"),
                min("source").as("source"));
    List<Row> cat = catalogFeatures.orderBy("name").collectAsList();

    Dataset<Row> persons = t.get("persons");
    List<Column> base = new ArrayList<>();
    base.add(col("person_id"));
    base.add(col("sex"));
    base.add(col("year_of_birth"));
    List<Row> demo = new ArrayList<>();
    demo.add(
        RowFactory.create(
            "sex",
            "string",
            "",
            "persons",
            "Sex from gender_concept_id (male, female, unknown)",
            "omop/person.csv"));
    demo.add(
        RowFactory.create(
            "year_of_birth", "int", "a", "persons", "Year of birth", "omop/person.csv"));
    if (asOf != null) {
      base.add(
          functions
              .floor(
                  functions
                      .months_between(
                          asOfDay(asOf),
                          coalesce(
                              col("birth_date"),
                              to_date(concat(col("year_of_birth").cast("string"), lit("-07-01")))))
                      .divide(12))
              .cast("int")
              .as("age_years"));
      demo.add(
          RowFactory.create(
              "age_years",
              "int",
              "a",
              "persons",
              "Age in whole years on the as-of day (mid-year birth when day/month are missing)",
              "omop/person.csv"));
    }
    base.add(col("death_date").isNotNull().as("deceased"));
    demo.add(
        RowFactory.create(
            "deceased",
            "boolean",
            "",
            "persons",
            "Death recorded on or before the as-of day",
            "omop/death.csv"));

    List<String> names = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (Row r : cat) {
      names.add(r.getString(0));
      types.put(r.getString(0), r.getString(1));
    }
    Dataset<Row> wide = persons.select(base.toArray(Column[]::new));
    if (!names.isEmpty()) {
      wide = pivot(wide, all, names, types);
    }
    Dataset<Row> catalog =
        SparkSession.active()
            .createDataFrame(demo, CATALOG_SCHEMA)
            .unionByName(
                catalogFeatures.select("name", "type", "unit", "family", "description", "source"));
    Map<String, Dataset<Row>> out = new LinkedHashMap<>();
    out.put("patients", wide);
    out.put("catalog", catalog.orderBy("family", "name"));
    return out;
  }

  /**
   * Joins each person's feature values onto {@code base} as one column per name. The values are
   * gathered per person (one shuffle of name and value) and laid out by a name-to-column index in
   * one pass, instead of Spark's pivot (one conditional aggregate per feature for every input row)
   * or a map column with one lookup per feature (a linear scan of the map for each of the hundreds
   * of names). When a person has several values for a name, the greatest text wins, as {@code
   * max(value)} would. Values are converted as Spark's casts convert text: booleans default to
   * false, doubles that do not parse are null.
   */
  static Dataset<Row> pivot(
      Dataset<Row> base, Dataset<Row> values, List<String> names, Map<String, String> types) {
    Dataset<Row> lists =
        values
            .groupBy("person_id")
            .agg(
                functions
                    .collect_list(functions.struct(col("name"), col("value")))
                    .as("_features"));
    Dataset<Row> joined = base.join(lists, "person_id", "left");
    List<String> baseCols = new ArrayList<>(List.of(base.columns()));
    baseCols.remove("person_id");
    baseCols.add(0, "person_id");
    joined =
        joined.select(
            java.util.stream.Stream.concat(
                    baseCols.stream(), java.util.stream.Stream.of("_features"))
                .map(functions::col)
                .toArray(Column[]::new));
    StructType schema = new StructType();
    for (String b : baseCols) {
      schema = schema.add(base.schema().apply(b));
    }
    final String[] nameArr = names.toArray(String[]::new);
    final char[] kinds = new char[nameArr.length];
    for (int i = 0; i < nameArr.length; i++) {
      String ty = types.get(nameArr[i]);
      kinds[i] = "boolean".equals(ty) ? 'b' : "double".equals(ty) ? 'd' : 's';
      schema =
          schema.add(
              nameArr[i],
              switch (kinds[i]) {
                case 'b' -> DataTypes.BooleanType;
                case 'd' -> DataTypes.DoubleType;
                default -> DataTypes.StringType;
              });
    }
    final int nBase = baseCols.size();
    return joined.mapPartitions(
        (MapPartitionsFunction<Row, Row>)
            it -> {
              Map<String, Integer> index = new java.util.HashMap<>(nameArr.length * 2);
              for (int i = 0; i < nameArr.length; i++) {
                index.put(nameArr[i], i);
              }
              return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                  return it.hasNext();
                }

                @Override
                public Row next() {
                  Row r = it.next();
                  String[] text = new String[nameArr.length];
                  if (!r.isNullAt(nBase)) {
                    for (Row f : r.<Row>getList(nBase)) {
                      Integer i = index.get(f.getString(0));
                      String v = f.getString(1);
                      if (i != null && v != null && (text[i] == null || v.compareTo(text[i]) > 0)) {
                        text[i] = v;
                      }
                    }
                  }
                  Object[] out = new Object[nBase + nameArr.length];
                  for (int i = 0; i < nBase; i++) {
                    out[i] = r.get(i);
                  }
                  for (int i = 0; i < nameArr.length; i++) {
                    out[nBase + i] =
                        switch (kinds[i]) {
                          case 'b' -> castBoolean(text[i]);
                          case 'd' -> castDouble(text[i]);
                          default -> text[i];
                        };
                  }
                  return RowFactory.create(out);
                }
              };
            },
        Encoders.row(schema));
  }

  /** Text to boolean as Spark's cast reads it, with a missing or unreadable value false. */
  static boolean castBoolean(String s) {
    if (s == null) {
      return false;
    }
    return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "t", "true", "y", "yes", "1" -> true;
      default -> false;
    };
  }

  /** Text to double as Spark's cast reads it: null when missing or not a number. */
  static Double castDouble(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Double.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
