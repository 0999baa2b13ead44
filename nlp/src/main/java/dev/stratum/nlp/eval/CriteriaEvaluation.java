package dev.stratum.nlp.eval;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.nlp.ClinicalNlp;
import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.criteria.ParsedCriterion;
import dev.stratum.nlp.criteria.Threshold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures the criteria parser against brat gold annotations in the format of the Leaf Clinical
 * Trials corpus (Dobbins et al., "The Leaf Clinical Trials Corpus", Scientific Data 9:490, 2022):
 * trial-level age bounds, numeric thresholds (operator, value, unit), negation of gold concept
 * mentions, and the concept type of each criterion.
 */
public final class CriteriaEvaluation {
  private static final Pattern EXCLUSION_HEADING =
      Pattern.compile("(?im)^[\\s\\-*•\\d.)]*(?:key\\s+|main\\s+)?exclusions?\\b");
  private static final Pattern AGE_BEFORE =
      Pattern.compile("(?i)\\bage[ds]?\\s*(?:of|between|from|:|is|range)?\\s*$");
  private static final Set<String> CONCEPT_TYPES =
      Set.of("Condition", "Drug", "Procedure", "Observation");

  /** Precision and recall counts. */
  public record Score(int truePositives, int predicted, int gold) {
    public double precision() {
      return predicted == 0 ? Double.NaN : (double) truePositives / predicted;
    }

    public double recall() {
      return gold == 0 ? Double.NaN : (double) truePositives / gold;
    }

