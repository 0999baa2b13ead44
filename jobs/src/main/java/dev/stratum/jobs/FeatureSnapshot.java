package dev.stratum.jobs;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.SchemaMismatchException;
import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** One immutable snapshot of a feature store: its manifest, tables and feature catalog. */
public final class FeatureSnapshot {
  private final Path dir;
  private final Manifest manifest;

  FeatureSnapshot(Path dir, Manifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  public String id() {
    return manifest.id();
  }

  public Path dir() {
    return dir;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** Table names in this snapshot (conditions, measurements, patients, catalog, ...). */
  public List<String> tables() {
    return List.copyOf(new java.util.TreeSet<>(manifest.tables().keySet()));
  }

  /** The directory of one table's Parquet files. */
  public Path tableDir(String name) {
    if (!manifest.tables().containsKey(name)) {
      throw InvalidInputException.ofArgument(
          "table", "no table '" + name + "' in snapshot " + id() + "; tables: " + tables());
    }
    return dir.resolve("tables").resolve(name);
  }

  /** A table as a Spark DataFrame in the active session. */
  public Dataset<Row> table(String name) {
    return table(SparkSession.active(), name);
  }

  /** A table as a Spark DataFrame in {@code spark}. */
  public Dataset<Row> table(SparkSession spark, String name) {
    return spark.read().parquet(tableDir(name).toUri().toString());
  }

  /** The feature catalog of the {@code patients} table. */
  public List<CatalogEntry> catalog() {
    Table t = tablesaw("catalog");
    List<CatalogEntry> out = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
      out.add(
          new CatalogEntry(
              t.stringColumn("name").get(i),
              t.stringColumn("type").get(i),
              t.stringColumn("unit").get(i),
              t.stringColumn("family").get(i),
              t.stringColumn("description").get(i),
              t.stringColumn("source").get(i)));
    }
    return out;
  }

  /** Key-value metadata of the first Parquet file of a table (stratum.schema.version, ...). */
  public Map<String, String> footer(String name) {
    List<Path> files = ParquetFooters.parquetFiles(tableDir(name));
    if (files.isEmpty()) {
      throw new StratumException("table " + name + " of snapshot " + id() + " has no files");
    }
    return ParquetFooters.read(files.get(0));
  }

  /**
   * A table as a Tablesaw table, read straight from Parquet (no Spark session needed). Every file's
   * footer must declare this build's schema version. Suited to tables that fit in memory.
   */
  public Table tablesaw(String name) {
    List<Path> files = ParquetFooters.parquetFiles(tableDir(name));
    Table table = null;
    for (Path f : files) {
      try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
        Map<String, String> kv = r.getFooter().getFileMetaData().getKeyValueMetaData();
        String v = kv.get(ParquetFooters.SCHEMA_VERSION_KEY);
        if (!Integer.toString(Manifest.SCHEMA_VERSION).equals(v)) {
          throw new SchemaMismatchException(
              f.toString(),
              Manifest.FORMAT + " v" + v,
              Manifest.FORMAT + " v" + Manifest.SCHEMA_VERSION);
        }
        MessageType schema = r.getFooter().getFileMetaData().getSchema();
        if (table == null) {
          table = emptyTable(name, schema);
        }
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        PageReadStore pages;
        while ((pages = r.readNextRowGroup()) != null) {
          RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
          for (long i = 0; i < pages.getRowCount(); i++) {
            append(table, schema, rr.read());
          }
        }
      } catch (IOException e) {
        throw new StratumException("cannot read " + f + ": " + e, e);
      }
    }
    if (table == null) {
      table = Table.create(name);
    }
    return table;
  }

