package dev.stratum.matching;

import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.units.Ucum;
import dev.stratum.matching.Compiler.All;
import dev.stratum.matching.Compiler.Any;
import dev.stratum.matching.Compiler.Compiled;
import dev.stratum.matching.Compiler.Cond;
import dev.stratum.matching.Compiler.Const;
import dev.stratum.matching.Compiler.Not;
import dev.stratum.matching.Compiler.Numeric;
import dev.stratum.matching.Compiler.Range;
import dev.stratum.matching.Compiler.Terms;
import dev.stratum.matching.Compiler.Text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The same eligibility as {@link Matcher}, written as SQL over a feature-store snapshot's long
 * tables (persons, conditions, drugs, procedures, measurements, observations, variants,
 * note_facts): the peer a data engineer would write against the Parquet files, used by {@code
 * stratum match-bench} to compare the Lucene index with a columnar SQL engine (DuckDB).
 *
 * <p>The criteria go through the same {@link Compiler} as the index, so both engines evaluate the
 * same statements; the SQL then reads the raw rows, not the index: one CTE per criterion with three
 * columns {@code met}, {@code known} and {@code met_s} (met on structured data), each a semi-join
 * of the patient against the rows that satisfy it (ICD-10-CM and ICD-10-PCS codes by prefix, RxNorm
 * ingredients through an RxNorm-to-ATC table, the latest value per code with its unit converted
 * through a unit table, note facts by assertion status). A patient's result per criterion is met,
 * not met (known and not met) or unknown, combined as in {@link Matcher} (Kleene's three-valued
 * conjunction): eligible, needs review or ineligible.
 *
 * <p>The generated statements expect two helper tables, created once per connection from {@link
 * #setupStatements}: {@code stratum_rxnorm_atc(rxcui, atc)} and {@code stratum_units(unit, ref,
 * factor)}.
 */
public final class EligibilitySql {
  private static final String POSITIVE =
      "('positive', '3+', 'amplified', 'high', 'detected', 'overexpressed')";
  private static final String NEGATIVE =
      "('negative', '0', '1+', 'not detected', 'low', 'not amplified')";
  private static final String EQUIVOCAL = "('2+', 'equivocal', 'borderline')";

  private final String trialId;
  private final List<MatchCriterion> criteria;
  private final String select;

  private EligibilitySql(String trialId, List<MatchCriterion> criteria, String select) {
    this.trialId = trialId;
    this.criteria = List.copyOf(criteria);
    this.select = select;
  }