    Score plus(int tp, int p, int g) {
      return new Score(truePositives + tp, predicted + p, gold + g);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "P=%.3f (%d/%d) R=%.3f (%d/%d)",
          precision(),
          truePositives,
          predicted,
          recall(),
          truePositives,
          gold);
    }
  }

  /**
   * The results.
   *
   * @param documents trials evaluated
   * @param minAge trial minimum age equal to the gold
   * @param maxAge trial maximum age equal to the gold
   * @param thresholds non-age, non-temporal comparisons: operator and value(s) equal, spans overlap
   * @param thresholdUnits among matched thresholds whose gold has a unit: unit equal
   * @param negation gold concept mentions (Condition, Drug, Procedure, Observation) negated
   * @param conceptType criterion concept types agreeing with the overlapping gold entity type
   * @param lexiconCoverage gold Condition/Drug/Procedure mentions overlapped by a lexicon mention
   */
  public record Result(
      int documents,
      Score minAge,
      Score maxAge,
      Score thresholds,
      Score thresholdUnits,
      Score negation,
      Score conceptType,
      Score lexiconCoverage) {
    /** A plain-text report, one metric per line. */
    public String report() {
      return String.join(
          "\n",
          "documents        " + documents,
          "min age          " + minAge,
          "max age          " + maxAge,
          "thresholds       " + thresholds,
          "threshold units  " + thresholdUnits,
          "negation         " + negation,
          "concept type     " + conceptType,
          "lexicon coverage " + lexiconCoverage);
    }
  }

  private static final boolean DEBUG = System.getenv("STRATUM_EVAL_DEBUG") != null;
  private final CriteriaParser parser;
  private final ClinicalNlp nlp;

  public CriteriaEvaluation(ClinicalNlp nlp) {
    this.nlp = nlp;
    this.parser = CriteriaParser.using(nlp);
  }

  /** Evaluates every {@code .txt} with a sibling {@code .ann} under {@code dir} (recursively). */
  public Result evaluate(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(p -> p.toString().endsWith(".txt"))
              .filter(p -> Files.exists(annOf(p)))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw InvalidInputException.at(dir.toString(), 0, null, "cannot list: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw InvalidInputException.at(dir.toString(), 0, null, "no .txt/.ann pairs found");
    }
    Score min = new Score(0, 0, 0);
    Score max = new Score(0, 0, 0);
    Score thr = new Score(0, 0, 0);
    Score units = new Score(0, 0, 0);
    Score neg = new Score(0, 0, 0);
    Score type = new Score(0, 0, 0);
    Score cover = new Score(0, 0, 0);
    for (Path f : files) {
      BratDocument doc = BratDocument.read(f);
      List<ParsedCriterion> parsed = parser.parseDetailed(doc.text());
      TrialCriteria tc = parser.parse(doc.id(), doc.text());
      double[] gold = goldAges(doc);
      if (DEBUG
          && (same(tc.minAge(), gold[0]) == 0
                  && !(Double.isNaN(tc.minAge()) && Double.isNaN(gold[0]))
              || same(tc.maxAge(), gold[1]) == 0
                  && !(Double.isNaN(tc.maxAge()) && Double.isNaN(gold[1])))) {
        System.err.println(
            "AGE "
                + doc.id()
                + " gold "
                + gold[0]
                + ".."
                + gold[1]
                + " got "
                + tc.minAge()
                + ".."
                + tc.maxAge());
      }
      min =
          min.plus(
              same(tc.minAge(), gold[0]),
              Double.isNaN(tc.minAge()) ? 0 : 1,
              Double.isNaN(gold[0]) ? 0 : 1);
      max =
          max.plus(
              same(tc.maxAge(), gold[1]),
              Double.isNaN(tc.maxAge()) ? 0 : 1,
              Double.isNaN(gold[1]) ? 0 : 1);
      int[] t = thresholds(doc, parsed);
      thr = thr.plus(t[0], t[1], t[2]);
      units = units.plus(t[3], t[4], t[4]);
      int[] n = negation(doc);
      neg = neg.plus(n[0], n[1], n[2]);
      int[] c = conceptTypes(doc, parsed);
      type = type.plus(c[0], c[1], c[1]);
      int[] cv = coverage(doc);
      cover = cover.plus(cv[0], cv[1], cv[1]);
    }
    return new Result(files.size(), min, max, thr, units, neg, type, cover);
  }

  private static Path annOf(Path txt) {
    String n = txt.getFileName().toString();
    return txt.resolveSibling(n.substring(0, n.length() - 4) + ".ann");
  }

  private static int same(double a, double b) {
    return !Double.isNaN(a) && !Double.isNaN(b) && Math.abs(a - b) < 1e-6 ? 1 : 0;
  }

  private static boolean exclusion(BratDocument doc, int offset) {
    Matcher m = EXCLUSION_HEADING.matcher(doc.text());
    return m.find() && offset >= m.start();
  }

  /** Gold {min, max} age: the first bound of each kind, exclusion comparisons reversed. */
  static double[] goldAges(BratDocument doc) {
    double min = Double.NaN;
    double max = Double.NaN;
    for (BratDocument.Event e : doc.events().values()) {
      if (!e.type().equals("Age")) {
        continue;
      }
      for (String[] a : e.args()) {
        if (!a[0].startsWith("Numeric-Filter")) {
          continue;
        }
        GoldComparison g = comparison(doc, a[1]);
        if (g == null) {
          continue;
        }
        boolean excl = exclusion(doc, g.begin);
        double lo = Double.NaN;
        double hi = Double.NaN;
        switch (g.op) {
          case GE, GT -> {
            if (excl) {
              hi = g.lo;
            } else {
              lo = g.lo;
            }
          }
          case LE, LT -> {
            if (excl) {
              lo = g.lo;
            } else {
              hi = g.lo;
            }
          }
          case BETWEEN -> {
            if (!excl) {
              lo = g.lo;
              hi = g.hi;
            }
          }
          case EQ -> {}
        }
        double scale = g.unit.equals("mo") ? 1.0 / 12 : 1;
        if (Double.isNaN(min) && !Double.isNaN(lo)) {
          min = lo * scale;
        }
        if (Double.isNaN(max) && !Double.isNaN(hi)) {
          max = hi * scale;
        }
      }
    }
    return new double[] {min, max};
  }

  private record GoldComparison(
      Comparison op,
      double lo,
      double hi,
      String unit,
      String unitText,
      int begin,
      int end,
      boolean temporal) {}

  private static GoldComparison comparison(BratDocument doc, String eventId) {
    BratDocument.Event e = doc.events().get(eventId);
    if (e == null || !e.type().equals("Eq-Comparison")) {
      return null;
    }
    String opId = e.arg("Operator");
    String valId = e.arg("Value");
    if (opId == null || valId == null) {
      return null;
    }
    String opv = doc.attribute(opId, "Eq-Operator-Value");
    if (opv == null) {
      return null;
    }
    Comparison op =
        switch (opv) {
          case "GT" -> Comparison.GT;
          case "GTEQ" -> Comparison.GE;
          case "LT" -> Comparison.LT;
          case "LTEQ" -> Comparison.LE;
          case "BETWEEN" -> Comparison.BETWEEN;
          case "EQ" -> Comparison.EQ;
          default -> null;
        };
    if (op == null) {
      return null;
    }
    // A range carries its bounds as Value and Value2, or as two Value arguments.
    List<Double> values = new ArrayList<>();
    for (String[] a : e.args()) {
      if (a[0].startsWith("Value")) {
        double x = number(doc.spans().get(a[1]));
        if (!Double.isNaN(x)) {
          values.add(x);
        }
      }
    }
    if (values.isEmpty()) {
      return null;
    }
    double v = values.get(0);
    double v2 = values.size() > 1 ? values.get(1) : Double.NaN;
    double lo = v;
    double hi = Double.NaN;
    if (op == Comparison.BETWEEN) {
      if (Double.isNaN(v2)) {
        return null;
      }
      lo = Math.min(v, v2);
      hi = Math.max(v, v2);
    }
    String unit = "";
    String unitText = "";
    BratDocument.Span u = doc.spans().get(e.arg("Unit"));
    BratDocument.Span tu = doc.spans().get(e.arg("Temporal-Unit"));
    if (u != null) {
      unit = CriteriaParser.normaliseUnit(u.text());
      unitText = u.text();
    } else if (tu != null) {
      unit = CriteriaParser.normaliseUnit(tu.text());
    }
    boolean temporal =
        tu != null || e.arg("Temporal-Period") != null || e.arg("Temporal-Recency") != null;
    BratDocument.Span span = doc.spans().get(e.trigger());
    return new GoldComparison(op, lo, hi, unit, unitText, span.begin(), span.end(), temporal);
  }

  private static double number(BratDocument.Span s) {
    if (s == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s.text().replace(",", "").strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** {matched, predicted, gold, unitMatched, goldWithUnitAmongMatched}. */
  private static int[] thresholds(BratDocument doc, List<ParsedCriterion> parsed) {
    Set<String> ageFilters = new HashSet<>();
    for (BratDocument.Event e : doc.events().values()) {
      if (e.type().equals("Age")) {
        for (String[] a : e.args()) {
          ageFilters.add(a[1]);
        }
      }
    }
    List<GoldComparison> gold = new ArrayList<>();
    for (BratDocument.Event e : doc.events().values()) {
      if (ageFilters.contains(e.id())) {
        continue;
      }
      GoldComparison g = comparison(doc, e.id());
      if (g != null && !g.temporal && !isTemporalUnit(g.unit)) {
        gold.add(g);
      }
    }
    List<Threshold> predicted = new ArrayList<>();
    for (ParsedCriterion p : parsed) {
      for (Threshold t : p.thresholds()) {
        boolean age =
            p.criterion().type() == CriterionType.AGE
                && p.criterion().operator() == t.operator()
                && p.criterion().value() == t.value();
        // Age bounds are scored by min/max age, and the gold files them under Age: a comparison
        // in years ("18-35-year-old", "≥ 20 y/o"), a bare bound in an age criterion ("age < 18 or >
        // 60") or one right after the word "age" is an age, not a threshold.
        age |=
            isTemporalUnit(t.unit())
                || p.criterion().type() == CriterionType.AGE && t.unit().isEmpty()
                || AGE_BEFORE
                    .matcher(doc.text().substring(Math.max(0, t.begin() - 16), t.begin()))
                    .find();
        if (!age && !t.temporal()) {
          predicted.add(t);
        }
      }
    }
    int matched = 0;
    int unitMatched = 0;
    int withUnit = 0;
    boolean[] used = new boolean[predicted.size()];
    for (GoldComparison g : gold) {
      for (int i = 0; i < predicted.size(); i++) {
        Threshold t = predicted.get(i);
        if (used[i] || t.end() <= g.begin || t.begin() >= g.end) {
          continue;
        }
        boolean values =
            t.operator() == g.op
                && Math.abs(t.value() - g.lo) < 1e-9
                && (g.op != Comparison.BETWEEN || Math.abs(t.value2() - g.hi) < 1e-9);
        if (values) {
          used[i] = true;
          matched++;
          if (!g.unit.isEmpty()) {
            withUnit++;
            if (sameUnit(g, t.unit())) {
              unitMatched++;
            } else if (DEBUG) {
              System.err.println("UNIT gold '" + g.unitText + "' got '" + t.unit() + "'");
            }
          }
          break;
        }
      }
    }
    if (DEBUG) {
      String text = doc.text();
      for (GoldComparison g : gold) {
        boolean hit = false;
        for (int i = 0; i < predicted.size() && !hit; i++) {
          Threshold t = predicted.get(i);
          hit =
              used[i]
                  && t.begin() < g.end
                  && t.end() > g.begin
                  && t.operator() == g.op
                  && Math.abs(t.value() - g.lo) < 1e-9;
        }
        if (!hit) {
          System.err.println(
              "THR-FN "
                  + g.op
                  + " "
                  + g.lo
                  + (Double.isNaN(g.hi) ? "" : ".." + g.hi)
                  + " | "
                  + line(text, g.begin));
        }
      }
      for (int i = 0; i < predicted.size(); i++) {
        if (!used[i]) {
          Threshold t = predicted.get(i);
          System.err.println(
              "THR-FP "
                  + t.operator()
                  + " "
                  + t.value()
                  + (Double.isNaN(t.value2()) ? "" : ".." + t.value2())
                  + " | "
                  + line(text, t.begin()));
        }
      }
    }
    return new int[] {matched, predicted.size(), gold.size(), unitMatched, withUnit};
  }

  private static String line(String text, int at) {
    int b = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
    int e = text.indexOf('\n', at);
    return text.substring(b, e < 0 ? text.length() : e).strip();
  }

  // LCT unit spans are often partial ("mg" of "mg/dL"): a unit agrees when the canonical forms are
  // equal or ours starts with the annotated text.
  private static boolean sameUnit(GoldComparison g, String ours) {
    String gold = g.unitText.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    String o = ours.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    return g.unit.equals(ours)
        || (!gold.isEmpty() && o.startsWith(gold))
        || (gold.contains("uln") || gold.contains("upper")) && o.equals("xuln")
        || gold.equals("mmhg") && o.equals("mm[hg]");
  }

  private static boolean isTemporalUnit(String u) {
    return switch (u) {
      case "a", "mo", "wk", "d", "h", "min" -> true;
      default -> false;
    };
  }

  /** {true positives, predicted negated, gold negated} over gold concept mentions. */
  private int[] negation(BratDocument doc) {
    Set<String> negatedIds = new HashSet<>();
    for (BratDocument.Event e : doc.events().values()) {
      if (e.type().equals("Negation")) {
        String target = e.arg("Negates");
        if (target != null) {
          BratDocument.Span s = doc.spanOf(target);
          if (s != null) {
            negatedIds.add(s.id());
          }
        }
      }
    }
    int tp = 0;
    int pred = 0;
    int gold = 0;
    String text = doc.text();
    for (BratDocument.Span s : doc.spans().values()) {
      if (!CONCEPT_TYPES.contains(s.type())) {
        continue;
      }
      int ls = text.lastIndexOf('\n', Math.max(0, s.begin() - 1)) + 1;
      int le = text.indexOf('\n', s.end());
      if (le < 0) {
        le = text.length();
      }
      if (s.begin() < ls || s.end() > le) {
        continue;
      }
      boolean g = negatedIds.contains(s.id());
      boolean p =
          nlp.assertionOfSpan(text.substring(ls, le), s.begin() - ls, s.end() - ls).negated();
      if (DEBUG && g != p) {
        System.err.println((g ? "FN " : "FP ") + s.text() + " | " + text.substring(ls, le).strip());
      }
      gold += g ? 1 : 0;
      pred += p ? 1 : 0;
      tp += g && p ? 1 : 0;
    }
    return new int[] {tp, pred, gold};
  }

  /** {agreeing, compared}: criteria whose concept overlaps a gold concept entity. */
  private static int[] conceptTypes(BratDocument doc, List<ParsedCriterion> parsed) {
    int agree = 0;
    int compared = 0;
    for (ParsedCriterion p : parsed) {
      if (p.conceptBegin() < 0) {
        continue;
      }
      CriterionType t = p.criterion().type();
      if (t == CriterionType.AGE || t == CriterionType.SEX || t == CriterionType.OTHER) {
        continue;
      }
      BratDocument.Span hit = null;
      for (BratDocument.Span s : doc.spans().values()) {
        if (CONCEPT_TYPES.contains(s.type())
            && s.begin() < p.conceptEnd()
            && s.end() > p.conceptBegin()) {
          hit = s;
          break;
        }
      }
      if (hit == null) {
        continue;
      }
      compared++;
      boolean ok =
          switch (t) {
            case CONDITION -> hit.type().equals("Condition");
            case DRUG -> hit.type().equals("Drug");
            case PROCEDURE -> hit.type().equals("Procedure");
            case LAB, PERFORMANCE -> hit.type().equals("Observation");
            case BIOMARKER -> hit.type().equals("Observation") || hit.type().equals("Condition");
            default -> false;
          };
      agree += ok ? 1 : 0;
    }
    return new int[] {agree, compared};
  }

  /** {covered, gold}: gold Condition/Drug/Procedure mentions overlapped by a lexicon mention. */
  private int[] coverage(BratDocument doc) {
    List<NoteFact> facts = nlp.extract(doc.id(), "-", null, doc.text());
    int covered = 0;
    int gold = 0;
    for (BratDocument.Span s : doc.spans().values()) {
      if (!s.type().equals("Condition")
          && !s.type().equals("Drug")
          && !s.type().equals("Procedure")) {
        continue;
      }
      gold++;
      for (NoteFact f : facts) {
        if (f.evidence().begin() < s.end() && f.evidence().end() > s.begin()) {
          covered++;
          break;
        }
      }
    }
    return new int[] {covered, gold};
  }
}
