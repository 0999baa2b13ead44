package dev.stratum.matching;

import dev.stratum.core.criteria.Comparison;
import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.units.Ucum;
import dev.stratum.matching.PatientItems.Item;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.NumericUtils;

/**
 * Compiles a criterion into three conditions over a patient's indexed items: <b>met</b> (the
 * criterion's statement holds), <b>known</b> (the data needed to decide it exists) and the part of
 * met that rests on structured data. The result is {@code met} when met, {@code not_met} when known
 * and not met, {@code unknown} otherwise. Each condition has two readings that agree by
 * construction: a Lucene query (for counting a whole index) and a predicate over one patient's
 * items (for evidence).
 *
 * <p>Missing data: diagnoses, drugs, procedures and pregnancy are events recorded when they happen,
 * so their absence from a record means "not met" (the closed-world reading of OMOP cohort
 * definitions). Measurements, performance status and biomarkers are missing when not taken, so
 * their absence means "unknown" (a genotyped patient without the call is "not met"). A criterion
 * the parser could not structure (no code, no threshold where one is needed, type other) is unknown
 * for every patient, with its text shown for a person to judge.
 */
final class Compiler {
  static final String PREGNANCY_LOINC = "82810-3";
  static final String ECOG_LOINC = "89247-1";
  private static final Pattern WORD_POSITIVE = Pattern.compile("\\bpositive\\b|\\+\\s*$");
  private static final Pattern CHANGE =
      Pattern.compile("^(?:p\\.)?([A-Z]\\d+(?:[A-Z*]|fs|del)\\S*)$");

  /** A condition over a patient's items. */
  sealed interface Cond {}

  /** Some item in one of {@code fields} has one of {@code terms}, dated within [from, to]. */
  record Terms(List<String> fields, List<String> terms, long from, long to) implements Cond {}

  /** The latest value under one of {@code keys} is dated within [from, to] and in [lo, hi]. */
  record Numeric(List<String> keys, long from, long to, double lo, double hi) implements Cond {}

  /** A point field's value lies in [lo, hi] (birth and death days). */
  record Range(String field, long lo, long hi) implements Cond {}

  record Any(List<Cond> of) implements Cond {}

  record All(List<Cond> of) implements Cond {}

  record Not(Cond of) implements Cond {}

  record Const(boolean value) implements Cond {}

  /** A free-text query; its per-patient reading comes from the index. */
  record Text(Query query) implements Cond {}

  static final Cond TRUE = new Const(true);
  static final Cond FALSE = new Const(false);

  /**
   * A compiled criterion.
   *
   * @param criterion the source criterion
   * @param met the statement holds
   * @param metStructured the statement holds on structured data alone (ranking weight)
   * @param known the data to decide exists
   * @param context items shown as evidence without deciding (negated, family, uncertain mentions)
   * @param unstructured why the criterion could not be evaluated, empty when it could
   */
  record Compiled(
      MatchCriterion criterion,
      Cond met,
      Cond metStructured,
      Cond known,
      Cond context,
      String unstructured) {
    boolean isUnstructured() {
      return !unstructured.isEmpty();
    }
  }

  private Compiler() {}

  static Compiled compile(MatchCriterion c, LocalDate evaluationDate, Query textQuery) {
    long to = evaluationDate.toEpochDay();
    long from =
        c.window() == null ? PatientItems.NO_DAY : c.window().start(evaluationDate).toEpochDay();
    Compiled k;
    if (!c.query().isEmpty()) {
      k =
          new Compiled(
              c,
              new Text(textQuery),
              new Text(textQuery),
              terms(PatientItems.HASNOTE, List.of("1"), PatientItems.NO_DAY, Long.MAX_VALUE),
              FALSE,
              "");
    } else {
      k =
          switch (c.type()) {
            case AGE -> age(c, evaluationDate);
            case SEX -> sex(c);
            case CONDITION ->
                isPregnancy(c) ? pregnancy(c, from, to) : events(c, from, to, CodeSystem.ICD10CM);
            case DRUG -> events(c, from, to, CodeSystem.RXNORM);
            case PROCEDURE -> events(c, from, to, CodeSystem.ICD10PCS);
            case LAB, PERFORMANCE -> numeric(c, from, to);
            case BIOMARKER -> biomarker(c, from, to);
            case OTHER -> isPregnancy(c) ? pregnancy(c, from, to) : unstructured(c, "type other");
          };
    }
    if (c.negated() && !k.isUnstructured()) {
      Cond met = new All(List.of(k.known(), new Not(k.met())));
      k = new Compiled(c, met, met, k.known(), k.context(), "");
    }
    return k;
  }

