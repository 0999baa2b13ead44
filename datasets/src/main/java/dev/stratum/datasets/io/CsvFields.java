package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Splits the text of one RFC 4180 record into fields. Records with quotes go through Apache Commons
 * CSV; records without any quote character split on commas, which is what Commons CSV would return
 * for them, at a fraction of the cost (most OMOP rows have no quotes).
 */
public final class CsvFields {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private CsvFields() {}

  /**
   * The fields of one record.
   *
   * @param source file name for error messages
   * @param line the record's first line, for error messages
   * @param record the record text without its final line break; may contain quoted line breaks
   * @throws InvalidInputException when the quoting is malformed or the text holds several records
   */
  public static List<String> split(String source, long line, String record) {
    if (record.indexOf('"') < 0) {
      List<String> out = new ArrayList<>();
      int from = 0;
      for (int i = record.indexOf(','); i >= 0; i = record.indexOf(',', from)) {
        out.add(record.substring(from, i));
        from = i + 1;
      }
      out.add(record.substring(from));
      return out;
    }
    try (CSVParser p = CSVParser.parse(record, FORMAT)) {
      List<CSVRecord> records = p.getRecords();
      if (records.size() != 1) {
        throw InvalidInputException.at(
            source, line, null, "expected one CSV record, found " + records.size());
      }
      return records.get(0).toList();
    } catch (IOException | UncheckedIOException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\(line \\d+\\) ", "");
      throw InvalidInputException.at(source, line, null, "malformed CSV quoting: " + msg, e);
    }
  }
}
