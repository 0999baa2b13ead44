package dev.stratum.nlp.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The value patterns of {@code lexicon/value-patterns.tsv}, compiled once. */
public final class ValuePatterns {
  private final Map<String, Pattern> patterns;

  private ValuePatterns(Map<String, Pattern> patterns) {
    this.patterns = Map.copyOf(patterns);
  }

  public static ValuePatterns builtIn() {
    String res = "/dev/stratum/nlp/lexicon/value-patterns.tsv";
    Map<String, Pattern> m = new LinkedHashMap<>();
    try (InputStream in = ValuePatterns.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: " + res);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        m.put(
            line.substring(0, tab).strip(),
            Pattern.compile(
                line.substring(tab + 1).strip(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ValuePatterns(m);
  }

  /** The pattern called {@code name}. */
  public Pattern get(String name) {
    Pattern p = patterns.get(name);
    if (p == null) {
      throw new IllegalStateException("no value pattern named " + name);
    }
    return p;
  }
}
