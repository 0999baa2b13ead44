package dev.stratum.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFootersTest {
  @TempDir Path tmp;

  @Test
  void stampingKeepsEveryRowAndAddsTheMetadata() throws Exception {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message t { required binary person_id (UTF8); required double value; }");
    Path dir = Files.createDirectories(tmp.resolve("table"));
    Path f = dir.resolve("part-00000.parquet");
    int n = 50_000;
    SimpleGroupFactory g = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(f))
            .withType(schema)
            .withRowGroupSize(64L * 1024) // several row groups, so the copy appends each
            .build()) {
      for (int i = 0; i < n; i++) {
        w.write(g.newGroup().append("person_id", "p" + i).append("value", i * 0.5));
      }
    }
    long rows = ParquetFooters.stamp(dir, Map.of(ParquetFooters.TABLE_KEY, "t"));
    assertEquals(n, rows);
    assertEquals("t", ParquetFooters.read(f).get(ParquetFooters.TABLE_KEY));
    java.util.List<Group> back = ParquetRows.read(java.util.List.of(f)).rows();
    assertEquals(n, back.size());
    for (int i = 0; i < n; i++) {
      assertEquals("p" + i, back.get(i).getString("person_id", 0));
      assertEquals(i * 0.5, back.get(i).getDouble("value", 0));
    }
  }
}
