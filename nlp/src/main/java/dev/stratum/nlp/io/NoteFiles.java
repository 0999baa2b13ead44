package dev.stratum.nlp.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads notes for {@code nlp extract}: the OMOP CDM {@code note} table ({@code .csv}: note_id,
 * person_id, note_date, note_text), JSON Lines ({@code .jsonl}: one object per line with {@code
 * note_id}/{@code _id}/{@code id}, {@code text}/{@code note_text}, optional {@code person_id} and
 * {@code note_date}), a JSON array of such objects ({@code .json}), or any other file as one note
 * whose id is the file name.
 */
public final class NoteFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NoteFiles() {}

  /** The notes in {@code file}, in file order. */
  public static List<Note> read(Path file) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".csv")) {
        return csv(file);
      }
      if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
        return jsonLines(file);
      }
      if (lower.endsWith(".json")) {
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        List<Note> out = new ArrayList<>();
        if (root != null && root.isArray()) {
          int i = 0;
          for (JsonNode n : root) {
            out.add(note(file, ++i, n));
          }
        } else if (root != null && root.isObject()) {
          out.add(note(file, 1, root));
        } else {
          throw InvalidInputException.at(
              file.toString(), 0, null, "expected a JSON object or array");
        }
        return out;
      }
      String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
      return List.of(new Note(stem, "", null, Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage(), e);
    }
  }

  private static List<Note> jsonLines(Path file) throws IOException {
    List<Note> out = new ArrayList<>();
    int no = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        throw InvalidInputException.at(
            file.toString(), no, null, "not valid JSON: " + e.getMessage(), e);
      }
      out.add(note(file, no, n));
    }
    return out;
  }

  private static Note note(Path file, long line, JsonNode n) {
    if (n == null || !n.isObject()) {
      throw InvalidInputException.at(file.toString(), line, null, "expected a JSON object");
    }
    String id = first(n, "note_id", "_id", "id");
    String text = first(n, "note_text", "text");
    if (text == null) {
      throw InvalidInputException.at(
          file.toString(), line, "text", "missing (expected text or note_text)");
    }
    return new Note(
        id == null ? String.valueOf(line) : id,
        first(n, "person_id", "patient_id"),
        date(file, line, first(n, "note_date", "date")),
        text);
  }

  private static String first(JsonNode n, String... keys) {
    for (String k : keys) {
      JsonNode v = n.get(k);
      if (v != null && !v.isNull()) {
        return v.asText();
      }
    }
    return null;
  }

  private static List<Note> csv(Path file) throws IOException {
    List<Note> out = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(r, format)) {
      if (!p.getHeaderMap().containsKey("note_text")) {
        throw InvalidInputException.at(
            file.toString(), 1, "note_text", "missing column (OMOP note table expected)");
      }
      for (CSVRecord rec : p) {
        long line = rec.getRecordNumber() + 1;
        String id = rec.isMapped("note_id") ? rec.get("note_id") : String.valueOf(line);
        out.add(
            new Note(
                id,
                rec.isMapped("person_id") ? rec.get("person_id") : "",
                rec.isMapped("note_date") ? date(file, line, rec.get("note_date")) : null,
                rec.get("note_text")));
      }
    }
    return out;
  }

  private static LocalDate date(Path file, long line, String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip().length() > 10 ? s.strip().substring(0, 10) : s.strip());
    } catch (DateTimeParseException e) {
      throw InvalidInputException.at(
          file.toString(), line, "note_date", "expected YYYY-MM-DD, got '" + s + "'");
    }
  }
}
