package dev.stratum.nlp.deid;

import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One de-identification rule of {@code deid/rules.tsv}.
 *
 * @param kind name, mrn, phone, email, address, date or age
 * @param group the capturing group that holds the identifier (0 = the whole match)
 * @param dateFormat for dates, the pattern to parse and re-write the shifted date; else null
 * @param pattern the regular expression
 */
public record DeidRule(String kind, int group, DateTimeFormatter dateFormat, Pattern pattern) {
  public DeidRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pattern, "pattern");
  }
}
