package dev.stratum.nlp.criteria;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.TimeWindow;
import dev.stratum.core.units.Ucum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numeric comparisons ("≥ 18 years", "between 7% and 10%", "0~2", "< 1.5 x ULN", "at least 12
 * weeks", "18 years or older") and look-back windows ("within 4 weeks before", "in the past 6
 * months") from eligibility-criterion text. The phrase lists follow the operator annotations of the
 * Leaf Clinical Trials corpus (Dobbins et al., Sci Data 2022): GTEQ, GT, LTEQ, LT, BETWEEN.
 */
final class ThresholdReader {
  private static final String NUM = "(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|\\.\\d+)";
  private static final String UNIT =
      "(?:(?:(?:x|×|times)\\s*)?(?:the\\s+)?(?:institutional\\s+)?(?:ULN|upper\\s+limits?\\s+of\\s+(?:the\\s+)?normal(?:\\s+range)?|normal\\s+upper\\s+limit|LLN|lower\\s+limits?\\s+of\\s+normal)"
          + "|(?:x|×|\\*)\\s*10\\s*(?:\\^|\\*|e|E)?\\s*\\d+\\s*/\\s*(?:L|l|µL|uL|ul|mm3|mm\\^3)"
          + "|%|percent"
          + "|(?:-\\s*)?(?:years?\\s*-?\\s*old|y\\s*/\\s*o)(?![a-z])"
          + "|(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|hrs?)(?![a-z])"
          + "|(?:mg|g|µg|ug|mcg|ng|pg)\\s*/\\s*(?:dl|l|ml)(?![a-z])"
          + "|(?:mmol|µmol|umol|nmol|meq)\\s*/\\s*l(?![a-z])"
          + "|(?:m?iu|u)\\s*/\\s*(?:l|ml)(?![a-z])"
          + "|ml\\s*/\\s*min(?:\\s*/\\s*1\\.73\\s*m(?:2|\\^2|²))?"
          + "|(?:cells\\s*)?/\\s*(?:mm3|mm\\^3|µl|ul|mcl|mm³)"
          + "|kg\\s*/\\s*m(?:2|\\^2|²)"
          + "|(?:mm\\s?hg|bpm|kg|kilograms?|cm2|cm|mm3|mm|ml|msec|ms|lbs?|pounds?|microns?|µm|um|°\\s?c|℃|°|points?|ppm|kpa|db|fl|g)(?![a-z])"
          + ")";
  private static final String GE =
      ">\\s*/\\s*=|=\\s*/\\s*>|≥|>=|=>|≧|at\\s+least|(?:more|greater|higher)\\s+or\\s+equal(?:\\s+to)?|no\\s+less\\s+than|not\\s+less\\s+than|equal\\s+to\\s+or\\s+(?:greater|more|higher)\\s+than"
          + "|(?:greater|more|higher)\\s+than\\s+or\\s+equal(?:\\s+to)?|equal\\s+or\\s+(?:greater|more)\\s+than"
          + "|(?:a\\s+)?minimum\\s+(?:of\\s+)?|no\\s+younger\\s+than|not\\s+younger\\s+than";
  private static final String GT =
      ">|greater\\s+than|more\\s+than|higher\\s+than|above|over|exceeding|exceeds?|older\\s+than|in\\s+excess\\s+of";
  private static final String LE =
      "<\\s*/\\s*=|=\\s*/\\s*<|≤|<=|=<|≦|(?:less|lower)\\s+or\\s+equal(?:\\s+to)?|no\\s+more\\s+than|not\\s+more\\s+than|no\\s+greater\\s+than|not\\s+greater\\s+than|not\\s+exceeding"
          + "|not\\s+to\\s+exceed|(?:less|lower)\\s+than\\s+or\\s+equal(?:\\s+to)?|equal\\s+to\\s+or\\s+(?:less|lower)\\s+than"
          + "|at\\s+most|up\\s+to|(?:a\\s+)?maximum\\s+(?:of\\s+)?|no\\s+older\\s+than|not\\s+older\\s+than|no\\s+higher\\s+than|not\\s+higher\\s+than";
  private static final String LT =
      "<|less\\s+than|lower\\s+than|below|under|younger\\s+than|fewer\\s+than";

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final Pattern BETWEEN =
      Pattern.compile(
          "\\b(?:between|from)\\s+(?<a>"
              + NUM
              + ")\\s*(?<ua>"
              + UNIT
              + ")?\\s*(?:and|to|-|–)\\s*(?<b>"
              + NUM
              + ")\\s*(?<ub>"
              + UNIT
              + ")?",
          FLAGS);
  private static final Pattern RANGE =
      Pattern.compile(
          "(?<![\\w.^/\\-–])(?<a>"
              + NUM
              + ")\\s*(?<ua>"
              + UNIT
              + ")?\\s*(?:-|–|~|to)\\s*(?<b>"
              + NUM
              + ")(?![\\w.]*\\d)\\s*(?<ub>"
              + UNIT
              + ")?",
          FLAGS);
  private static final Pattern PREFIX =
      Pattern.compile(
          "(?<op>"
              + GE
              + "|"
              + LE
              + "|"
              + GT
              + "|"
              + LT
              + ")\\s*(?:the\\s+)?(?:age\\s+(?:of\\s+)?)?(?<a>"
              + NUM
              + ")\\s*(?<ua>"
              + UNIT
              + ")?",
          FLAGS);
  private static final Pattern POSTFIX =
      Pattern.compile(
          "(?<![\\w.])(?<a>"
              + NUM
              + ")\\s*(?<ua>"
              + UNIT
              + ")?\\s*(?:of\\s+age\\s+|old\\s+)?(?:or|and)\\s+(?<post>older|over|above|more|greater|higher|elder|younger|less|lower|below|under|fewer)\\b",
          FLAGS);

  /**
   * Scale scores listed as alternatives: "ECOG 0 or 1", "ECOG 0, 1, or 2", "grade 0 or 1". Single
   * digits only (performance and toxicity grades are small ordinal scales), and not followed by a
   * unit or another number, so that "1 or 2 years" stays with the unit readers.
   */
  private static final Pattern OR_LIST =
      Pattern.compile(
          "(?<![\\w.,^/\\-–])(?<a>\\d)(?:\\s*,\\s*\\d)*\\s*,?\\s*or\\s+(?<b>\\d)(?![\\w.,%]|\\s*(?:"
              + UNIT
              + "))",
          FLAGS);

  private static final Pattern GE_P = Pattern.compile("^(?:" + GE + ")\\s*$", FLAGS);
  private static final Pattern GT_P = Pattern.compile("^(?:" + GT + ")\\s*$", FLAGS);
  private static final Pattern LE_P = Pattern.compile("^(?:" + LE + ")\\s*$", FLAGS);

  private static String count(int i) {
    return "(?<n"
        + i
        + ">\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)?";
  }

  private static String tunit(int i) {
    return "(?<u" + i + ">hour|hr|day|week|wk|month|mo|year|yr)s?\\b";
  }

  /** The start of a trailing "with no ..." / "without ..." clause qualifying the criterion. */
  private static final Pattern TRAILING_QUALIFIER =
      Pattern.compile("\\b(?:with\\s+no|without|and\\s+no)\\s+\\p{L}", Pattern.CASE_INSENSITIVE);

  private static final Pattern WINDOW =
      Pattern.compile(
          "\\bwithin\\s+(?:the\\s+)?(?:(?:last|past|previous|prior|preceding)\\s+)?"
              + count(1)
              + "\\s*"
              + tunit(1)
              + "|\\b(?:in|during|over|for)\\s+the\\s+(?:last|past|previous|preceding|prior)\\s+"
              + count(2)
              + "\\s*"
              + tunit(2)
              + "|(?:≤|<=|<|less\\s+than|no\\s+more\\s+than|up\\s+to)\\s*"
              + count(3)
              + "\\s*"
              + tunit(3)
              + "\\s+(?:before|prior|preceding|of)",
          FLAGS);

  private ThresholdReader() {}

  /** Every comparison in {@code text}, in text order; offsets are shifted by {@code offset}. */
  static List<Threshold> read(String text, int offset) {
    List<Threshold> out = new ArrayList<>();
    boolean[] used = new boolean[text.length() + 1];
    Matcher m = BETWEEN.matcher(text);
    while (m.find()) {
      addRange(out, used, m, offset);
    }
    m = RANGE.matcher(text);
    while (m.find()) {
      if (!overlaps(used, m.start(), m.end())) {
        addRange(out, used, m, offset);
      }
    }
    m = OR_LIST.matcher(text);
    while (m.find()) {
      double a = number(m.group("a"));
      double b = number(m.group("b"));
      if (!overlaps(used, m.start(), m.end()) && a != b) {
        add(
            out,
            used,
            new Threshold(
                Comparison.BETWEEN, Math.min(a, b), Math.max(a, b), "", m.start(), m.end()),
            offset);
      }
    }
    m = PREFIX.matcher(text);
    while (m.find()) {
      if (overlaps(used, m.start("a"), m.end("a")) || !wordBoundaryBefore(text, m.start())) {
        continue;
      }
      Comparison op = operator(m.group("op"));
      double a = number(m.group("a"));
      String unit = unit(m.group("ua"));
      add(out, used, new Threshold(op, a, Double.NaN, unit, m.start(), m.end()), offset);
    }
    m = POSTFIX.matcher(text);
    while (m.find()) {
      if (overlaps(used, m.start("a"), m.end("a"))) {
        continue;
      }
      String post = m.group("post").toLowerCase(Locale.ROOT);
      Comparison op =
          switch (post) {
            case "older", "over", "above", "more", "greater", "higher", "elder" -> Comparison.GE;
            default -> Comparison.LE;
          };
      add(
          out,
          used,
          new Threshold(
              op, number(m.group("a")), Double.NaN, unit(m.group("ua")), m.start(), m.end()),
          offset);
    }
    out.sort((x, y) -> Integer.compare(x.begin(), y.begin()));
    return out;
  }

  private static boolean wordBoundaryBefore(String text, int i) {
    if (i == 0) {
      return true;
    }
    char c = text.charAt(i - 1);
    char first = text.charAt(i);
    return !Character.isLetter(first) || !Character.isLetterOrDigit(c);
  }

  private static void addRange(List<Threshold> out, boolean[] used, Matcher m, int offset) {
    double a = number(m.group("a"));
    double b = number(m.group("b"));
    String unit = unit(m.group("ub") != null ? m.group("ub") : m.group("ua"));
    if (Double.isNaN(a) || Double.isNaN(b) || a == b) {
      return;
    }
    add(
        out,
        used,
        new Threshold(Comparison.BETWEEN, Math.min(a, b), Math.max(a, b), unit, m.start(), m.end()),
        offset);
  }

  private static void add(List<Threshold> out, boolean[] used, Threshold t, int offset) {
    if (Double.isNaN(t.value())) {
      return;
    }
    for (int i = t.begin(); i < t.end(); i++) {
      used[i] = true;
    }
    out.add(
        new Threshold(
            t.operator(), t.value(), t.value2(), t.unit(), t.begin() + offset, t.end() + offset));
  }

  private static boolean overlaps(boolean[] used, int from, int to) {
    for (int i = from; i < to; i++) {
      if (used[i]) {
        return true;
      }
    }
    return false;
  }

  static Comparison operator(String op) {
    String o = op.strip().replaceAll("\\s+", " ") + " ";
    if (GE_P.matcher(o).matches()) {
      return Comparison.GE;
    }
    if (LE_P.matcher(o).matches()) {
      return Comparison.LE;
    }
    if (GT_P.matcher(o).matches()) {
      return Comparison.GT;
    }
    return Comparison.LT;
  }

  static double number(String s) {
    if (s == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s.replace(",", ""));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Canonical unit: UCUM code, {@code x ULN} / {@code x LLN}, or empty. */
  static String unit(String written) {
    if (written == null || written.isBlank()) {
      return "";
    }
    String w = written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    if (w.contains("uln") || w.contains("upper")) {
      return "x ULN";
    }
    if (w.contains("lln") || w.contains("lower")) {
      return "x LLN";
    }
    if (w.equals("percent")) {
      return "%";
    }
    if (w.matches("(?:x|×|\\*)10.*")) {
      String exp = w.replaceAll("^(?:x|×|\\*)10(?:\\^|\\*|e)?(\\d+)/.*$", "$1");
      String den = w.replaceAll("^.*/", "");
      if (den.equals("l")) {
        return Ucum.lookup("10^" + exp + "/l").orElse("");
      }
      return exp.equals("3") ? "10*3/uL" : exp.equals("6") ? "10*6/uL" : "";
    }
    if (w.startsWith("yr") || w.startsWith("year") || w.startsWith("-year") || w.equals("y/o")) {
      return "a";
    }
    if (w.startsWith("mo")) {
      return "mo";
    }
    if (w.startsWith("w")) {
      return "wk";
    }
    if (w.startsWith("day")) {
      return "d";
    }
    if (w.startsWith("h")) {
      return "h";
    }
    switch (w) {
      case "ppm" -> {
        return "[ppm]";
      }
      case "kpa" -> {
        return "kPa";
      }
      case "db" -> {
        return "dB";
      }
      case "fl" -> {
        return "fL";
      }
      case "ms", "msec" -> {
        return "ms";
      }
      case "°c", "℃", "°" -> {
        return "Cel";
      }
      case "point", "points" -> {
        return "{score}";
      }
      case "micron", "microns", "µm", "um" -> {
        return "um";
      }
      case "pound", "pounds", "lb", "lbs" -> {
        return "[lb_av]";
      }
      case "kilogram", "kilograms" -> {
        return "kg";
      }
      case "ml" -> {
        return "mL";
      }
      case "mm3" -> {
        return "/uL";
      }
      default -> {}
    }
    w = w.replace("mcg", "ug").replace("µ", "u").replace("²", "2").replace("mcl", "ul");
    if (w.startsWith("cells/")) {
      w = w.substring("cells".length());
    }
    if (w.equals("/mm^3") || w.equals("/mm³")) {
      w = "/mm3";
    }
    if (w.startsWith("ml/min/1.73")) {
      return "mL/min/{1.73_m2}";
    }
    return Ucum.lookup(w).orElse(written.strip());
  }

  /** The first look-back window in {@code text}, or null. */
  static TimeWindow window(String text) {
    // A window inside a trailing qualifier ("Hemoglobin >= 10 g/dL with no blood transfusion in
    // the past 28 days") dates the qualifier's event, not the criterion's own fact.
    Matcher q = TRAILING_QUALIFIER.matcher(text);
    if (q.find() && q.start() > 0) {
      text = text.substring(0, q.start());
    }
    Matcher m = WINDOW.matcher(text);
    if (!m.find()) {
      return null;
    }
    String n = null;
    String u = null;
    for (int i = 1; i <= 3 && u == null; i++) {
      n = m.group("n" + i);
      u = m.group("u" + i);
    }
    if (u == null) {
      return null;
    }
    int count = countOf(n);
    String unit = u.toLowerCase(Locale.ROOT);
    if (unit.startsWith("h")) {
      return new TimeWindow(Math.max(1, (count + 23) / 24), java.time.temporal.ChronoUnit.DAYS);
    }
    String label =
        unit.startsWith("d")
            ? "days"
            : unit.startsWith("w") ? "weeks" : unit.startsWith("m") ? "months" : "years";
    return TimeWindow.of(count, label);
  }

  private static int countOf(String n) {
    if (n == null) {
      return 1;
    }
    return switch (n.toLowerCase(Locale.ROOT)) {
      case "a", "an", "one" -> 1;
      case "two" -> 2;
      case "three" -> 3;
      case "four" -> 4;
      case "five" -> 5;
      case "six" -> 6;
      case "seven" -> 7;
      case "eight" -> 8;
      case "nine" -> 9;
      case "ten" -> 10;
      case "eleven" -> 11;
      case "twelve" -> 12;
      default -> {
        try {
          yield Integer.parseInt(n);
        } catch (NumberFormatException e) {
          yield 1;
        }
      }
    };
  }
}
