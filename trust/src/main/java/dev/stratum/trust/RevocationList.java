package dev.stratum.trust;

import dev.stratum.core.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Patients whose research consent was revoked after the current feature-store snapshot was built.
 * Consent changes reach the store with the next snapshot (the {@code consents} table); in between,
 * the data steward lists the revocations here and every query applies them (issue 9).
 *
 * <p>File format: UTF-8 text, one revocation per line, {@code person_id} or {@code
 * person_id,YYYY-MM-DD} (the day the revocation was recorded); blank lines and lines starting with
 * {@code #} are ignored; an optional header line {@code person_id[,date]} is skipped. Ids are the
 * source person ids the steward knows; {@link #mapped} turns them into pseudonyms to match a
 * pseudonymized store.
 */
public final class RevocationList {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]+");
  private final Map<String, LocalDate> revoked;

  private RevocationList(Map<String, LocalDate> revoked) {
    this.revoked = Map.copyOf(revoked);
  }

  /** No revocations. */
  public static RevocationList empty() {
    return new RevocationList(Map.of());
  }

  /** Revocations of these ids (no dates). */
  public static RevocationList of(Collection<String> ids) {
    Map<String, LocalDate> m = new LinkedHashMap<>();
    for (String id : ids) {
      m.put(id.strip(), LocalDate.MIN);
    }
    return new RevocationList(m);
  }

  /**
   * Reads a revocation list file.
   *
   * @throws InvalidInputException naming path, line and field of a bad line, or a missing file
   */
  public static RevocationList read(Path file) {
    Map<String, LocalDate> m = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String s = n == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
        s = s.strip();
        if (s.isEmpty() || s.startsWith("#") || (n == 1 && s.startsWith("person_id"))) {
          continue;
        }
        String[] f = s.split(",", -1);
        if (f.length > 2) {
          throw InvalidInputException.at(
              file.toString(), n, null, "expected person_id[,date], got " + f.length + " fields");
        }
        String id = f[0].strip();
        if (!ID.matcher(id).matches()) {
          throw InvalidInputException.at(
              file.toString(), n, "person_id", "not an identifier: '" + id + "'");
        }
        LocalDate d = LocalDate.MIN;
        if (f.length == 2 && !f[1].isBlank()) {
          try {
            d = LocalDate.parse(f[1].strip());
          } catch (DateTimeParseException e) {
            throw InvalidInputException.at(
                file.toString(), n, "date", "not a YYYY-MM-DD date: '" + f[1].strip() + "'");
          }
        }
        m.put(id, d);
      }
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read revocation list: " + e);
    }
    return new RevocationList(m);
  }

  /** Whether this id's consent was revoked. */
  public boolean revokes(String personId) {
    return personId != null && revoked.containsKey(personId.strip());
  }

  /** The revoked ids. */
  public Set<String> ids() {
    return revoked.keySet();
  }

  public int size() {
    return revoked.size();
  }

  /** The same revocations under another id space, e.g. {@code Pseudonymizer::pseudonym}. */
  public RevocationList mapped(UnaryOperator<String> toId) {
    Map<String, LocalDate> m = new LinkedHashMap<>();
    revoked.forEach((k, v) -> m.put(toId.apply(k), v));
    return new RevocationList(m);
  }

  @Override
  public String toString() {
    return "RevocationList[" + revoked.size() + " ids]";
  }
}
