package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads one OMOP CDM v5.4 table from RFC 4180 CSV (UTF-8, header row, optionally gzip-compressed),
 * streaming row by row. Multi-line quoted values (note_text) form one record, reported at the line
 * where it starts.
 *
 * @param <T> the core record each row becomes
 */
public final class OmopCsvReader<T> extends RecordReader<T> {
  private final OmopTable<T> table;

  private OmopCsvReader(OmopTable<T> table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  /** The reader of {@code table}. */
  public static <T> OmopCsvReader<T> of(OmopTable<T> table) {
    return new OmopCsvReader<>(table);
  }

  public OmopTable<T> table() {
    return table;
  }

  @Override
  public String format() {
    return table.toString();
  }

  @Override
  public RecordCursor<T> open(Path path) {
    String source = path.toString();
    Reader reader = Inputs.open(path);
    CsvRecordScanner scanner = new CsvRecordScanner(reader);
    try {
      CsvRecordScanner.RawRecord head = scanner.next();
      if (head == null) {
        throw InvalidInputException.at(
            source, 1, null, "empty file: expected a header row with the " + table + " columns");
      }
      if (head.unterminatedQuote()) {
        throw InvalidInputException.at(
            source, head.line(), null, "unterminated quoted field in the header");
      }
      OmopRowParser<T> parser =
          table.parser(source, CsvFields.split(source, head.line(), head.text()), head.line());
      return new Cursor<>(path, reader, scanner, parser);
    } catch (IOException e) {
      Inputs.closeQuietly(reader);
      throw Inputs.unreadable(path, scanner.line(), e);
    } catch (RuntimeException e) {
      Inputs.closeQuietly(reader);
      throw e;
    }
  }

  private static final class Cursor<T> implements RecordCursor<T> {
    private final Path path;
    private final Reader reader;
    private final CsvRecordScanner scanner;
    private final OmopRowParser<T> parser;

    Cursor(Path path, Reader reader, CsvRecordScanner scanner, OmopRowParser<T> parser) {
      this.path = path;
      this.reader = reader;
      this.scanner = scanner;
      this.parser = parser;
    }

    @Override
    public Parsed<T> next() {
      CsvRecordScanner.RawRecord r;
      try {
        r = scanner.next();
      } catch (IOException e) {
        throw Inputs.unreadable(path, scanner.line(), e);
      }
      if (r == null) {
        return null;
      }
      if (r.unterminatedQuote()) {
        String field =
            r.openQuoteField() < parser.header().size()
                ? parser.header().get(r.openQuoteField())
                : null;
        return Parsed.bad(
            r.line(),
            r.text(),
            InvalidInputException.at(
                path.toString(),
                r.line(),
                field,
                "quoted field is never closed (the record runs to the end of the file)"));
      }
      try {
        return Parsed.ok(r.line(), r.text(), parser.parseRecord(r.line(), r.text()));
      } catch (InvalidInputException e) {
        return Parsed.bad(r.line(), r.text(), e);
      }
    }

    @Override
    public void close() {
      Inputs.closeQuietly(reader);
    }
  }
}
