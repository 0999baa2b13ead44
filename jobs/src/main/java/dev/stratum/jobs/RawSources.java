package dev.stratum.jobs;

import dev.stratum.core.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Reads raw files as numbered records (1-based line of the record's first line, raw text). */
final class RawSources {
  static final StructType RECORD_SCHEMA =
      new StructType()
          .add("line", DataTypes.LongType, false)
          .add("raw", DataTypes.StringType, false);

  /** A record that reaches no table must stop this many lines after its opening quote. */
  static final int MAX_LINES_PER_RECORD = 10_000;

  private RawSources() {}

  /**
   * The records of a CSV file after its header, each with the line it starts on. Files whose values
   * never span lines are read split by Hadoop (parallel within a file) and numbered with {@code
   * zipWithIndex}; files whose values may span lines (note_text) are read whole per task.
   */
  static Dataset<Row> csvRecords(SparkSession spark, Path file, boolean multiLine) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String uri = file.toUri().toString();
    JavaRDD<Row> rows;
    if (multiLine) {
      rows =
          jsc.binaryFiles(uri)
              .flatMap(
                  pair -> {
                    BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(pair._2().open(), StandardCharsets.UTF_8));
                    CsvRecordSplitter split = new CsvRecordSplitter(in, MAX_LINES_PER_RECORD);
                    if (split.hasNext()) {
                      split.next(); // header, checked on the driver
                    }
                    return new Iterator<Row>() {
                      @Override
                      public boolean hasNext() {
                        boolean more = split.hasNext();
                        if (!more) {
                          try {
                            in.close();
                          } catch (IOException e) {
                            // read side only; nothing to lose
                          }
                        }
                        return more;
                      }

                      @Override
                      public Row next() {
                        CsvRecordSplitter.Record r = split.next();
                        return RowFactory.create(r.line(), r.text());
                      }
                    };
                  });
    } else {
      rows =
          jsc.textFile(uri)
              .zipWithIndex()
              .filter(t -> t._2() > 0 && !t._1().isBlank())
              .map(t -> RowFactory.create(t._2() + 1, t._1()));
    }
    return spark.createDataFrame(rows, RECORD_SCHEMA);
  }

  /** Lines of a text file numbered from 1, header lines included. */
  static JavaRDD<Row> numberedLines(SparkSession spark, Path file) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return jsc.textFile(file.toUri().toString())
        .zipWithIndex()
        .map(t -> RowFactory.create(t._2() + 1, t._1()));
  }

  /** The first record of a CSV file (its header), read on the driver. */
  static String firstRecord(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvRecordSplitter s = new CsvRecordSplitter(in, 1);
      if (!s.hasNext()) {
        throw InvalidInputException.at(file.toString(), 1, null, "empty file, expected a header");
      }
      String h = s.next().text();
      return h.startsWith("\uFEFF") ? h.substring(1) : h;
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage());
    }
  }

  /** Regular files under {@code dir} whose names end with {@code suffix}, sorted by name. */
  static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>();
      s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix))
          .sorted()
          .forEach(out::add);
      return out;
    } catch (IOException e) {
      throw InvalidInputException.at(dir.toString(), 0, null, "cannot list: " + e.getMessage());
    }
  }
}
