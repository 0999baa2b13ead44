package dev.stratum.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordSplitterTest {
  static List<CsvRecordSplitter.Record> split(String text, int max) {
    List<CsvRecordSplitter.Record> out = new ArrayList<>();
    new CsvRecordSplitter(new BufferedReader(new StringReader(text)), max)
        .forEachRemaining(out::add);
    return out;
  }

  @Test
  void quotedLineBreaksStayInsideTheRecordAndLinesAreCounted() {
    String csv = "h1,h2\n1,\"a\nb \"\"q\"\"\nc\"\n\n2,x\r\n3,\"\"\n";
    List<CsvRecordSplitter.Record> r = split(csv, 100);
    assertEquals(4, r.size());
    assertEquals(new CsvRecordSplitter.Record(1, "h1,h2"), r.get(0));
    assertEquals(new CsvRecordSplitter.Record(2, "1,\"a\nb \"\"q\"\"\nc\""), r.get(1));
    // line 5 is blank (not a record); \r\n is a line break
    assertEquals(new CsvRecordSplitter.Record(6, "2,x"), r.get(2));
    assertEquals(new CsvRecordSplitter.Record(7, "3,\"\""), r.get(3));
  }

  @Test
  void anUnterminatedQuoteIsCutAfterTheLineLimit() {
    List<CsvRecordSplitter.Record> r = split("1,\"open\n2,x\n3,y\n4,z\n", 2);
    assertEquals(3, r.size());
    assertEquals(new CsvRecordSplitter.Record(1, "1,\"open\n2,x"), r.get(0));
    assertEquals(3, r.get(1).line());
  }
}
