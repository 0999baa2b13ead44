package dev.stratum.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dev.stratum.core.error.InvalidInputException;
import htsjdk.tribble.readers.LineIteratorImpl;
import htsjdk.tribble.readers.SynchronousLineReader;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Validating readers for every raw input of docs/data-formats.md. Each returns a {@link
 * SourceData}: every input record is either accepted or quarantined with its reason, so the
 * manifest can account for all of them.
 */
final class Ingest {
  static final String CORRUPT = "_corrupt";
  static final Set<String> VARIANT_CLASSES = Set.of("SNV", "INDEL", "AMP", "DEL", "FUSION");

  private Ingest() {}

  static DataType type(String t) {
    return switch (t) {
      case "string" -> DataTypes.StringType;
      case "int" -> DataTypes.IntegerType;
      case "double" -> DataTypes.DoubleType;
      case "date" -> DataTypes.DateType;
      default -> throw new IllegalArgumentException(t);
    };
  }

  /** Checks that a CSV header is the CDM v5.4 column list, naming the first difference. */
  static void checkHeader(Path file, OmopTable t) {
    String header = RawSources.firstRecord(file);
    List<String> got = List.of(header.strip().split(",", -1));
    for (int i = 0; i < t.columns.size(); i++) {
      String want = t.columns.get(i);
      String have =
          i < got.size() ? got.get(i).strip().replace("\"", "").toLowerCase(Locale.ROOT) : null;
      if (!want.equals(have)) {
        throw InvalidInputException.at(
            file.toString(),
            1,
            want,
            "header column "
                + (i + 1)
                + " must be '"
                + want
                + "' (OMOP CDM v5.4 order), found "
                + (have == null ? "end of header" : "'" + have + "'"));
      }
    }
    if (got.size() > t.columns.size()) {
      throw InvalidInputException.at(
          file.toString(),
          1,
          got.get(t.columns.size()),
          "unexpected extra header column (OMOP CDM v5.4 has " + t.columns.size() + ")");
    }
  }