  /**
   * The per-patient query of one trial.
   *
   * @param trialId the trial id
   * @param given the trial's criteria as {@link Matcher#criteriaOf} returns them (age and sex
   *     bounds included); being alive on {@code evaluationDate} is added first, as the matcher does
   * @param evaluationDate the day ages and windows are computed on
   * @param table the SQL relation of each snapshot table, e.g. {@code
   *     read_parquet('.../*.parquet')}
   */
  public static EligibilitySql of(
      String trialId,
      List<MatchCriterion> given,
      LocalDate evaluationDate,
      Function<String, String> table) {
    List<MatchCriterion> all = new ArrayList<>();
    all.add(Compiler.aliveCriterion());
    all.addAll(given);
    if (all.size() > 62) {
      throw InvalidInputException.ofArgument(
          "--trials", trialId + ": more than 62 criteria do not fit the SQL peer's bit mask");
    }
    List<Compiled> compiled = new ArrayList<>();
    for (MatchCriterion c : all) {
      if (!c.query().isEmpty()) {
        throw InvalidInputException.ofArgument(
            "--trials", trialId + ": free-text criteria have no SQL peer");
      }
      if (c.id().equals("ALIVE")) {
        compiled.add(Compiler.alive(c, evaluationDate));
      } else if (c.id().equals("SEX") && c.type() == CriterionType.SEX) {
        compiled.add(Compiler.sexBound(c, c.concept()));
      } else {
        compiled.add(Compiler.compile(c, evaluationDate, null));
      }
    }
    Writer w = new Writer(table);
    for (Compiled k : compiled) {
      w.scan(k.met());
      w.scan(k.metStructured());
      w.scan(k.known());
    }
    StringBuilder sql = new StringBuilder("WITH\n");
    sql.append(w.sharedCtes());
    for (int i = 0; i < compiled.size(); i++) {
      Compiled k = compiled.get(i);
      sql.append(",\n-- ")
          .append(k.criterion().id())
          .append(": ")
          .append(k.criterion().text().replaceAll("[\\r\\n]", " "))
          .append("\nc")
          .append(i)
          .append(" AS (SELECT person_id, ")
          .append(w.expr(k.met()))
          .append(" AS met, ")
          .append(w.expr(k.metStructured()))
          .append(" AS met_s, ")
          .append(w.expr(k.known()))
          .append(" AS known FROM base)");
    }
    // Per patient: a bit per failed criterion, whether any is unknown, and the ranking score
    // (1 per known criterion, 0.8 when met only through a note; mean over criteria).
    StringBuilder fail = new StringBuilder();
    StringBuilder unknown = new StringBuilder();
    StringBuilder score = new StringBuilder();
    StringBuilder joins = new StringBuilder();
    StringBuilder results = new StringBuilder();
    for (int i = 0; i < compiled.size(); i++) {
      results
          .append(", CASE WHEN c")
          .append(i)
          .append(".met THEN 'met' WHEN c")
          .append(i)
          .append(".known THEN 'not_met' ELSE 'unknown' END AS r")
          .append(i);
      String m = "c" + i + ".met";
      String kn = "(c" + i + ".known OR c" + i + ".met)";
      String f =
          compiled.get(i).criterion().kind() == CriterionKind.INCLUSION
              ? "(" + kn + " AND NOT " + m + ")"
              : m;
      fail.append(i == 0 ? "" : " + ")
          .append("CASE WHEN ")
          .append(f)
          .append(" THEN ")
          .append(1L << i)
          .append(" ELSE 0 END");
      unknown.append(i == 0 ? "" : " OR ").append("NOT ").append(kn);
      score
          .append(i == 0 ? "" : " + ")
          .append("CASE WHEN NOT ")
          .append(kn)
          .append(" THEN 0 WHEN ")
          .append(m)
          .append(" AND NOT c")
          .append(i)
          .append(".met_s THEN 0.8 ELSE 1 END");
      joins.append(" JOIN c").append(i).append(" USING (person_id)");
    }
    sql.append("\nSELECT person_id, (")
        .append(fail)
        .append(")::BIGINT AS fail_mask, (")
        .append(unknown)
        .append(") AS any_unknown, (")
        .append(score)
        .append(") / ")
        .append(compiled.size())
        .append(".0 AS score")
        .append(results)
        .append(" FROM base")
        .append(joins);
    return new EligibilitySql(trialId, all, sql.toString());
  }

  /** The trial id. */
  public String trialId() {
    return trialId;
  }

  /** The criteria in bit order (bit i of {@code fail_mask} is criterion i); ALIVE first. */
  public List<MatchCriterion> criteria() {
    return criteria;
  }

  /**
   * The per-patient query: {@code person_id, fail_mask, any_unknown, score, r0..rN} (each
   * criterion's result: met, not_met or unknown) for every consented patient. Eligible: mask 0 and
   * nothing unknown; needs review: mask 0 and something unknown.
   */
  public String perPatient() {
    return select;
  }

