package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses single rows of one OMOP table under a validated header: the line-at-a-time entry point for
 * batch jobs (a Spark task holds one parser per partition and calls {@link #parseRecord} or {@link
 * #parseFields} per row), and what {@link OmopCsvReader} uses for files. Rules are the same either
 * way. Immutable and thread-safe.
 *
 * @param <T> the core record a row becomes
 */
public final class OmopRowParser<T> {
  private final OmopTable<T> table;
  private final String source;
  private final String fileName;
  private final List<String> header;
  private final Map<String, Integer> index;

  OmopRowParser(OmopTable<T> table, String source, List<String> header, long headerLine) {
    this.table = table;
    this.source = source;
    Path name = Path.of(source).getFileName();
    this.fileName = name == null ? source : name.toString();
    List<String> cols = new ArrayList<>(header.size());
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String c = header.get(i).strip().toLowerCase(java.util.Locale.ROOT);
      if (c.isEmpty()) {
        throw InvalidInputException.at(
            source, headerLine, "column " + (i + 1), "empty column name in the header");
      }
      if (idx.put(c, i) != null) {
        throw InvalidInputException.at(source, headerLine, c, "column appears twice in the header");
      }
      cols.add(c);
    }
    for (String required : table.columns()) {
      if (table.requiredColumns().contains(required) && !idx.containsKey(required)) {
        throw InvalidInputException.at(
            source,
            headerLine,
            required,
            "required column missing from the header of the " + table.name() + " table");
      }
    }
    this.header = List.copyOf(cols);
    this.index = Map.copyOf(idx);
  }

  public OmopTable<T> table() {
    return table;
  }

  /** The header's column names, lower-cased as matched. */
  public List<String> header() {
    return header;
  }

  /**
   * Parses one record's CSV text (without its line break; quoted fields may contain line breaks).
   *
   * @param line the record's first line in the source file, for messages
   * @throws InvalidInputException naming source, line and field
   */
  public T parseRecord(long line, String recordText) {
    return parseFields(line, CsvFields.split(source, line, recordText));
  }

  /**
   * Parses one row already split into fields, in header order (e.g. from Spark's CSV reader).
   *
   * @throws InvalidInputException naming source, line and field
   */
  public T parseFields(long line, List<String> fields) {
    if (fields.size() < header.size()) {
      throw InvalidInputException.at(
          source,
          line,
          header.get(fields.size()),
          "row has "
              + fields.size()
              + " fields but the header has "
              + header.size()
              + " (truncated row)");
    }
    if (fields.size() > header.size()) {
      throw InvalidInputException.at(
          source,
          line,
          null,
          "row has " + fields.size() + " fields but the header has " + header.size());
    }
    return table.map(new OmopRow(source, fileName, line, index, fields));
  }
}