  /**
   * An OMOP CSV table: records are parsed by Spark's CSV reader in PERMISSIVE mode with a
   * corrupt-record column (RFC 4180 quoting, {@code ""} escapes), then checked column by column.
   */
  static SourceData omop(
      SparkSession spark, Path raw, OmopTable t, String family, Dataset<Row> knownPersons) {
    Path file = raw.resolve("omop").resolve(t.fileName());
    String source = "omop/" + t.fileName();
    checkHeader(file, t);
    Dataset<Row> records = RawSources.csvRecords(spark, file, t.multiLine);
    if (t.multiLine) {
      // A file whose values span lines is split into records by one task; spread the records so
      // that validation, de-identification and the NLP over notes run on every core.
      records = records.repartition(partitions(spark, file));
    }
    Dataset<String> prefixed =
        records.map(
            (org.apache.spark.api.java.function.MapFunction<Row, String>)
                r -> r.getLong(0) + "," + r.getString(1),
            Encoders.STRING());
    StructType parseSchema = new StructType().add("_line", DataTypes.LongType);
    for (String c : t.columns) {
      parseSchema = parseSchema.add(c, DataTypes.StringType);
    }
    parseSchema = parseSchema.add(CORRUPT, DataTypes.StringType);
    Dataset<Row> parsed =
        spark
            .read()
            .schema(parseSchema)
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .option("quote", "\"")
            .option("escape", "\"")
            .option("multiLine", t.multiLine)
            .option("enforceSchema", true)
            .csv(prefixed);

    StructType out =
        new StructType()
            .add("line", DataTypes.LongType)
            .add("reason", DataTypes.StringType)
            .add("person_src", DataTypes.StringType);
    for (String o : t.outputs) {
      out = out.add(o.split(":")[0], DataTypes.StringType);
    }
    final int nOut = t.outputs.size();
    final List<String> cols = t.columns;
    Dataset<Row> validated =
        parsed.mapPartitions(
            (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>)
                it ->
                    new Iterator<Row>() {
                      @Override
                      public boolean hasNext() {
                        return it.hasNext();
                      }

                      @Override
                      public Row next() {
                        Row r = it.next();
                        Object[] v = new Object[3 + nOut];
                        String corrupt = r.getString(r.length() - 1);
                        Long line = r.isNullAt(0) ? null : r.getLong(0);
                        if (line == null && corrupt != null) {
                          line = Long.parseLong(corrupt.substring(0, corrupt.indexOf(',')));
                        }
                        v[0] = line;
                        if (corrupt != null) {
                          v[1] =
                              "malformed CSV record: expected "
                                  + cols.size()
                                  + " RFC 4180 fields (check the field count and quotes)";
                          return RowFactory.create(v);
                        }
                        try {
                          String[] ok =
                              t.validate(
                                  name -> {
                                    String s = r.getString(1 + cols.indexOf(name));
                                    return s == null || s.isEmpty() ? null : s;
                                  });
                          System.arraycopy(ok, 0, v, 2, ok.length);
                        } catch (RecordRejectedException e) {
                          v[1] = e.getMessage();
                        }
                        return RowFactory.create(v);
                      }
                    },
            Encoders.row(out));
    List<Column> typed = new ArrayList<>(List.of(col("line"), col("reason"), col("person_src")));
    for (String o : t.outputs) {
      String[] nt = o.split(":");
      typed.add(col(nt[0]).cast(type(nt[1])).as(nt[0]));
    }
    Dataset<Row> checked = validated.select(typed.toArray(Column[]::new));
    if (t == OmopTable.PERSON) {
      // A person_id may appear once; later duplicates are quarantined, naming the first line.
      Column first =
          min(when(col("reason").isNull(), col("line"))).over(Window.partitionBy("person_src"));
      checked =
          checked
              .withColumn("_first", first)
              .withColumn(
                  "reason",
                  when(
                          col("reason").isNull().and(col("line").gt(col("_first"))),
                          concat(
                              lit("field 'person_id': duplicate "),
                              col("person_src"),
                              lit(", first at line "),
                              col("_first").cast("string")))
                      .otherwise(col("reason")))
              .drop("_first");
    }
    if (knownPersons != null) {
      // Broadcast: the person ids are small beside the event tables, which then need no shuffle.
      Dataset<Row> known =
          functions.broadcast(knownPersons.select(col("person_src").as("_known")).distinct());
      checked =
          checked
              .join(known, checked.col("person_src").equalTo(known.col("_known")), "left")
              .withColumn(
                  "reason",
                  when(
                          col("reason").isNull().and(col("_known").isNull()),
                          concat(
                              lit("field 'person_id': "),
                              col("person_src"),
                              lit(" is not in omop/person.csv")))
                      .otherwise(col("reason")))
              .drop("_known");
    }
    checked = checked.persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> rejected = checked.filter(col("reason").isNotNull()).select("line", "reason");
    Dataset<Row> quarantine =
        rejected
            .join(records, "line")
            .select(lit(source).as("source"), col("line"), col("raw"), col("reason"));
    List<Column> recordCols = new ArrayList<>(List.of(col("line"), col("reason")));
    if (t.dateColumn != null) {
      recordCols.add(col(t.dateColumn).as("date"));
    }
    return new SourceData(
        source,
        family,
        checked.select(recordCols.toArray(Column[]::new)),
        quarantine,
        checked.filter(col("reason").isNull()).drop("line", "reason"),
        t.dateColumn,
        checked);
  }

