package dev.stratum.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every input reader passes (STYLE.md 12, after Lucene's BaseTokenStreamTestCase):
 * file-level problems throw naming the path; strict mode throws at the first bad record with its
 * line; lenient mode quarantines each bad record with source, line, raw text and reason and goes
 * on; and records read = accepted + quarantined.
 */
abstract class RecordReaderContract<T> {
  @TempDir Path tmp;

  abstract RecordReader<T> reader();

  /** File name to write content to (the extension and folder may matter to the reader). */
  abstract String fileName();

  /** A valid file and how many records it holds. */
  abstract String goodContent();

  abstract int goodCount();

  /** A file with valid and invalid records. */
  abstract String mixedContent();

  /**
   * The 1-based lines reported for the invalid records of {@link #mixedContent}, in order: the
   * record's first line for line formats, the bad field's line for JSON and XML.
   */
  abstract List<Long> badLines();

  /** How many records {@link #mixedContent} holds in all. */
  abstract int mixedCount();

  /** A file with a header and no records, or null when the format has no such thing. */
  String headerOnlyContent() {
    return null;
  }

  /** Whether quarantined raw text is the record's exact text in the file (line formats). */
  boolean rawIsVerbatimLine() {
    return true;
  }

  Path write(String content) throws IOException {
    Path dir = tmp.resolve("in");
    Files.createDirectories(dir);
    Path p = dir.resolve(fileName());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void goodFileReadsEveryRecord() throws IOException {
    Path p = write(goodContent());
    List<T> out = new ArrayList<>();
    ReadCounts c = reader().read(p, ReadPolicy.strict(), out::add);
    assertEquals(new ReadCounts(p.toString(), goodCount(), goodCount(), 0), c);
    assertEquals(goodCount(), out.size());
  }

  @Test
  void streamGivesTheSameRecordsAsRead() throws IOException {
    Path p = write(goodContent());
    List<T> viaRead = new ArrayList<>();
    reader().read(p, ReadPolicy.strict(), viaRead::add);
    try (Stream<T> s = reader().stream(p, ReadPolicy.strict())) {
      assertEquals(viaRead, s.toList());
    }
  }

  @Test
  void emptyFileIsAnErrorNamingThePath() throws IOException {
    Path p = write("");
    InvalidInputException strict =
        assertThrows(
            InvalidInputException.class, () -> reader().read(p, ReadPolicy.strict(), r -> {}));
    assertEquals(p.toString(), strict.path().orElseThrow());
    List<QuarantinedRecord> q = new ArrayList<>();
    assertThrows(
        InvalidInputException.class, () -> reader().read(p, ReadPolicy.lenient(q::add), r -> {}));
    assertTrue(q.isEmpty(), "a file-level error is thrown, not quarantined");
  }

  @Test
  void headerOnlyFileHasNoRecords() throws IOException {
    String content = headerOnlyContent();
    Assumptions.assumeTrue(content != null, "format has no header-only form");
    Path p = write(content);
    assertEquals(
        new ReadCounts(p.toString(), 0, 0, 0), reader().read(p, ReadPolicy.strict(), r -> {}));
  }

  @Test
  void missingFileIsAnErrorNamingThePath() {
    Path p = tmp.resolve("nope-" + fileName());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> reader().read(p, ReadPolicy.strict(), r -> {}));
    assertEquals(p.toString(), e.path().orElseThrow());
  }

  @Test
  void strictModeThrowsAtTheFirstBadRecord() throws IOException {
    Path p = write(mixedContent());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> reader().read(p, ReadPolicy.strict(), r -> {}));
    assertEquals(p.toString(), e.path().orElseThrow());
    assertEquals(badLines().get(0), e.line());
    assertTrue(e.getMessage().startsWith(p + ":" + badLines().get(0) + ": "), e.getMessage());
  }

  @Test
  void lenientModeAccountsForEveryRecord() throws IOException {
    Path p = write(mixedContent());
    List<QuarantinedRecord> q = new ArrayList<>();
    List<T> accepted = new ArrayList<>();
    ReadCounts c = reader().read(p, ReadPolicy.lenient(q::add), accepted::add);
    assertEquals(mixedCount(), c.read());
    assertEquals(c.read(), c.accepted() + c.quarantined());
    assertEquals(accepted.size(), c.accepted());
    assertEquals(q.size(), c.quarantined());
    assertEquals(badLines(), q.stream().map(QuarantinedRecord::line).toList());
    List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    for (QuarantinedRecord r : q) {
      assertEquals(p.toString(), r.source());
      assertFalse(r.reason().isBlank());
      assertFalse(r.raw().isEmpty());
      if (rawIsVerbatimLine()) {
        assertTrue(
            r.raw().startsWith(lines.get((int) r.line() - 1)),
            "raw text starts with line " + r.line());
      }
      assertTrue(r.message().startsWith(p + ":" + r.line() + ": "), r.message());
    }
  }

  @Test
  void lenientStreamQuarantinesAndContinues() throws IOException {
    Path p = write(mixedContent());
    List<QuarantinedRecord> q = new ArrayList<>();
    long n;
    try (Stream<T> s = reader().stream(p, ReadPolicy.lenient(q::add))) {
      n = s.count();
    }
    assertEquals(mixedCount(), n + q.size());
    assertEquals(badLines().size(), q.size());
  }
}