  /** The implicit criterion every trial has: alive on the evaluation date. */
  static MatchCriterion aliveCriterion() {
    return new MatchCriterion(
        "ALIVE",
        CriterionKind.INCLUSION,
        "Alive on the evaluation date",
        CriterionType.OTHER,
        "alive",
        List.of(),
        false,
        null,
        Double.NaN,
        Double.NaN,
        "",
        null,
        "");
  }

  static Compiled alive(MatchCriterion c, LocalDate d) {
    Cond met = new Not(new Range(PatientItems.DEATH, Long.MIN_VALUE, d.toEpochDay()));
    return new Compiled(c, met, met, TRUE, FALSE, "");
  }

  private static Compiled unstructured(MatchCriterion c, String why) {
    return new Compiled(c, FALSE, FALSE, FALSE, FALSE, why);
  }

  private static Terms terms(String field, List<String> terms, long from, long to) {
    return new Terms(List.of(field), terms, from, to);
  }

  private static boolean isPregnancy(MatchCriterion c) {
    for (Code code : c.codes()) {
      if (code.system() == CodeSystem.LOINC && code.code().equals(PREGNANCY_LOINC)) {
        return true;
      }
    }
    return c.concept().toLowerCase(Locale.ROOT).contains("pregnan");
  }

  private static Compiled age(MatchCriterion c, LocalDate d) {
    if (c.operator() == null) {
      return unstructured(c, "no age bound");
    }
    double lo = c.value();
    double hi = c.operator() == Comparison.BETWEEN ? c.value2() : c.value();
    String unit = c.unit().isEmpty() ? "a" : c.unit();
    if (Ucum.lookup(unit).isEmpty() || !Ucum.commensurable(unit, "a")) {
      return unstructured(c, "age unit '" + c.unit() + "' is not a time unit");
    }
    lo = Ucum.convert(lo, unit, "a");
    hi = Ucum.convert(hi, unit, "a");
    // Ages are completed years: age >= 17.5 is age >= 18; age > 18 is age >= 19.
    long minAge;
    long maxAge;
    switch (c.operator()) {
      case GE -> {
        minAge = (long) Math.ceil(lo);
        maxAge = Long.MAX_VALUE;
      }
      case GT -> {
        minAge = (long) Math.floor(lo) + 1;
        maxAge = Long.MAX_VALUE;
      }
      case LE -> {
        minAge = Long.MIN_VALUE;
        maxAge = (long) Math.floor(lo);
      }
      case LT -> {
        minAge = Long.MIN_VALUE;
        maxAge = (long) Math.ceil(lo) - 1;
      }
      case EQ -> {
        minAge = (long) Math.ceil(lo);
        maxAge = (long) Math.floor(lo);
      }
      case BETWEEN -> {
        minAge = (long) Math.ceil(lo);
        maxAge = (long) Math.floor(hi);
      }
      default -> throw new IllegalStateException();
    }
    // age(d) >= a  <=>  birth <= d - a years;  age(d) <= b  <=>  birth > d - (b + 1) years.
    long birthHi =
        minAge == Long.MIN_VALUE ? Long.MAX_VALUE : d.minusYears(Math.max(0, minAge)).toEpochDay();
    long birthLo =
        maxAge == Long.MAX_VALUE ? Long.MIN_VALUE : d.minusYears(maxAge + 1).toEpochDay() + 1;
    Cond met = birthLo > birthHi ? FALSE : new Range(PatientItems.BIRTH, birthLo, birthHi);
    Cond known = new Range(PatientItems.BIRTH, Long.MIN_VALUE, Long.MAX_VALUE);
    return new Compiled(c, met, met, known, FALSE, "");
  }

  private static Compiled sex(MatchCriterion c) {
    String s = (c.concept() + " " + c.text()).toLowerCase(Locale.ROOT);
    boolean female = s.matches(".*\\b(female|females|women|woman)\\b.*");
    boolean male = s.matches(".*\\b(male|males|men|man)\\b.*");
    if (female == male) {
      return unstructured(c, "sex not stated");
    }
    Cond met = terms(PatientItems.SEX, List.of(female ? "female" : "male"), Long.MIN_VALUE, 0);
    Cond known = new Not(terms(PatientItems.SEX, List.of("unknown"), Long.MIN_VALUE, 0));
    return new Compiled(c, met, met, known, FALSE, "");
  }

