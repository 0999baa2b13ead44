package dev.stratum.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The feature-store build: one Spark application that reads every raw input (OMOP CDM CSV, VCF,
 * omics matrices, notes), validates each record, quarantines bad ones with their reason, and writes
 * an immutable, versioned, pseudonymized, point-in-time snapshot which it then makes current
 * atomically (see {@link SnapshotCommitter}).
 *
 * <p>Reruns are idempotent: the snapshot id is a digest of the input files' SHA-256, the as-of day,
 * the schema version, the producer, the pseudonym key's fingerprint and the note-facts extractor,
 * so an identical rerun finds its snapshot already published and only re-points CURRENT.
 */
public final class FeatureJob {
  private static final Logger LOG = Logger.getLogger(FeatureJob.class.getName());

  private FeatureJob() {}

  /** Producer name and version, e.g. {@code stratum-jobs 0.1.0-SNAPSHOT}. */
  public static String producer() {
    Properties p = new Properties();
    try (InputStream in = FeatureJob.class.getResourceAsStream("/stratum-jobs.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return "stratum-jobs " + p.getProperty("version", "unknown");
  }

  /**
   * A Spark session for the job ({@link SparkSessions}) with 8 shuffle partitions (raised with the
   * input size by the job) and zstd-compressed Parquet.
   */
  public static SparkSession session(String master, Map<String, String> conf) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("spark.sql.shuffle.partitions", "8");
    all.put("spark.sql.parquet.compression.codec", "zstd");
    all.putAll(conf);
    return SparkSessions.builder("stratum-features", master, all).getOrCreate();
  }

  /** Runs the build in a new Spark session (master from the options) and stops it afterwards. */
  public static FeatureJobSummary run(FeatureJobOptions options) {
    SparkSession spark = session(options.master(), options.sparkConf());
    try {
      return run(spark, options);
    } finally {
      spark.stop();
    }
  }

  static void maybeFail(FailurePoint configured, FailurePoint here) {
    if (configured == here) {
      throw new InjectedFailureException(here);
    }
  }

  /** Thrown by the {@link FailurePoint} test hook. */
  static final class InjectedFailureException extends StratumException {
    private static final long serialVersionUID = 1L;

    InjectedFailureException(FailurePoint p) {
      super("injected failure " + p);
    }
  }

  /** Runs the build in the given session (which the caller owns and stops). */
  public static FeatureJobSummary run(SparkSession spark, FeatureJobOptions o) {
    long t0 = System.nanoTime();
    Path raw = o.raw().toAbsolutePath().normalize();
    Path store = o.store().toAbsolutePath().normalize();
    try (SnapshotCommitter committer = SnapshotCommitter.lock(store)) {
      List<Manifest.InputFile> inputs = fingerprints(raw);
      String id = snapshotId(inputs, o);
      Path existing = committer.snapshotDir(id);
      if (Files.isRegularFile(existing.resolve("manifest.json"))) {
        Manifest m = Manifest.read(existing.resolve("manifest.json"));
        committer.cleanTemp();
        committer.switchCurrent(id, o.failAt());
        LOG.info("snapshot " + id + " already built from these inputs; made it current");
        return new FeatureJobSummary(
            id, existing, true, m, Duration.ofNanos(System.nanoTime() - t0));
      }
      committer.cleanTemp();
      scaleShufflePartitions(spark, inputs);
      List<Dataset<Row>> cached = new ArrayList<>();
      try {
        return build(spark, o, raw, committer, inputs, id, cached, t0);
      } finally {
        for (Dataset<Row> d : cached) {
          d.unpersist();
        }
      }
    }
  }

  private static FeatureJobSummary build(
      SparkSession spark,
      FeatureJobOptions o,
      Path raw,
      SnapshotCommitter committer,
      List<Manifest.InputFile> inputs,
      String id,
      List<Dataset<Row>> cached,
      long t0) {
    {
      Map<OmopTable, SourceData> omop = new LinkedHashMap<>();
      SourceData person = Ingest.omop(spark, raw, OmopTable.PERSON, "persons", null);
      omop.put(OmopTable.PERSON, person);
      for (OmopTable t : OmopTable.values()) {
        if (t != OmopTable.PERSON
            && Files.isRegularFile(raw.resolve("omop").resolve(t.fileName()))) {
          omop.put(t, Ingest.omop(spark, raw, t, t.fileStem, person.accepted()));
        }
      }
      List<SourceData> variants = new ArrayList<>();
      for (Path f : RawSources.files(raw.resolve("genomics"), ".vcf")) {
        variants.add(Ingest.vcf(spark, raw, f));
      }
      List<SourceData> omics = new ArrayList<>();
      for (Path f : RawSources.files(raw.resolve("omics"), ".tsv")) {
        omics.add(Ingest.omics(spark, raw, f));
      }
      List<SourceData> all = new ArrayList<>(omop.values());
      all.addAll(variants);
      all.addAll(omics);

      Map<String, SourceCounts> counts = account(all, o.asOf());
      // Only sources with rejections are joined back to their raw records (a re-read of the file).
      Dataset<Row> quarantine =
          spark.createDataFrame(List.<Row>of(), all.get(0).quarantine().schema());
      for (SourceData s : all) {
        if (counts.get(s.source()).quarantined() > 0) {
          quarantine = quarantine.unionByName(s.quarantine());
        }
      }

      for (SourceData s : all) {
        cached.add(s.cached());
      }
      Map<String, Dataset<Row>> tables =
          FeatureTables.build(
              spark,
              omop,
              variants,
              omics,
              o.asOf(),
              o.pseudonymizer(),
              o.noteFacts(),
              o.noteDeid(),
              cached);
      // The snapshot's quarantine keeps where and why, not the raw record nor source ids; the raw
      // records go to the steward-only folder STORE/restricted/quarantine/<snapshot> (issue 9).
      tables.put("quarantine", scrubbedQuarantine(quarantine).orderBy("source", "line"));

      Path temp = committer.newTempDir(id);
      writeTables(tables, temp);
      // The wide table and catalog come from the long tables as written: Parquet is read back
      // column by column, which is cheaper than keeping every long table cached in memory.
      Map<String, Dataset<Row>> written = new LinkedHashMap<>();
      for (String name : tables.keySet()) {
        if (!name.equals("quarantine")) {
          written.put(
              name, spark.read().parquet(temp.resolve("tables").resolve(name).toUri().toString()));
        }
      }
      Map<String, Dataset<Row>> wide = FeatureTables.wide(written, o.asOf());
      writeTables(wide, temp);
      tables.putAll(wide);
      maybeFail(o.failAt(), FailurePoint.AFTER_TABLES);
      Map<String, Long> rows = new TreeMap<>();
      for (String name : tables.keySet()) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ParquetFooters.FORMAT_KEY, Manifest.FORMAT);
        meta.put(ParquetFooters.SCHEMA_VERSION_KEY, Integer.toString(Manifest.SCHEMA_VERSION));
        meta.put(ParquetFooters.PRODUCER_KEY, producer());
        meta.put(ParquetFooters.TABLE_KEY, name);
        meta.put(ParquetFooters.SNAPSHOT_KEY, id);
        rows.put(name, ParquetFooters.stamp(temp.resolve("tables").resolve(name), meta));
      }
      maybeFail(o.failAt(), FailurePoint.AFTER_FOOTERS);
      Manifest m =
          new Manifest(
              Manifest.FORMAT,
              Manifest.SCHEMA_VERSION,
              id,
              Instant.now().toString(),
              o.asOf() == null ? null : o.asOf().toString(),
              producer(),
              spark.version(),
              o.pseudonymizer().keyFingerprint(),
              o.noteFacts() == null ? null : o.noteFacts().name(),
              inputs,
              counts,
              rows,
              rows.getOrDefault("catalog", 0L));
      try {
        Files.writeString(temp.resolve("manifest.json"), m.toJson(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new StratumException("cannot write manifest: " + e, e);
      }
      writeRestricted(o, committer.store(), id, omop.get(OmopTable.PERSON), quarantine);
      committer.publish(temp, id, o.failAt());
      maybeFail(o.failAt(), FailurePoint.AFTER_SNAPSHOT_RENAME);
      committer.switchCurrent(id, o.failAt());
      return new FeatureJobSummary(
          id, committer.snapshotDir(id), false, m, Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  /**
   * Raises {@code spark.sql.shuffle.partitions} to one per 128 MiB of input, so that the
   * per-patient shuffles of a large cohort (the wide table gathers every feature value of a person)
   * do not spill a few huge partitions; adaptive execution merges them again when small.
   */
  static void scaleShufflePartitions(SparkSession spark, List<Manifest.InputFile> inputs) {
    long bytes = inputs.stream().mapToLong(Manifest.InputFile::bytes).sum();
    int current = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions", "200"));
    long wanted = Math.min(4_000, bytes >> 27);
    if (wanted > current) {
      spark.conf().set("spark.sql.shuffle.partitions", Long.toString(wanted));
    }
  }

  private static void writeTables(Map<String, Dataset<Row>> tables, Path temp) {
    for (Map.Entry<String, Dataset<Row>> e : tables.entrySet()) {
      Path dir = temp.resolve("tables").resolve(e.getKey());
      e.getValue().write().mode(SaveMode.ErrorIfExists).parquet(dir.toUri().toString());
    }
  }

  /**
   * The quarantine as the snapshot keeps it: source, line and reason, with the source person ids
   * that reasons quote ("duplicate 1001", "sample 1001", "1001 is not in omop/person.csv", a
   * malformed person_id value) replaced by {@code #}.
   */
  static Dataset<Row> scrubbedQuarantine(Dataset<Row> q) {
    org.apache.spark.sql.Column r = col("reason");
    r = regexp_replace(r, "(duplicate |sample |sample column )[0-9]+", "$1#");
    r = regexp_replace(r, "[0-9]+( is not in omop/person\\.csv)", "#$1");
    r =
        when(col("reason").startsWith("field 'person_id'"), regexp_replace(r, "'[^']*'$", "'#'"))
            .otherwise(r);
    return q.select(col("source"), col("line"), r.as("reason"));
  }

  /**
   * Writes the steward-only outputs next to the snapshot: the re-identification map ({@link
   * ReidentificationMap}) and the raw quarantined records.
   */
  static void writeRestricted(
      FeatureJobOptions o, Path store, String id, SourceData persons, Dataset<Row> quarantine) {
    Map<String, String> map = new TreeMap<>();
    for (Row r : persons.accepted().select("person_src").distinct().collectAsList()) {
      map.put(o.pseudonymizer().pseudonym(r.getString(0)), r.getString(0));
    }
    ReidentificationMap.write(store, id, map);
    Path q = ReidentificationMap.restrictedDir(store, "quarantine").resolve(id);
    quarantine
        .orderBy("source", "line")
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(q.toUri().toString());
    try (var files = Files.walk(q)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(
            f,
            java.nio.file.attribute.PosixFilePermissions.fromString(
                Files.isDirectory(f) ? "rwx------" : "rw-------"));
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warning("cannot restrict permissions under " + q + ": " + e);
    }
  }

  /** Accounts for every source's records in one Spark job. */
  static Map<String, SourceCounts> account(List<SourceData> sources, LocalDate asOf) {
    Dataset<Row> u = null;
    for (SourceData s : sources) {
      org.apache.spark.sql.Column late =
          asOf != null && s.dateColumn() != null
              ? when(col("reason").isNull().and(col("date").gt(FeatureTables.asOfDay(asOf))), 1)
                  .otherwise(0)
              : lit(0);
      Dataset<Row> r =
          s.records().select(lit(s.source()).as("source"), col("reason"), late.as("late"));
      u = u == null ? r : u.unionByName(r);
    }
    Map<String, SourceCounts> out = new TreeMap<>();
    for (String s : sources.stream().map(SourceData::source).toList()) {
      out.put(s, SourceCounts.of(0, 0, 0));
    }
    for (Row r :
        u.groupBy("source")
            .agg(count(lit(1)), count(col("reason")), sum(col("late")))
            .collectAsList()) {
      out.put(r.getString(0), SourceCounts.of(r.getLong(1), r.getLong(2), r.getLong(3)));
    }
    return out;
  }

  /** SHA-256 and size of every regular file under {@code raw/omop, genomics, omics}. */
  static List<Manifest.InputFile> fingerprints(Path raw) {
    List<Manifest.InputFile> out = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (OmopTable t : OmopTable.values()) {
      Path f = raw.resolve("omop").resolve(t.fileName());
      if (Files.isRegularFile(f)) {
        files.add(f);
      }
    }
    files.addAll(RawSources.files(raw.resolve("genomics"), ".vcf"));
    files.addAll(RawSources.files(raw.resolve("omics"), ".tsv"));
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        long n = 0;
        int k;
        while ((k = in.read(buf)) > 0) {
          md.update(buf, 0, k);
          n += k;
        }
        out.add(
            new Manifest.InputFile(
                raw.relativize(f).toString().replace('\\', '/'),
                n,
                HexFormat.of().formatHex(md.digest())));
      } catch (IOException | NoSuchAlgorithmException e) {
        throw new StratumException("cannot fingerprint " + f + ": " + e, e);
      }
    }
    return out;
  }

  static String snapshotId(List<Manifest.InputFile> inputs, FeatureJobOptions o) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      StringBuilder sb = new StringBuilder();
      sb.append(Manifest.FORMAT).append('\n').append(Manifest.SCHEMA_VERSION).append('\n');
      sb.append(producer()).append('\n').append(o.asOf()).append('\n');
      sb.append(o.pseudonymizer().keyFingerprint()).append('\n');
      sb.append(o.noteFacts() == null ? "-" : o.noteFacts().name()).append('\n');
      if (o.noteDeid() != null) {
        sb.append("deid ").append(o.noteDeid().name()).append('\n');
      }
      for (Manifest.InputFile f : inputs) {
        sb.append(f.path()).append(' ').append(f.sha256()).append('\n');
      }
      String h =
          HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
      return (o.asOf() == null ? "all" : o.asOf().toString()) + "-" + h.substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
