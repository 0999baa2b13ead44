package dev.stratum.stratification.io;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.stratification.stats.SurvivalData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads follow-up as CSV with header {@code person_id,time,event}: time &gt; 0 (any unit, e.g.
 * days), event 1/0 or true/false (1 = event observed, 0 = censored).
 */
public final class SurvivalCsvReader {
  private SurvivalCsvReader() {}

  /** Follow-up per person id, in file order. */
  public static Map<String, SurvivalData.Observation> read(Path file) {
    String path = file.toString();
    if (!Files.isRegularFile(file)) {
      throw InvalidInputException.at(path, 0, null, "survival file does not exist");
    }
    Map<String, SurvivalData.Observation> out = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw InvalidInputException.at(path, 1, "header", "empty file");
      }
      String[] h = header.replace("\uFEFF", "").split(",", -1);
      if (h.length != 3
          || !h[0].strip().equals("person_id")
          || !h[1].strip().equals("time")
          || !h[2].strip().equals("event")) {
        throw InvalidInputException.at(
            path, 1, "header", "expected 'person_id,time,event', found '" + header + "'");
      }
      String line;
      long lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 3) {
          throw InvalidInputException.at(
              path, lineNo, null, "expected 3 fields, found " + f.length);
        }
        String id = f[0].strip();
        if (id.isEmpty()) {
          throw InvalidInputException.at(path, lineNo, "person_id", "empty person id");
        }
        double time;
        try {
          time = Double.parseDouble(f[1].strip());
        } catch (NumberFormatException e) {
          throw InvalidInputException.at(path, lineNo, "time", "not a number: '" + f[1] + "'");
        }
        if (!(time > 0) || Double.isInfinite(time)) {
          throw InvalidInputException.at(path, lineNo, "time", "must be > 0, got " + f[1]);
        }
        boolean event =
            switch (f[2].strip().toLowerCase(Locale.ROOT)) {
              case "1", "true" -> true;
              case "0", "false" -> false;
              default ->
                  throw InvalidInputException.at(
                      path, lineNo, "event", "expected 1/0 or true/false, got '" + f[2] + "'");
            };
        if (out.put(id, new SurvivalData.Observation(time, event)) != null) {
          throw InvalidInputException.at(path, lineNo, "person_id", "duplicate person id " + id);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return out;
  }
}