  /** Trial-level sex bound as a criterion. */
  static Compiled sexBound(MatchCriterion c, String sexLabel) {
    Cond met = terms(PatientItems.SEX, List.of(sexLabel), Long.MIN_VALUE, 0);
    Cond known = new Not(terms(PatientItems.SEX, List.of("unknown"), Long.MIN_VALUE, 0));
    return new Compiled(c, met, met, known, FALSE, "");
  }

  private static Compiled pregnancy(MatchCriterion c, long from, long to) {
    Cond met =
        new Any(
            List.of(
                terms(PatientItems.PREG, List.of("pregnant"), from, to),
                terms(PatientItems.FPREG, List.of("pregnant"), from, to)));
    Cond structured = terms(PatientItems.PREG, List.of("pregnant"), from, to);
    Cond context = terms(PatientItems.PREG, List.of("not pregnant"), from, to);
    return new Compiled(c, met, structured, TRUE, context, "");
  }

  private static Compiled events(MatchCriterion c, long from, long to, CodeSystem family) {
    Set<String> terms = new LinkedHashSet<>();
    for (Code code : c.codes()) {
      switch (family) {
        case ICD10CM -> {
          if (code.system() == CodeSystem.ICD10CM) {
            terms.add(Vocab.icdCriterionTerm(code.code()));
          }
        }
        case RXNORM -> {
          if (code.system() == CodeSystem.RXNORM || code.system() == CodeSystem.ATC) {
            terms.add(Vocab.drugCriterionTerm(code.system().name(), code.code()));
          }
        }
        default -> {
          if (code.system() == CodeSystem.ICD10PCS) {
            terms.add(code.code().strip().toUpperCase(Locale.ROOT));
          }
        }
      }
    }
    if (terms.isEmpty()) {
      return unstructured(c, "no " + family.name() + " code");
    }
    List<String> t = List.copyOf(terms);
    String structured =
        switch (family) {
          case ICD10CM -> PatientItems.COND;
          case RXNORM -> PatientItems.DRUG;
          default -> PatientItems.PROC;
        };
    String notes =
        switch (family) {
          case ICD10CM -> PatientItems.FCOND;
          case RXNORM -> PatientItems.FDRUG;
          default -> PatientItems.FPROC;
        };
    Cond metS = new Terms(List.of(structured), t, from, to);
    Cond met = new Terms(List.of(structured, notes), t, from, to);
    Cond context =
        new Terms(
            List.of(PatientItems.FNEG, PatientItems.FFAM, PatientItems.FUNC),
            t,
            PatientItems.NO_DAY,
            Long.MAX_VALUE);
    return new Compiled(c, met, metS, TRUE, context, "");
  }

  private static Compiled numeric(MatchCriterion c, long from, long to) {
    List<String> codes = new ArrayList<>();
    for (Code code : c.codes()) {
      if (code.system() == CodeSystem.LOINC) {
        codes.addAll(Vocab.loincGroup(code.code()));
      }
    }
    if (codes.isEmpty() && c.type() == CriterionType.PERFORMANCE) {
      codes.add(ECOG_LOINC);
    }
    if (codes.isEmpty()) {
      return unstructured(c, "no LOINC code");
    }
    if (c.operator() == null) {
      return unstructured(c, "no threshold");
    }
    List<String> prefixed = codes.stream().map(x -> "LOINC:" + x).toList();
    return threshold(c, prefixed, from, to);
  }