  /**
   * Helper tables the queries join: RxNorm ingredient to ATC class (the table the index uses), and
   * each unit found in the store with the reference unit of its dimension and the factor to it.
   *
   * @param units the distinct units of the store's measurements, observations and note facts
   */
  public static List<String> setupStatements(Iterable<String> units) {
    List<String> out = new ArrayList<>();
    StringBuilder atc =
        new StringBuilder(
            "CREATE OR REPLACE TEMP TABLE stratum_rxnorm_atc (rxcui VARCHAR, atc VARCHAR)");
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, String> e : Vocab.rxnormAtc().entrySet()) {
      rows.add("(" + lit(e.getKey()) + ", " + lit(e.getValue()) + ")");
    }
    out.add(atc.toString());
    if (!rows.isEmpty()) {
      out.add("INSERT INTO stratum_rxnorm_atc VALUES " + String.join(", ", rows));
    }
    out.add(
        "CREATE OR REPLACE TEMP TABLE stratum_units (unit VARCHAR, ref VARCHAR, factor DOUBLE)");
    List<String> urows = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String u : units) {
      String unit = u == null ? "" : u;
      if (!seen.add(unit)) {
        continue;
      }
      String ref = Vocab.referenceUnit(unit);
      if (ref.isEmpty()) {
        continue;
      }
      double factor = ref.equals(unit) || unit.isEmpty() ? 1 : Ucum.convert(1, unit, ref);
      urows.add("(" + lit(unit) + ", " + lit(ref) + ", " + factor + ")");
    }
    if (!urows.isEmpty()) {
      out.add("INSERT INTO stratum_units VALUES " + String.join(", ", urows));
    }
    return out;
  }

  static String lit(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** Writes conditions as SQL; collects which shared CTEs and codes the trial needs. */
  private static final class Writer {
    private final Function<String, String> table;
    private final Set<String> numericCodes = new LinkedHashSet<>();
    private boolean facts;

    Writer(Function<String, String> table) {
      this.table = table;
    }

    void scan(Cond c) {
      switch (c) {
        case Numeric n -> {
          for (String k : n.keys()) {
            numericCodes.add(k.substring(0, k.lastIndexOf('|')));
          }
        }
        case Terms t -> {
          for (String f : t.fields()) {
            if (f.startsWith("f") || f.startsWith("bm")) {
              facts = true;
            }
          }
        }
        case Any a -> a.of().forEach(this::scan);
        case All a -> a.of().forEach(this::scan);
        case Not n -> scan(n.of());
        default -> {}
      }
    }

    String sharedCtes() {
      StringBuilder s = new StringBuilder();
      // Consent: the latest research-consent decision, a refusal winning on the same day; only
      // patients who granted it are matched (as only they are indexed).
      String obs = table.apply("observations");
      s.append("consent AS (SELECT person_id, granted FROM (SELECT person_id, ")
          .append("lower(trim(value_string)) = 'granted' AS granted, date FROM ")
          .append(obs)
          .append(" WHERE code = 'STRATUM:consent_research' AND value_string IS NOT NULL")
          .append(" AND date IS NOT NULL) QUALIFY row_number() OVER (PARTITION BY person_id")
          .append(" ORDER BY date DESC, granted ASC) = 1),\n");
      s.append("base AS (SELECT p.person_id, p.sex, p.birth_date, p.death_date FROM ")
          .append(table.apply("persons"))
          .append(" p JOIN consent c ON c.person_id = p.person_id AND c.granted)");
      if (facts || !numericCodes.isEmpty()) {
        // Note facts by assertion: about someone else, negated, uncertain, or affirmed (or
        // historical) for the patient.
        s.append(",\nfacts AS (SELECT person_id, category, concept, code_system, ")
            .append(
                "upper(code) AS code, value, unit, lower(trim(coalesce(value_text, ''))) AS vt,")
            .append(" date, coalesce(historical, FALSE) AS historical,")
            .append(" CASE WHEN lower(coalesce(experiencer, 'patient')) <> 'patient'")
            .append(" THEN 'family' WHEN negated THEN 'negated' WHEN uncertain THEN 'uncertain'")
            .append(" ELSE 'affirmed' END AS status FROM ")
            .append(table.apply("note_facts"))
            .append(")");
      }
      if (!numericCodes.isEmpty()) {
        String codes = String.join(", ", numericCodes.stream().map(EligibilitySql::lit).toList());
        // The latest value per code (measurements, numeric observations, values stated in
        // notes; on the same day a structured value wins), then its keys: CODE|ref (converted),
        // CODE| and CODE|ULN (value / upper limit of normal).
        s.append(",\nvals AS (SELECT person_id, 'LOINC:' || code AS code, date, value, ")
            .append("coalesce(unit, '') AS unit, range_high, 0 AS rank FROM ")
            .append(table.apply("measurements"))
            .append(" WHERE value IS NOT NULL AND date IS NOT NULL AND 'LOINC:' || code IN (")
            .append(codes)
            .append(")\n  UNION ALL SELECT person_id, CASE WHEN contains(code, ':') THEN code")
            .append(" ELSE 'LOINC:' || code END, date, value, coalesce(unit, ''), NULL, 0 FROM ")
            .append(obs)
            .append(" WHERE value IS NOT NULL AND date IS NOT NULL AND (CASE WHEN")
            .append(" contains(code, ':') THEN code ELSE 'LOINC:' || code END) IN (")
            .append(codes)
            .append(")\n  UNION ALL SELECT person_id, code_system || ':' || code, date, value,")
            .append(" coalesce(unit, ''), NULL, 1 FROM facts WHERE status = 'affirmed'")
            .append(
                " AND NOT historical AND value IS NOT NULL AND NOT isnan(value) AND code IS NOT NULL")
            .append(" AND code_system || ':' || code IN (")
            .append(codes)
            .append(")),\n");
        s.append("latest AS (SELECT * FROM vals QUALIFY row_number() OVER (PARTITION BY")
            .append(" person_id, code ORDER BY date DESC, rank) = 1),\n");
        s.append("nums AS (SELECT l.person_id, l.code || '|' || u.ref AS key, l.date,")
            .append(" l.value * u.factor AS value FROM latest l JOIN stratum_units u")
            .append(" ON u.unit = l.unit\n  UNION ALL SELECT l.person_id, l.code || '|', l.date,")
            .append(" l.value * u.factor FROM latest l JOIN stratum_units u ON u.unit = l.unit")
            .append("\n  UNION ALL SELECT person_id, code || '|ULN', date, value / range_high")
            .append(" FROM latest WHERE range_high > 0)");
      }
      return s.toString();
    }

    String expr(Cond c) {
      return switch (c) {
        case Const k -> k.value() ? "TRUE" : "FALSE";
        case Text t -> throw new IllegalStateException("free text has no SQL peer");
        case Range r -> {
          String col = r.field().equals(PatientItems.BIRTH) ? "birth_date" : "death_date";
          List<String> p = new ArrayList<>();
          p.add(col + " IS NOT NULL");
          if (r.lo() != Long.MIN_VALUE) {
            p.add(col + " >= " + day(r.lo()));
          }
          if (r.hi() != Long.MAX_VALUE) {
            p.add(col + " <= " + day(r.hi()));
          }
          yield "(" + String.join(" AND ", p) + ")";
        }
        case Numeric n -> {
          List<String> p = new ArrayList<>();
          p.add(
              "key IN ("
                  + String.join(", ", n.keys().stream().map(EligibilitySql::lit).toList())
                  + ")");
          if (n.from() != PatientItems.NO_DAY) {
            p.add("date >= " + day(n.from()));
          }
          p.add("date <= " + day(n.to()));
          if (!Double.isInfinite(n.lo())) {
            p.add("value >= " + n.lo());
          }
          if (!Double.isInfinite(n.hi())) {
            p.add("value <= " + n.hi());
          }
          yield "person_id IN (SELECT person_id FROM nums WHERE " + String.join(" AND ", p) + ")";
        }
        case Terms t -> {
          List<String> parts = new ArrayList<>();
          for (String f : t.fields()) {
            parts.add(terms(f, t));
          }
          yield parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
        }
        case Any a -> "(" + String.join(" OR ", a.of().stream().map(this::expr).toList()) + ")";
        case All a -> "(" + String.join(" AND ", a.of().stream().map(this::expr).toList()) + ")";
        case Not n -> "(NOT " + expr(n.of()) + ")";
      };
    }

    private static String day(long epochDay) {
      return "DATE '" + LocalDate.ofEpochDay(epochDay) + "'";
    }

    /** Rows of one index field that carry one of the terms, as a semi-join. */
    private String terms(String field, Terms t) {
      List<String> ors = new ArrayList<>();
      String window = "";
      boolean dated = PatientItems.DATED.contains(field) && t.from() != PatientItems.NO_DAY;
      switch (field) {
        case PatientItems.SEX -> {
          List<String> s = new ArrayList<>();
          for (String term : t.terms()) {
            s.add(
                switch (term) {
                  case "female" -> "lower(trim(sex)) LIKE 'f%'";
                  case "male" -> "lower(trim(sex)) LIKE 'm%'";
                  default ->
                      "(sex IS NULL OR NOT (lower(trim(sex)) LIKE 'f%' OR lower(trim(sex)) LIKE"
                          + " 'm%'))";
                });
          }
          return "(" + String.join(" OR ", s) + ")";
        }
        case PatientItems.COND, PatientItems.FCOND -> {
          for (String term : t.terms()) {
            ors.add("replace(upper(code), '.', '') LIKE " + lit(term.replace(".", "") + "%"));
          }
          String rel =
              field.equals(PatientItems.COND)
                  ? table.apply("conditions")
                  : "facts WHERE status = 'affirmed' AND code_system = 'ICD10CM' AND";
          String date = field.equals(PatientItems.COND) ? "start_date" : "date";
          if (dated) {
            window =
                " AND " + date + " <= " + day(t.to()) + " AND " + date + " >= " + day(t.from());
          }
          return semi(rel, ors, window);
        }
        case PatientItems.PROC, PatientItems.FPROC -> {
          for (String term : t.terms()) {
            ors.add("upper(trim(code)) LIKE " + lit(term + "%"));
          }
          String rel =
              field.equals(PatientItems.PROC)
                  ? table.apply("procedures")
                  : "facts WHERE status = 'affirmed' AND code_system = 'ICD10PCS' AND";
          if (dated) {
            window = " AND date <= " + day(t.to()) + " AND date >= " + day(t.from());
          }
          return semi(rel, ors, window);
        }
        case PatientItems.DRUG, PatientItems.FDRUG -> {
          for (String term : t.terms()) {
            if (term.startsWith("ATC:")) {
              String cls = term.substring(4);
              // An ingredient in the class (through the RxNorm-to-ATC table), or an ATC code.
              ors.add(
                  "(trim(code) IN (SELECT rxcui FROM stratum_rxnorm_atc WHERE atc LIKE "
                      + lit(cls + "%")
                      + ") OR upper(trim(code)) LIKE "
                      + lit(cls + "%")
                      + ")");
            } else {
              ors.add("trim(code) = " + lit(term.substring(term.indexOf(':') + 1)));
            }
          }
          boolean structured = field.equals(PatientItems.DRUG);
          String rel =
              structured
                  ? table.apply("drugs")
                  : "facts WHERE status = 'affirmed' AND code_system IN ('RXNORM', 'ATC') AND";
          if (dated) {
            window =
                structured
                    ? " AND start_date <= "
                        + day(t.to())
                        + " AND coalesce(end_date, start_date) >= "
                        + day(t.from())
                    : " AND date <= " + day(t.to()) + " AND date >= " + day(t.from());
          }
          return semi(rel, ors, window);
        }
        case PatientItems.VAR -> {
          for (String term : t.terms()) {
            ors.add(variant(term));
          }
          return semi(table.apply("variants"), ors, "");
        }
        case PatientItems.FVAR -> {
          for (String term : t.terms()) {
            ors.add(factVariant(term));
          }
          return semi(
              "facts WHERE status = 'affirmed' AND code_system = 'HGNC' AND (value IS NULL OR"
                  + " isnan(value)) AND vt NOT IN "
                  + POSITIVE
                  + " AND vt NOT IN "
                  + NEGATIVE
                  + " AND vt NOT IN "
                  + EQUIVOCAL
                  + " AND",
              ors,
              "");
        }
        case PatientItems.BMPOS, PatientItems.BMNEG, PatientItems.BMEQ -> {
          String genes =
              String.join(
                  ", ", t.terms().stream().map(x -> lit(x.toUpperCase(Locale.ROOT))).toList());
          String which =
              switch (field) {
                case PatientItems.BMPOS -> "status = 'affirmed' AND vt IN " + POSITIVE;
                case PatientItems.BMEQ -> "status = 'affirmed' AND vt IN " + EQUIVOCAL;
                default -> "(status = 'negated' OR status = 'affirmed' AND vt IN " + NEGATIVE + ")";
              };
          return "person_id IN (SELECT person_id FROM facts WHERE code_system = 'HGNC' AND "
              + which
              + " AND code IN ("
              + genes
              + "))";
        }
        case PatientItems.GENO -> {
          // Genotyped: at least one variant row (the store does not list samples without calls).
          return "person_id IN (SELECT person_id FROM " + table.apply("variants") + ")";
        }
        case PatientItems.PREG -> {
          // The latest pregnancy-status observation decides.
          String terms = String.join(", ", t.terms().stream().map(EligibilitySql::lit).toList());
          return "person_id IN (SELECT person_id FROM (SELECT person_id, lower(trim(value_string))"
              + " AS v FROM "
              + table.apply("observations")
              + " WHERE code = '"
              + Compiler.PREGNANCY_LOINC
              + "' AND value_string IS NOT NULL AND trim(value_string) <> '' AND date IS NOT"
              + " NULL QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY date DESC) = 1)"
              + " WHERE v IN ("
              + terms
              + "))";
        }
        case PatientItems.FPREG -> {
          return "person_id IN (SELECT person_id FROM facts WHERE status = 'affirmed' AND"
              + " lower(category) = 'pregnancy')";
        }
        default -> throw new IllegalStateException("no SQL for index field " + field);
      }
    }

    private static String semi(String rel, List<String> ors, String window) {
      String where = rel.endsWith("AND") ? " " : " WHERE ";
      return "person_id IN (SELECT person_id FROM "
          + rel
          + where
          + "("
          + String.join(" OR ", ors)
          + ")"
          + window
          + ")";
    }

    /** A structured variant row carrying an index term ({@link PatientItems#variantTerms}). */
    private static String variant(String term) {
      String g = upper(term.contains(":") ? term.substring(0, term.indexOf(':')) : term);
      String partner =
          "list_contains(string_split(upper(coalesce(fusion, '')), '-'), " + lit(g) + ")";
      if (!term.contains(":")) {
        return "(upper(gene) = " + lit(g) + " OR " + partner + ")";
      }
      String change = upper(term.substring(term.indexOf(':') + 1));
      String byChange =
          "upper(gene) = "
              + lit(g)
              + " AND upper(regexp_replace(coalesce(hgvsp, ''), '^p\\.', '')) = "
              + lit(change);
      return switch (change) {
        case "AMPLIFICATION" ->
            "(" + byChange + " OR upper(gene) = " + lit(g) + " AND upper(variant_class) = 'AMP')";
        case "DELETION" ->
            "(" + byChange + " OR upper(gene) = " + lit(g) + " AND upper(variant_class) = 'DEL')";
        case "FUSION" ->
            "("
                + byChange
                + " OR upper(gene) = "
                + lit(g)
                + " AND upper(variant_class) = 'FUSION' OR "
                + partner
                + ")";
        default -> "(" + byChange + ")";
      };
    }

    /** A variant named in a note ("KRAS G12C detected", "ALK fusion") carrying an index term. */
    private static String factVariant(String term) {
      String g = upper(term.contains(":") ? term.substring(0, term.indexOf(':')) : term);
      if (!term.contains(":")) {
        return "code = " + lit(g);
      }
      String change = upper(term.substring(term.indexOf(':') + 1));
      String word = "upper(split_part(trim(concept), ' ', 2))";
      String sameGene = "upper(split_part(trim(concept), ' ', 1)) = code";
      return switch (change) {
        case "AMPLIFICATION" ->
            "(code = " + lit(g) + " AND " + sameGene + " AND " + word + " = 'AMPLIFICATION')";
        case "FUSION" ->
            "(code = "
                + lit(g)
                + " AND "
                + sameGene
                + " AND "
                + word
                + " IN ('FUSION', 'REARRANGEMENT'))";
        default ->
            "(code = "
                + lit(g)
                + " AND "
                + sameGene
                + " AND "
                + word
                + " = "
                + lit(change)
                + " AND "
                + word
                + " NOT IN ('AMPLIFICATION', 'FUSION', 'REARRANGEMENT'))";
      };
    }

    private static String upper(String s) {
      return s.toUpperCase(Locale.ROOT);
    }
  }
}