  /**
   * Streams a table's rows without Spark and without holding the table in memory: {@code row}
   * receives each row as values in the schema's column order ({@link #columns}): String, Long,
   * Integer, Double, Boolean or LocalDate, null when missing. Footers are checked as in {@link
   * #tablesaw}.
   */
  public void forEachRow(String name, java.util.function.Consumer<Object[]> row) {
    for (Path f : ParquetFooters.parquetFiles(tableDir(name))) {
      try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
        Map<String, String> kv = r.getFooter().getFileMetaData().getKeyValueMetaData();
        String v = kv.get(ParquetFooters.SCHEMA_VERSION_KEY);
        if (!Integer.toString(Manifest.SCHEMA_VERSION).equals(v)) {
          throw new SchemaMismatchException(
              f.toString(),
              Manifest.FORMAT + " v" + v,
              Manifest.FORMAT + " v" + Manifest.SCHEMA_VERSION);
        }
        MessageType schema = r.getFooter().getFileMetaData().getSchema();
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        int n = schema.getFieldCount();
        PageReadStore pages;
        while ((pages = r.readNextRowGroup()) != null) {
          RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
          for (long i = 0; i < pages.getRowCount(); i++) {
            Group g = rr.read();
            Object[] values = new Object[n];
            for (int c = 0; c < n; c++) {
              if (g.getFieldRepetitionCount(c) == 0) {
                continue;
              }
              PrimitiveType p = schema.getType(c).asPrimitiveType();
              values[c] =
                  switch (p.getPrimitiveTypeName()) {
                    case BOOLEAN -> g.getBoolean(c, 0);
                    case DOUBLE -> g.getDouble(c, 0);
                    case FLOAT -> (double) g.getFloat(c, 0);
                    case INT64 -> g.getLong(c, 0);
                    case INT32 ->
                        p.getLogicalTypeAnnotation()
                                instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                            ? LocalDate.ofEpochDay(g.getInteger(c, 0))
                            : (Object) g.getInteger(c, 0);
                    default -> g.getString(c, 0);
                  };
            }
            row.accept(values);
          }
        }
      } catch (IOException e) {
        throw new StratumException("cannot read " + f + ": " + e, e);
      }
    }
  }

  /** Column names of a table, in the order {@link #forEachRow} hands values out. */
  public List<String> columns(String name) {
    List<Path> files = ParquetFooters.parquetFiles(tableDir(name));
    if (files.isEmpty()) {
      return List.of();
    }
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(files.get(0)))) {
      List<String> out = new ArrayList<>();
      for (Type t : r.getFooter().getFileMetaData().getSchema().getFields()) {
        out.add(t.getName());
      }
      return out;
    } catch (IOException e) {
      throw new StratumException("cannot read " + files.get(0) + ": " + e, e);
    }
  }

  private static Table emptyTable(String name, MessageType schema) {
    Map<String, Column<?>> cols = new LinkedHashMap<>();
    for (Type t : schema.getFields()) {
      PrimitiveType p = t.asPrimitiveType();
      LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
      String n = t.getName();
      cols.put(
          n,
          switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> BooleanColumn.create(n);
            case DOUBLE, FLOAT -> DoubleColumn.create(n);
            case INT64 -> LongColumn.create(n);
            case INT32 ->
                l instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    ? DateColumn.create(n)
                    : IntColumn.create(n);
            default -> StringColumn.create(n);
          });
    }
    return Table.create(name, cols.values().toArray(Column<?>[]::new));
  }

  private static void append(Table table, MessageType schema, Group g) {
    for (int c = 0; c < schema.getFieldCount(); c++) {
      Column<?> col = table.column(c);
      boolean present = g.getFieldRepetitionCount(c) > 0;
      switch (col) {
        case BooleanColumn b -> {
          if (present) {
            b.append(g.getBoolean(c, 0));
          } else {
            b.appendMissing();
          }
        }
        case DoubleColumn d -> {
          if (present) {
            d.append(
                schema.getType(c).asPrimitiveType().getPrimitiveTypeName()
                        == PrimitiveType.PrimitiveTypeName.FLOAT
                    ? g.getFloat(c, 0)
                    : g.getDouble(c, 0));
          } else {
            d.appendMissing();
          }
        }
        case LongColumn l -> {
          if (present) {
            l.append(g.getLong(c, 0));
          } else {
            l.appendMissing();
          }
        }
        case DateColumn d -> {
          if (present) {
            d.append(LocalDate.ofEpochDay(g.getInteger(c, 0)));
          } else {
            d.appendMissing();
          }
        }
        case IntColumn i -> {
          if (present) {
            i.append(g.getInteger(c, 0));
          } else {
            i.appendMissing();
          }
        }
        case StringColumn s -> {
          if (present) {
            s.append(g.getString(c, 0));
          } else {
            s.appendMissing();
          }
        }
        default -> throw new IllegalStateException("unexpected column " + col);
      }
    }
  }

  /** Total size of the snapshot's files in bytes. */
  public long sizeBytes() {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      throw new StratumException("cannot size " + dir + ": " + e, e);
    }
  }
}
