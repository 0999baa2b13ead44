package dev.stratum.nlp.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rule-based de-identification of clinical notes before they are stored, indexed or shown: names,
 * medical record numbers, phone numbers, e-mail addresses and street addresses are replaced by a
 * bracketed kind ({@code [NAME]}, {@code [MRN]}, ...), ages over 89 by {@code 90+} (HIPAA Safe
 * Harbor, 45 CFR 164.514(b)(2)(i)(C)), and dates are shifted by a per-patient offset so that
 * intervals between a patient's dates are kept (the date-shifting of Neamatullah I, Douglass MM,
 * Lehman LH, et al., "Automated de-identification of free-text medical records", BMC Med Inform
 * Decis Mak 8:32, 2008, the de-identification of MIMIC).
 *
 * <p>The rules are data ({@code /dev/stratum/nlp/deid/rules.tsv}), applied in order with earlier
 * rules winning overlaps. Name tokens found by a labelled or titled rule are then removed wherever
 * else they occur in the same note (a patient named in the header is often named again in the
 * text). The offset is {@code 1 + (HMAC-SHA256(key, "date-shift:" + person) mod 365)} days,
 * subtracted or added by one more bit of the HMAC: the same for every note of a patient, unknown
 * without the key, never zero.
 */
public final class Deidentifier {
  /** Resource holding the built-in rules. */
  public static final String RULES = "/dev/stratum/nlp/deid/rules.tsv";

  /** Kinds in the order they are reported. */
  public static final List<String> KINDS =
      List.of("name", "mrn", "phone", "email", "address", "date", "age");

  private static final Pattern NAME_TOKEN = Pattern.compile("[A-Z][A-Za-z'\\u00C0-\\u017F-]{2,}");
  private static final Set<String> NOT_NAMES =
      Set.of("Patient", "Name", "The", "And", "With", "Date", "MRN", "DOB");

  private final List<DeidRule> rules;
  private final byte[] key;

  private Deidentifier(List<DeidRule> rules, byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("date-shift key must be at least 16 bytes");
    }
    this.rules = List.copyOf(rules);
    this.key = key.clone();
  }

  /**
   * The built-in rules with a date-shift key (at least 16 bytes; keep it with the pseudonym key).
   */
  public static Deidentifier builtIn(byte[] key) {
    return new Deidentifier(readRules(), key);
  }

  /** An identifier found in a text, with its kind and UTF-16 span. */
  public record Redaction(String kind, int begin, int end) {}

  /**
   * A de-identified text.
   *
   * @param text the text with identifiers replaced and dates shifted
   * @param redactions what was replaced, as spans of the original text, in text order
   */
  public record Result(String text, List<Redaction> redactions) {
    public Result {
      redactions = List.copyOf(redactions);
    }
  }

  /** The date offset of a patient in days: in [-365, -1] or [1, 365]. */
  public int dateShiftDays(String personId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] h = mac.doFinal(("date-shift:" + personId).getBytes(StandardCharsets.UTF_8));
      int v = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
      int days = 1 + v % 365;
      return (h[3] & 1) == 0 ? -days : days;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The identifiers the rules find in a text, in text order, without changing it. */
  public List<Redaction> find(String text) {
    List<Redaction> found = new ArrayList<>();
    List<int[]> taken = new ArrayList<>();
    for (DeidRule r : rules) {
      Matcher m = r.pattern().matcher(text);
      while (m.find()) {
        int b = m.start(r.group());
        int e = m.end(r.group());
        if (b < 0 || b == e || overlaps(taken, b, e)) {
          continue;
        }
        if (r.dateFormat() != null && parse(text.substring(b, e), r.dateFormat()) == null) {
          continue; // 02/30/2020 and the like are not dates
        }
        taken.add(new int[] {b, e});
        found.add(new Redaction(r.kind(), b, e));
      }
    }
    // Propagate name tokens to their other occurrences in the note.
    Set<String> tokens = new LinkedHashSet<>();
    for (Redaction r : found) {
      if (r.kind().equals("name")) {
        Matcher t = NAME_TOKEN.matcher(text.substring(r.begin(), r.end()));
        while (t.find()) {
          if (!NOT_NAMES.contains(t.group())) {
            tokens.add(t.group());
          }
        }
      }
    }
    for (String tok : tokens) {
      Matcher m = Pattern.compile("\\b" + Pattern.quote(tok) + "\\b").matcher(text);
      while (m.find()) {
        if (!overlaps(taken, m.start(), m.end())) {
          taken.add(new int[] {m.start(), m.end()});
          found.add(new Redaction("name", m.start(), m.end()));
        }
      }
    }
    found.sort(Comparator.comparingInt(Redaction::begin));
    return found;
  }

  /**
   * De-identifies one note of a patient.
   *
   * @param personId the patient's (pseudonymized) id: it selects the date offset
   * @param text the note text
   */
  public Result deidentify(String personId, String text) {
    Objects.requireNonNull(text, "text");
    List<Redaction> found = find(text);
    int shift = dateShiftDays(Objects.requireNonNull(personId, "personId"));
    StringBuilder sb = new StringBuilder(text.length());
    int at = 0;
    for (Redaction r : found) {
      sb.append(text, at, r.begin());
      String original = text.substring(r.begin(), r.end());
      sb.append(replacement(r.kind(), original, shift, r));
      at = r.end();
    }
    sb.append(text, at, text.length());
    return new Result(sb.toString(), found);
  }

  private String replacement(String kind, String original, int shift, Redaction at) {
    switch (kind) {
      case "date" -> {
        for (DeidRule r : rules) {
          if (r.dateFormat() != null && r.pattern().matcher(original).matches()) {
            LocalDate d = parse(original, r.dateFormat());
            if (d != null) {
              return r.dateFormat().format(d.plusDays(shift));
            }
          }
        }
        return "[DATE]";
      }
      case "age" -> {
        return "90+";
      }
      default -> {
        return "[" + kind.toUpperCase(Locale.ROOT) + "]";
      }
    }
  }

  private static LocalDate parse(String s, DateTimeFormatter f) {
    try {
      return LocalDate.parse(s.replace(".", "").replaceAll("[ \t]+", " ").replace(" ,", ","), f);
    } catch (DateTimeParseException e) {
      try {
        // "March 5 2020" without the comma
        return LocalDate.parse(
            s.replaceAll("[ \t]+", " ").replaceFirst("(\\d) (\\d{4})$", "$1, $2"), f);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static boolean overlaps(List<int[]> taken, int b, int e) {
    for (int[] t : taken) {
      if (b < t[1] && t[0] < e) {
        return true;
      }
    }
    return false;
  }

  static List<DeidRule> readRules() {
    List<DeidRule> out = new ArrayList<>();
    try (InputStream in = Deidentifier.class.getResourceAsStream(RULES)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: " + RULES);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 4);
        if (f.length != 4 || !KINDS.contains(f[0])) {
          throw new IllegalStateException(
              RULES + ":" + n + ": expected kind<TAB>group<TAB>format<TAB>regex");
        }
        DateTimeFormatter fmt =
            f[2].equals("-")
                ? null
                : new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern(f[2].replace("yyyy", "uuuu").replace("yy", "uu"))
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT);
        out.add(new DeidRule(f[0], Integer.parseInt(f[1]), fmt, Pattern.compile(f[3])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