  /** Partitions for a file's records: one per 32 MiB, at least the default parallelism. */
  static int partitions(SparkSession spark, Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = 0;
    }
    return (int) Math.max(spark.sparkContext().defaultParallelism(), Math.min(10_000, size >> 25));
  }

  /** Reads the meta-information and #CHROM lines of a VCF on the driver. */
  static List<String> vcfHeader(Path file) {
    List<String> header = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null && line.startsWith("#")) {
        header.add(line);
        if (line.startsWith("#CHROM")) {
          break;
        }
      }
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage());
    }
    if (header.isEmpty() || !header.get(0).startsWith("##fileformat=VCF")) {
      throw InvalidInputException.at(
          file.toString(), 1, null, "not a VCF: first line must be ##fileformat=VCFv4.x");
    }
    String last = header.get(header.size() - 1);
    if (!last.startsWith("#CHROM")) {
      throw InvalidInputException.at(
          file.toString(), header.size(), null, "no #CHROM header line before the records");
    }
    String[] cols = last.split("\t", -1);
    for (int i = 9; i < cols.length; i++) {
      if (!cols[i].matches("[0-9]{1,18}")) {
        throw InvalidInputException.at(
            file.toString(),
            header.size(),
            cols[i],
            "sample column " + (i + 1) + " must be an OMOP person_id (digits)");
      }
    }
    return header;
  }

  static final StructType VCF_ROW =
      new StructType()
          .add("kind", DataTypes.StringType)
          .add("line", DataTypes.LongType)
          .add("reason", DataTypes.StringType)
          .add("raw", DataTypes.StringType)
          .add("person_src", DataTypes.StringType)
          .add("chrom", DataTypes.StringType)
          .add("pos", DataTypes.LongType)
          .add("ref", DataTypes.StringType)
          .add("alt", DataTypes.StringType)
          .add("gene", DataTypes.StringType)
          .add("hgvsp", DataTypes.StringType)
          .add("variant_class", DataTypes.StringType)
          .add("svtype", DataTypes.StringType)
          .add("sv_end", DataTypes.LongType)
          .add("fusion", DataTypes.StringType)
          .add("af", DataTypes.DoubleType);

  /**
   * A VCF 4.2 file: each data line is decoded by htsjdk's {@link VCFCodec} inside a Spark task (one
   * codec per partition, built from the header read on the driver), then checked against the
   * contract: GENE and VC present, carriers (GT 0/1 or 1/1) with AF in (0, 1].
   */
  static SourceData vcf(SparkSession spark, Path raw, Path file) {
    String source = raw.relativize(file).toString().replace('\\', '/');
    List<String> header = vcfHeader(file);
    final String headerText = String.join("\n", header) + "\n";
    final int headerLines = header.size();
    JavaRDD<Row> lines = RawSources.numberedLines(spark, file);
    JavaRDD<Row> decoded =
        lines
            .filter(r -> r.getLong(0) > headerLines && !r.getString(1).isBlank())
            .mapPartitions(
                it -> {
                  VCFCodec codec = new VCFCodec();
                  codec.readActualHeader(
                      new LineIteratorImpl(
                          new SynchronousLineReader(new StringReader(headerText))));
                  List<Row> out = new ArrayList<>();
                  return new Iterator<Row>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                      while (i >= out.size()) {
                        out.clear();
                        i = 0;
                        if (!it.hasNext()) {
                          return false;
                        }
                        Row r = it.next();
                        decodeVcfLine(codec, r.getLong(0), r.getString(1), out);
                      }
                      return true;
                    }

                    @Override
                    public Row next() {
                      return out.get(i++);
                    }
                  };
                });
    Dataset<Row> all =
        spark.createDataFrame(decoded, VCF_ROW).persist(StorageLevel.MEMORY_AND_DISK());
    return new SourceData(
        source,
        "variants",
        all.filter(col("kind").notEqual("C")).select("line", "reason"),
        all.filter(col("kind").equalTo("R"))
            .select(lit(source).as("source"), col("line"), col("raw"), col("reason")),
        all.filter(col("kind").equalTo("C"))
            .drop("kind", "line", "reason", "raw")
            .withColumn("source", lit(source)),
        null,
        all);
  }

  static void decodeVcfLine(VCFCodec codec, long line, String text, List<Row> out) {
    try {
      VariantContext vc = codec.decode(text);
      if (vc == null) {
        throw new RecordRejectedException("not a VCF data line");
      }
      String gene = vc.getAttributeAsString("GENE", null);
      if (gene == null || gene.isBlank() || gene.equals(".")) {
        throw new RecordRejectedException("INFO 'GENE': required (HGNC symbol), missing");
      }
      String vclass = vc.getAttributeAsString("VC", null);
      if (vclass == null || !VARIANT_CLASSES.contains(vclass)) {
        throw new RecordRejectedException(
            "INFO 'VC': expected one of " + VARIANT_CLASSES + ", got '" + vclass + "'");
      }
      if (vc.getAlternateAlleles().size() != 1) {
        throw new RecordRejectedException(
            "ALT: expected one allele per record, got " + vc.getAlternateAlleles().size());
      }
      String hgvsp = nz(vc.getAttributeAsString("HGVSP", null));
      String svtype = nz(vc.getAttributeAsString("SVTYPE", null));
      String fusion = nz(vc.getAttributeAsString("FUSION", null));
      Long svEnd = vc.hasAttribute("END") ? (long) vc.getAttributeAsInt("END", 0) : null;
      String alt = vc.getAlternateAllele(0).getDisplayString();
      List<Row> carriers = new ArrayList<>();
      for (Genotype g : vc.getGenotypes()) {
        if (g.isHet() || g.isHomVar()) {
          Object afRaw = g.getExtendedAttribute("AF");
          double af;
          try {
            af = Double.parseDouble(String.valueOf(afRaw));
          } catch (NumberFormatException e) {
            throw new RecordRejectedException(
                "sample " + g.getSampleName() + " FORMAT 'AF': not a number: '" + afRaw + "'");
          }
          if (!(af > 0 && af <= 1)) {
            throw new RecordRejectedException(
                "sample " + g.getSampleName() + " FORMAT 'AF': " + af + " outside (0, 1]");
          }
          carriers.add(
              RowFactory.create(
                  "C",
                  line,
                  null,
                  null,
                  g.getSampleName(),
                  vc.getContig(),
                  (long) vc.getStart(),
                  vc.getReference().getDisplayString(),
                  alt,
                  gene,
                  hgvsp,
                  vclass,
                  svtype,
                  svEnd,
                  fusion,
                  af));
        }
      }
      out.add(
          RowFactory.create(
              "A", line, null, null, null, null, null, null, null, null, null, null, null, null,
              null, null));
      out.addAll(carriers);
    } catch (RuntimeException e) {
      String reason =
          e instanceof RecordRejectedException
              ? e.getMessage()
              : "htsjdk VCFCodec: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      out.add(
          RowFactory.create(
              "R", line, reason, text, null, null, null, null, null, null, null, null, null, null,
              null, null));
    }
  }

  private static String nz(String s) {
    return s == null || s.equals(".") || s.isBlank() ? null : s;
  }

  static final StructType OMICS_ROW =
      new StructType()
          .add("kind", DataTypes.StringType)
          .add("line", DataTypes.LongType)
          .add("reason", DataTypes.StringType)
          .add("raw", DataTypes.StringType)
          .add("person_src", DataTypes.StringType)
          .add("layer", DataTypes.StringType)
          .add("feature", DataTypes.StringType)
          .add("value", DataTypes.DoubleType);

  /**
   * An omics matrix (TCGA/GDC orientation: features down, samples across) turned into the long
   * table {@code (person, layer, feature, value)}. {@code NA} and empty cells are missing, not
   * errors; a row with a non-numeric value, the wrong number of fields, or (methylation) a beta
   * value outside [0, 1] is quarantined whole.
   */
  static SourceData omics(SparkSession spark, Path raw, Path file) {
    String source = raw.relativize(file).toString().replace('\\', '/');
    String name = file.getFileName().toString();
    final String layer = name.substring(0, name.length() - ".tsv".length());
    String header = RawSources.firstRecord(file);
    final String[] samples = header.split("\t", -1);
    if (samples.length < 2 || !samples[0].strip().equalsIgnoreCase("feature_id")) {
      throw InvalidInputException.at(
          file.toString(), 1, "feature_id", "header must be feature_id<TAB>sample ids...");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 1; i < samples.length; i++) {
      samples[i] = samples[i].strip();
      if (!samples[i].matches("[0-9]{1,18}")) {
        throw InvalidInputException.at(
            file.toString(), 1, samples[i], "sample column must be an OMOP person_id (digits)");
      }
      if (seen.put(samples[i], i) != null) {
        throw InvalidInputException.at(
            file.toString(), 1, samples[i], "sample column appears twice");
      }
    }
    final boolean beta = layer.equals("methylation");
    JavaRDD<Row> cells =
        RawSources.numberedLines(spark, file)
            .filter(r -> r.getLong(0) > 1 && !r.getString(1).isBlank())
            .flatMap(
                r -> {
                  long line = r.getLong(0);
                  String text = r.getString(1);
                  List<Row> out = new ArrayList<>();
                  String[] f = text.split("\t", -1);
                  try {
                    if (f.length != samples.length) {
                      throw new RecordRejectedException(
                          "expected " + samples.length + " tab-separated fields, got " + f.length);
                    }
                    String feature = FieldChecks.required("feature_id", f[0]);
                    for (int i = 1; i < f.length; i++) {
                      String v = f[i].strip();
                      if (v.isEmpty() || v.equals("NA")) {
                        continue;
                      }
                      double x;
                      try {
                        x = Double.parseDouble(v);
                      } catch (NumberFormatException e) {
                        throw new RecordRejectedException(
                            "sample "
                                + samples[i]
                                + ": not a decimal number or NA: '"
                                + FieldChecks.clip(v)
                                + "'");
                      }
                      if (!Double.isFinite(x) || (beta && (x < 0 || x > 1))) {
                        throw new RecordRejectedException(
                            "sample "
                                + samples[i]
                                + ": "
                                + v
                                + (beta ? " is not a beta value in [0, 1]" : " is not finite"));
                      }
                      out.add(
                          RowFactory.create("C", line, null, null, samples[i], layer, feature, x));
                    }
                    out.add(RowFactory.create("A", line, null, null, null, null, null, null));
                  } catch (RecordRejectedException e) {
                    out.clear();
                    out.add(
                        RowFactory.create("R", line, e.getMessage(), text, null, null, null, null));
                  }
                  return out.iterator();
                });
    Dataset<Row> all =
        spark.createDataFrame(cells, OMICS_ROW).persist(StorageLevel.MEMORY_AND_DISK());
    return new SourceData(
        source,
        "omics",
        all.filter(col("kind").notEqual("C")).select("line", "reason"),
        all.filter(col("kind").equalTo("R"))
            .select(lit(source).as("source"), col("line"), col("raw"), col("reason")),
        all.filter(col("kind").equalTo("C"))
            .select("person_src", "layer", "feature", "value")
            .withColumn("source", lit(source)),
        null,
        all);
  }
}
