package dev.stratum.jobs;

import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Key-value metadata in Parquet footers. Spark's Parquet writer has no hook for extra footer
 * metadata, so after Spark has written a table each file is copied row group by row group (no
 * decoding: {@link ParquetFileWriter#appendFile}) into a new file whose footer carries Spark's own
 * metadata plus ours, and replaces the original. This runs in the snapshot's temporary directory,
 * before the snapshot becomes visible.
 */
final class ParquetFooters {
  static final String SCHEMA_VERSION_KEY = "stratum.schema.version";
  static final String FORMAT_KEY = "stratum.format";
  static final String PRODUCER_KEY = "stratum.producer";
  static final String TABLE_KEY = "stratum.table";
  static final String SNAPSHOT_KEY = "stratum.snapshot";

  private ParquetFooters() {}

  /**
   * Adds {@code extra} to the footer of every {@code .parquet} file under {@code dir}; returns the
   * number of rows in them (from the footers).
   */
  static long stamp(Path dir, Map<String, String> extra) {
    long rows = 0;
    for (Path f : parquetFiles(dir)) {
      rows += stampFile(f, extra);
    }
    // Hadoop's local file system wrote .crc side files for the originals; they would now fail.
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".crc")).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new StratumException("cannot clean checksum files in " + dir + ": " + e, e);
    }
    return rows;
  }

  static List<Path> parquetFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new StratumException("cannot list " + dir + ": " + e, e);
    }
  }

  private static long stampFile(Path f, Map<String, String> extra) {
    Path tmp = f.resolveSibling(f.getFileName() + ".stamping");
    try {
      FileMetaData meta;
      long rows;
      try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
        meta = r.getFooter().getFileMetaData();
        rows = r.getRecordCount();
      }
      Map<String, String> kv = new LinkedHashMap<>(meta.getKeyValueMetaData());
      kv.putAll(extra);
      ParquetFileWriter w =
          new ParquetFileWriter(
              new LocalOutputFile(tmp),
              meta.getSchema(),
              ParquetFileWriter.Mode.CREATE,
              128L * 1024 * 1024,
              0,
              null,
              ParquetProperties.builder().build());
      w.start();
      w.appendFile(new ChannelInputFile(f));
      w.end(kv);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return rows;
    } catch (IOException e) {
      throw new StratumException("cannot stamp Parquet footer of " + f + ": " + e, e);
    }
  }

  /** The key-value metadata of one Parquet file's footer. */
  static Map<String, String> read(Path f) {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
      return r.getFooter().getFileMetaData().getKeyValueMetaData();
    } catch (IOException e) {
      throw new StratumException("cannot read Parquet footer of " + f + ": " + e, e);
    }
  }
}
