package dev.stratum.jobs;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Writes a stratification's assignments back into the feature store as the feature family {@code
 * strata}, so that matching and the trial simulator can use strata like any other feature.
 *
 * <p>A snapshot is immutable, so the write-back derives a new snapshot from a parent (normally the
 * current one) with the same commit protocol as {@link FeatureJob} (see {@link SnapshotCommitter}):
 * under the store's writer lock, the new snapshot is assembled in {@code .tmp/}: every unchanged
 * table file is hard-linked from the parent (copied when the file system cannot link); the {@code
 * strata} table ({@code person_id, model_id, stratum, probability, source}; rows of other models
 * already in the parent are kept, rows of the same model replaced) is written; the wide {@code
 * patients} table gains two columns ({@code stratum_<model>} 1..k and {@code
 * stratum_<model>_probability}) and the catalog their entries, family {@code strata}. The manifest
 * records the parent snapshot and the model. Then the directory is fsynced and renamed into {@code
 * snapshots/}, and only then is {@code CURRENT} switched. Readers keep seeing the parent until the
 * switch. The id is {@code <parent's as-of or "all">-<16 hex>}, a digest of the parent id, the
 * model and the rows, so writing the same strata again only makes that snapshot current again.
 *
 * <p>Parquet files are written without Spark (parquet-hadoop), with the store's footer metadata.
 */
public final class StrataWriteBack {
  /** The table and feature family name. */
  public static final String TABLE = "strata";

  private StrataWriteBack() {}

  /**
   * One patient's stratum.
   *
   * @param personId pseudonymized person id, as in the store
   * @param stratum cluster number 1..k
   * @param probability membership probability or consensus in [0, 1], NaN when unknown
   */
  public record Row(String personId, int stratum, double probability) {
    public Row {
      if (personId == null || personId.isEmpty()) {
        throw new IllegalArgumentException("personId must not be empty");
      }
      if (stratum < 1) {
        throw new IllegalArgumentException("stratum must be >= 1, got " + stratum);
      }
    }
  }

  /**
   * What was written.
   *
   * @param snapshotId the new (now current) snapshot
   * @param dir its directory
   * @param parentId the snapshot it derives from
   * @param reused true when the same strata had been written before (only CURRENT moved)
   * @param rows rows of the model in the strata table
   */
  public record Result(String snapshotId, Path dir, String parentId, boolean reused, long rows) {}

  /**
   * Derives a snapshot from {@code parentId} (null = the current snapshot) with the strata of model
   * {@code modelId}, publishes it and makes it current.
   *
   * @param details recorded in the manifest's {@code derivation} (method, k, model file digest,
   *     approved protocol, ...)
   */
  public static Result write(
      Path store, String parentId, String modelId, Map<String, String> details, List<Row> rows) {
    return write(store, parentId, modelId, details, rows, null);
  }

  static Result write(
      Path store,
      String parentId,
      String modelId,
      Map<String, String> details,
      List<Row> rows,
      FailurePoint failAt) {
    if (modelId == null || modelId.isBlank()) {
      throw InvalidInputException.ofArgument("model", "a model id is required");
    }
    if (rows.isEmpty()) {
      throw InvalidInputException.ofArgument("strata", "no assignments to write back");
    }
    FeatureStore fs = FeatureStore.open(store);
    Path dir = fs.dir();
    try (SnapshotCommitter committer = SnapshotCommitter.lock(dir)) {
      FeatureSnapshot parent = parentId == null ? fs.current() : fs.snapshot(parentId);
      List<Row> sorted = new ArrayList<>(rows);
      sorted.sort(Comparator.comparing(Row::personId));
      String id = derivedId(parent, modelId, details, sorted);
      if (Files.isRegularFile(committer.snapshotDir(id).resolve("manifest.json"))) {
        committer.cleanTemp();
        committer.switchCurrent(id, failAt);
        return new Result(id, committer.snapshotDir(id), parent.id(), true, sorted.size());
      }
      committer.cleanTemp();
      Path temp = committer.newTempDir(id);
      String column = columnName(modelId);
      String source = "stratify model " + modelId;
      Map<String, Long> counts = new TreeMap<>(parent.manifest().tables());
      for (String table : parent.tables()) {
        Path to = temp.resolve("tables").resolve(table);
        switch (table) {
          case TABLE -> counts.put(table, strata(parent, to, id, modelId, source, sorted));
          case "patients" -> counts.put(table, patients(parent, to, id, column, sorted));
          case "catalog" -> counts.put(table, catalog(parent, to, id, column, modelId, source));
          default -> link(parent.tableDir(table), to);
        }
      }
      if (!parent.tables().contains(TABLE)) {
        counts.put(
            TABLE,
            strata(parent, temp.resolve("tables").resolve(TABLE), id, modelId, source, sorted));
      }
      FeatureJob.maybeFail(failAt, FailurePoint.AFTER_TABLES);
      FeatureJob.maybeFail(failAt, FailurePoint.AFTER_FOOTERS);
      Manifest p = parent.manifest();
      Map<String, String> derivation = new LinkedHashMap<>();
      derivation.put("kind", TABLE);
      derivation.put("model", modelId);
      derivation.put("column", column);
      derivation.putAll(details);
      Manifest m =
          new Manifest(
              Manifest.FORMAT,
              Manifest.SCHEMA_VERSION,
              id,
              Instant.now().toString(),
              p.asOf(),
              FeatureJob.producer(),
              p.sparkVersion(),
              p.pseudonymKey(),
              p.noteFactExtractor(),
              p.inputs(),
              p.sources(),
              counts,
              counts.getOrDefault("catalog", 0L),
              parent.id(),
              derivation);
      try {
        Files.writeString(temp.resolve("manifest.json"), m.toJson(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new StratumException("cannot write manifest: " + e, e);
      }
      committer.publish(temp, id, failAt);
      FeatureJob.maybeFail(failAt, FailurePoint.AFTER_SNAPSHOT_RENAME);
      committer.switchCurrent(id, failAt);
      return new Result(id, committer.snapshotDir(id), parent.id(), false, sorted.size());
    }
  }

  /** The patients-table column of a model: {@code stratum_<model name in lower case, _>}. */
  public static String columnName(String modelId) {
    String slug = modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    slug = slug.replaceAll("^_+|_+$", "");
    return slug.startsWith("stratum_") ? slug : "stratum_" + slug;
  }

  /** SHA-256 of a file in hex (for the model file recorded in the manifest). */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int k;
      while ((k = in.read(buf)) > 0) {
        md.update(buf, 0, k);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new StratumException("cannot digest " + file + ": " + e, e);
    }
  }

  static String derivedId(
      FeatureSnapshot parent, String modelId, Map<String, String> details, List<Row> sorted) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      StringBuilder sb = new StringBuilder();
      sb.append(parent.id()).append('\n').append(modelId).append('\n');
      new TreeMap<>(details).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
      for (Row r : sorted) {
        md.update(
            (r.personId() + ',' + r.stratum() + ',' + r.probability() + '\n')
                .getBytes(StandardCharsets.UTF_8));
      }
      String h = HexFormat.of().formatHex(md.digest());
      String asOf = parent.manifest().asOf();
      return (asOf == null ? "all" : asOf) + "-" + h.substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> footer(String table, String snapshot) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(ParquetFooters.FORMAT_KEY, Manifest.FORMAT);
    meta.put(ParquetFooters.SCHEMA_VERSION_KEY, Integer.toString(Manifest.SCHEMA_VERSION));
    meta.put(ParquetFooters.PRODUCER_KEY, FeatureJob.producer());
    meta.put(ParquetFooters.TABLE_KEY, table);
    meta.put(ParquetFooters.SNAPSHOT_KEY, snapshot);
    return meta;
  }

  private static Path newFile(Path tableDir) {
    try {
      Files.createDirectories(tableDir);
    } catch (IOException e) {
      throw new StratumException("cannot create " + tableDir + ": " + e, e);
    }
    return tableDir.resolve("part-00000-stratum.zstd.parquet");
  }

  static final MessageType STRATA_SCHEMA =
      ParquetRows.schema(
          "strata",
          List.of(
              ParquetRows.optionalString("person_id"),
              ParquetRows.optionalString("model_id"),
              ParquetRows.optional(PrimitiveTypeName.INT32, "stratum"),
              ParquetRows.optional(PrimitiveTypeName.DOUBLE, "probability"),
              ParquetRows.optionalString("source")));

  private static long strata(
      FeatureSnapshot parent, Path to, String id, String modelId, String source, List<Row> rows) {
    List<Group> out = new ArrayList<>();
    if (parent.tables().contains(TABLE)) {
      for (Group g : ParquetRows.read(ParquetFooters.parquetFiles(parent.tableDir(TABLE))).rows()) {
        if (!modelId.equals(g.getString("model_id", 0))) {
          out.add(
              ParquetRows.copy(
                  g,
                  STRATA_SCHEMA,
                  List.of("person_id", "model_id", "stratum", "probability", "source")));
        }
      }
    }
    for (Row r : rows) {
      Group g = new SimpleGroup(STRATA_SCHEMA);
      g.add("person_id", r.personId());
      g.add("model_id", modelId);
      g.add("stratum", r.stratum());
      if (!Double.isNaN(r.probability())) {
        g.add("probability", r.probability());
      }
      g.add("source", source);
      out.add(g);
    }
    ParquetRows.write(newFile(to), STRATA_SCHEMA, out, footer(TABLE, id));
    return out.size();
  }

  private static long patients(
      FeatureSnapshot parent, Path to, String id, String column, List<Row> rows) {
    ParquetRows.Rows in =
        ParquetRows.read(ParquetFooters.parquetFiles(parent.tableDir("patients")));
    Set<String> drop = Set.of(column, column + "_probability");
    List<Type> fields = new ArrayList<>(ParquetRows.fieldsExcept(in.schema(), drop));
    List<String> keep = fields.stream().map(Type::getName).toList();
    fields.add(ParquetRows.optional(PrimitiveTypeName.INT32, column));
    fields.add(ParquetRows.optional(PrimitiveTypeName.DOUBLE, column + "_probability"));
    MessageType schema = ParquetRows.schema(in.schema().getName(), fields);
    Map<String, Row> byId = new HashMap<>();
    for (Row r : rows) {
      byId.put(r.personId(), r);
    }
    List<Group> out = new ArrayList<>();
    for (Group g : in.rows()) {
      Group c = ParquetRows.copy(g, schema, keep);
      Row r =
          g.getFieldRepetitionCount("person_id") == 0
              ? null
              : byId.get(g.getString("person_id", 0));
      if (r != null) {
        c.add(column, r.stratum());
        if (!Double.isNaN(r.probability())) {
          c.add(column + "_probability", r.probability());
        }
      }
      out.add(c);
    }
    ParquetRows.write(newFile(to), schema, out, footer("patients", id));
    return out.size();
  }

  private static long catalog(
      FeatureSnapshot parent, Path to, String id, String column, String modelId, String source) {
    ParquetRows.Rows in = ParquetRows.read(ParquetFooters.parquetFiles(parent.tableDir("catalog")));
    List<String> cols = List.of("name", "type", "unit", "family", "description", "source");
    Set<String> replaced = Set.of(column, column + "_probability");
    List<Group> out = new ArrayList<>();
    for (Group g : in.rows()) {
      if (!replaced.contains(g.getString("name", 0))) {
        out.add(ParquetRows.copy(g, in.schema(), cols));
      }
    }
    out.add(
        entry(
            in.schema(),
            column,
            "int",
            TABLE,
            "Stratum (cluster 1..k) of stratification model "
                + modelId
                + "; also in table strata (model_id "
                + modelId
                + ")",
            source));
    out.add(
        entry(
            in.schema(),
            column + "_probability",
            "double",
            TABLE,
            "Membership probability or consensus of the stratum of model " + modelId,
            source));
    ParquetRows.write(newFile(to), in.schema(), out, footer("catalog", id));
    return out.size();
  }

  private static Group entry(
      MessageType schema,
      String name,
      String type,
      String family,
      String description,
      String source) {
    Group g = new SimpleGroup(schema);
    g.add("name", Binary.fromString(name));
    g.add("type", Binary.fromString(type));
    g.add("unit", Binary.fromString(""));
    g.add("family", Binary.fromString(family));
    g.add("description", Binary.fromString(description));
    g.add("source", Binary.fromString(source));
    return g;
  }

  /** Hard-links (or copies) every file of an unchanged table into the new snapshot. */
  static void link(Path from, Path to) {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        try {
          Files.createLink(target, f);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(f, target);
        }
      }
      Files.createDirectories(to);
    } catch (IOException e) {
      throw new StratumException("cannot link " + from + " into " + to + ": " + e, e);
    }
  }
}
