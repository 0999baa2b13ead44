package dev.stratum.jobs;

import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Small Parquet tables read and written row by row without Spark (parquet-hadoop's example {@link
 * Group} model): the derived snapshots of {@link StrataWriteBack} rewrite the catalog and the wide
 * patient table with a few more columns or rows and add the small {@code strata} table. Suited to
 * tables that fit in memory; flat schemas of primitive columns only (as every store table is).
 */
final class ParquetRows {
  private ParquetRows() {}

  /** The schema and every row of the Parquet files (in file order). */
  record Rows(MessageType schema, List<Group> rows) {}

  static Rows read(List<Path> files) {
    MessageType schema = null;
    List<Group> out = new ArrayList<>();
    for (Path f : files) {
      try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
        MessageType s = r.getFooter().getFileMetaData().getSchema();
        if (schema == null) {
          schema = s;
        } else if (!schema.equals(s)) {
          throw new StratumException("Parquet files of one table differ in schema: " + f);
        }
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(s);
        PageReadStore pages;
        while ((pages = r.readNextRowGroup()) != null) {
          RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(s));
          for (long i = 0; i < pages.getRowCount(); i++) {
            out.add(rr.read());
          }
        }
      } catch (IOException e) {
        throw new StratumException("cannot read " + f + ": " + e, e);
      }
    }
    return new Rows(schema, out);
  }

  /** Writes {@code rows} (of {@code schema}) to one zstd-compressed file with footer metadata. */
  static void write(Path file, MessageType schema, List<Group> rows, Map<String, String> footer) {
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(schema)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withExtraMetaData(footer)
            .build()) {
      for (Group g : rows) {
        w.write(g);
      }
    } catch (IOException e) {
      throw new StratumException("cannot write " + file + ": " + e, e);
    }
  }

  /**
   * A copy of {@code g} in {@code target}, whose first fields must be those of {@code g}'s schema
   * named in {@code keep} (same names and types); the remaining fields of {@code target} are left
   * empty (null) for the caller to fill.
   */
  static Group copy(Group g, MessageType target, List<String> keep) {
    GroupType source = g.getType();
    Group out = new SimpleGroup(target);
    for (String name : keep) {
      int i = source.getFieldIndex(name);
      int j = target.getFieldIndex(name);
      if (g.getFieldRepetitionCount(i) == 0) {
        continue;
      }
      Type t = source.getType(i);
      switch (t.asPrimitiveType().getPrimitiveTypeName()) {
        case BOOLEAN -> out.add(j, g.getBoolean(i, 0));
        case INT32 -> out.add(j, g.getInteger(i, 0));
        case INT64 -> out.add(j, g.getLong(i, 0));
        case FLOAT -> out.add(j, g.getFloat(i, 0));
        case DOUBLE -> out.add(j, g.getDouble(i, 0));
        case INT96 -> out.add(j, g.getInt96(i, 0));
        case BINARY, FIXED_LEN_BYTE_ARRAY -> out.add(j, g.getBinary(i, 0));
      }
    }
    return out;
  }

  /** A flat message type from the given fields. */
  static MessageType schema(String name, List<Type> fields) {
    return new MessageType(name, fields);
  }

  /** The fields of {@code schema} except those named in {@code drop}. */
  static List<Type> fieldsExcept(MessageType schema, java.util.Set<String> drop) {
    List<Type> out = new ArrayList<>();
    for (Type t : schema.getFields()) {
      if (!drop.contains(t.getName())) {
        if (!t.isPrimitive()) {
          throw new StratumException("nested column " + t.getName() + " is not supported");
        }
        out.add(t);
      }
    }
    return out;
  }

  static PrimitiveType optional(PrimitiveType.PrimitiveTypeName type, String name) {
    return org.apache.parquet.schema.Types.optional(type).named(name);
  }

  static PrimitiveType optionalString(String name) {
    return org.apache.parquet.schema.Types.optional(PrimitiveType.PrimitiveTypeName.BINARY)
        .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType())
        .named(name);
  }
}