  private static Compiled threshold(MatchCriterion c, List<String> codes, long from, long to) {
    String unit = c.unit().strip();
    String suffix;
    double factor = 1;
    if (unit.toUpperCase(Locale.ROOT).contains("ULN")) {
      suffix = "ULN";
    } else if (unit.isEmpty()) {
      suffix = "";
    } else {
      suffix = Vocab.referenceUnit(unit);
      if (suffix.isEmpty()) {
        return unstructured(c, "unknown unit '" + unit + "'");
      }
      factor = Ucum.convert(1, unit, suffix);
    }
    double lo;
    double hi;
    double v = c.value() * factor;
    switch (c.operator()) {
      case GE -> {
        lo = v;
        hi = Double.POSITIVE_INFINITY;
      }
      case GT -> {
        lo = Math.nextUp(v);
        hi = Double.POSITIVE_INFINITY;
      }
      case LE -> {
        lo = Double.NEGATIVE_INFINITY;
        hi = v;
      }
      case LT -> {
        lo = Double.NEGATIVE_INFINITY;
        hi = Math.nextDown(v);
      }
      case EQ -> {
        lo = v;
        hi = v;
      }
      case BETWEEN -> {
        lo = v;
        hi = c.value2() * factor;
      }
      default -> throw new IllegalStateException();
    }
    // Conversion by a factor can land a hair off an exact threshold (0.1 * 3): keep 1 ulp slack.
    if (factor != 1) {
      lo = Double.isInfinite(lo) ? lo : Math.nextDown(lo);
      hi = Double.isInfinite(hi) ? hi : Math.nextUp(hi);
    }
    List<String> keys = codes.stream().map(x -> x + "|" + suffix).toList();
    Cond met = new Numeric(keys, from, to, lo, hi);
    Cond known = new Numeric(keys, from, to, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    return new Compiled(c, met, met, known, FALSE, "");
  }

  private static Compiled biomarker(MatchCriterion c, long from, long to) {
    List<String> genes = new ArrayList<>();
    List<String> variantTerms = new ArrayList<>();
    String conceptChange = conceptChange(c.concept());
    for (Code code : c.codes()) {
      if (code.system() != CodeSystem.HGNC) {
        continue;
      }
      String[] parts = code.code().toUpperCase(Locale.ROOT).split("/", 2);
      String gene = parts[0];
      genes.add(gene);
      String change = parts.length > 1 ? parts[1] : conceptChange;
      variantTerms.add(change.isEmpty() ? gene : gene + ":" + change);
    }
    if (genes.isEmpty()) {
      return unstructured(c, "no gene");
    }
    if (c.operator() != null) {
      return threshold(c, genes.stream().map(g -> "HGNC:" + g).toList(), from, to);
    }
    boolean positivity =
        conceptChange.isEmpty()
            && (WORD_POSITIVE.matcher(c.concept().toLowerCase(Locale.ROOT)).find()
                || WORD_POSITIVE.matcher(c.text().toLowerCase(Locale.ROOT)).find());
    Cond context = terms(PatientItems.FFAM, genes, PatientItems.NO_DAY, Long.MAX_VALUE);
    if (positivity) {
      List<String> amp = genes.stream().map(g -> g + ":AMPLIFICATION").toList();
      Cond metS = terms(PatientItems.VAR, amp, PatientItems.NO_DAY, Long.MAX_VALUE);
      Cond met =
          new Any(
              List.of(
                  terms(PatientItems.BMPOS, genes, PatientItems.NO_DAY, Long.MAX_VALUE),
                  new Terms(
                      List.of(PatientItems.VAR, PatientItems.FVAR),
                      amp,
                      PatientItems.NO_DAY,
                      Long.MAX_VALUE)));
      Cond known =
          new Any(
              List.of(
                  met,
                  terms(PatientItems.BMNEG, genes, PatientItems.NO_DAY, Long.MAX_VALUE),
                  terms(PatientItems.BMEQ, genes, PatientItems.NO_DAY, Long.MAX_VALUE)));
      return new Compiled(c, met, metS, known, context, "");
    }
    Cond metS = terms(PatientItems.VAR, variantTerms, PatientItems.NO_DAY, Long.MAX_VALUE);
    Cond met =
        new Terms(
            List.of(PatientItems.VAR, PatientItems.FVAR),
            variantTerms,
            PatientItems.NO_DAY,
            Long.MAX_VALUE);
    Cond known =
        new Any(
            List.of(
                met,
                terms(PatientItems.GENO, List.of("1"), PatientItems.NO_DAY, Long.MAX_VALUE),
                terms(PatientItems.BMNEG, genes, PatientItems.NO_DAY, Long.MAX_VALUE)));
    return new Compiled(c, met, metS, known, context, "");
  }

  /**
   * The alteration a biomarker concept names: {@code KRAS G12C} -> {@code G12C}, {@code ERBB2
   * amplification} -> {@code AMPLIFICATION}, {@code ALK rearrangement} -> {@code FUSION}; empty for
   * a gene alone or "EGFR mutation".
   */
  static String conceptChange(String concept) {
    String[] w = concept.strip().split("\\s+");
    if (w.length < 2) {
      return "";
    }
    String s = w[1];
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("amplif")) {
      return "AMPLIFICATION";
    }
    if (lower.startsWith("fusion")
        || lower.startsWith("rearrang")
        || lower.startsWith("translocat")) {
      return "FUSION";
    }
    Matcher m = CHANGE.matcher(s);
    return m.matches() ? m.group(1).toUpperCase(Locale.ROOT) : "";
  }

  // ---------------------------------------------------------------- Lucene reading

  static Query toQuery(Cond cond) {
    return new ConstantScoreQuery(query(cond));
  }

  private static Query query(Cond cond) {
    return switch (cond) {
      case Const k -> k.value() ? MatchAllDocsQuery.INSTANCE : MatchNoDocsQuery.INSTANCE;
      case Text t -> t.query();
      case Terms t -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String field : t.fields()) {
          boolean dated = PatientItems.DATED.contains(field) && t.from() != PatientItems.NO_DAY;
          for (String term : t.terms()) {
            if (dated) {
              long h = Vocab.hash(term);
              b.add(
                  LongPoint.newRangeQuery(
                      field + "_d",
                      new long[] {h, Long.MIN_VALUE, t.from()},
                      new long[] {h, t.to(), Long.MAX_VALUE}),
                  Occur.SHOULD);
            } else {
              b.add(new TermQuery(new Term(field, term)), Occur.SHOULD);
            }
          }
        }
        yield b.build();
      }
      case Numeric n -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String key : n.keys()) {
          long h = Vocab.hash(key);
          b.add(
              LongPoint.newRangeQuery(
                  PatientItems.NUM,
                  new long[] {h, n.from(), NumericUtils.doubleToSortableLong(n.lo())},
                  new long[] {h, n.to(), NumericUtils.doubleToSortableLong(n.hi())}),
              Occur.SHOULD);
        }
        yield b.build();
      }
      case Range r -> LongPoint.newRangeQuery(r.field(), r.lo(), r.hi());
      case Any a -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Cond x : a.of()) {
          b.add(query(x), Occur.SHOULD);
        }
        yield b.build();
      }
      case All a -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Cond x : a.of()) {
          b.add(query(x), Occur.FILTER);
        }
        yield b.build();
      }
      case Not n ->
          new BooleanQuery.Builder()
              .add(MatchAllDocsQuery.INSTANCE, Occur.FILTER)
              .add(query(n.of()), Occur.MUST_NOT)
              .build();
    };
  }

  /** Every index field {@code cond} reads (to derive only those items for evidence). */
  static void fields(Cond cond, Set<String> out) {
    switch (cond) {
      case Terms t -> out.addAll(t.fields());
      case Numeric n -> out.add(PatientItems.NUM);
      case Range r -> out.add(r.field());
      case Any a -> a.of().forEach(x -> fields(x, out));
      case All a -> a.of().forEach(x -> fields(x, out));
      case Not n -> fields(n.of(), out);
      case Const k -> {}
      case Text t -> {}
    }
  }

  // ---------------------------------------------------------------- per-patient reading

  /**
   * Whether {@code cond} holds for a patient whose items are {@code byField}; the items that made a
   * positive leaf true are added to {@code matched}. {@code textMatch} answers free-text leaves.
   */
  static boolean holds(
      Cond cond, Map<String, List<Item>> byField, boolean textMatch, List<Item> matched) {
    return switch (cond) {
      case Const k -> k.value();
      case Text t -> textMatch;
      case Terms t -> {
        boolean any = false;
        for (String field : t.fields()) {
          boolean dated = PatientItems.DATED.contains(field);
          for (Item it : byField.getOrDefault(field, List.of())) {
            if (t.terms().contains(it.term())
                && (!dated || it.start() <= t.to() && it.end() >= t.from())) {
              any = true;
              matched.add(it);
            }
          }
        }
        yield any;
      }
      case Numeric n -> {
        boolean any = false;
        for (Item it : byField.getOrDefault(PatientItems.NUM, List.of())) {
          if (n.keys().contains(it.term())
              && it.start() >= n.from()
              && it.start() <= n.to()
              && it.value() >= n.lo()
              && it.value() <= n.hi()) {
            any = true;
            matched.add(it);
          }
        }
        yield any;
      }
      case Range r -> {
        boolean any = false;
        for (Item it : byField.getOrDefault(r.field(), List.of())) {
          if (it.start() >= r.lo() && it.start() <= r.hi()) {
            any = true;
            matched.add(it);
          }
        }
        yield any;
      }
      case Any a -> {
        boolean any = false;
        for (Cond x : a.of()) {
          any |= holds(x, byField, textMatch, matched);
        }
        yield any;
      }
      case All a -> {
        boolean all = true;
        for (Cond x : a.of()) {
          all &= holds(x, byField, textMatch, matched);
        }
        yield all;
      }
      case Not n -> !holds(n.of(), byField, textMatch, new ArrayList<>());
    };
  }
}
