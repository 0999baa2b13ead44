package dev.stratum.matching;

import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.core.units.Ucum;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a patient record contributes to the index: one {@link Item} per (field, term) with its dates
 * and value, each pointing back at the record it came from. The indexer writes these items as
 * Lucene fields; the evidence finder matches criteria against the same items, so a patient's
 * evidence and the index's answer come from one derivation.
 */
final class PatientItems {
  static final String SEX = "sex";
  static final String BIRTH = "birth";
  static final String DEATH = "death";
  static final String COND = "cond";
  static final String FCOND = "fcond";
  static final String DRUG = "drug";
  static final String FDRUG = "fdrug";
  static final String PROC = "proc";
  static final String FPROC = "fproc";
  static final String FNEG = "fneg";
  static final String FFAM = "ffam";
  static final String FUNC = "func";
  static final String VAR = "var";
  static final String FVAR = "fvar";
  static final String BMPOS = "bmpos";
  static final String BMNEG = "bmneg";
  static final String BMEQ = "bmeq";
  static final String GENO = "geno";
  static final String PREG = "preg";
  static final String FPREG = "fpreg";
  static final String NUM = "num";
  static final String HASNOTE = "hasnote";
  static final String STRATUM = "stratum";

  /** Fields whose items carry a date interval, indexed as (term, start, end) points. */
  static final Set<String> DATED = Set.of(COND, FCOND, DRUG, FDRUG, PROC, FPROC);

  static final long NO_DAY = Long.MIN_VALUE;

  private static final Set<String> POSITIVE =
      Set.of("positive", "3+", "amplified", "high", "detected", "overexpressed");
  private static final Set<String> NEGATIVE =
      Set.of("negative", "0", "1+", "not detected", "low", "not amplified");
  private static final Set<String> EQUIVOCAL = Set.of("2+", "equivocal", "borderline");

  /**
   * One indexed fact about a patient.
   *
   * @param field the index field ({@link #COND}, {@link #NUM}, ...)
   * @param term the term ({@code C34.9}, {@code ATC:L01}, a numeric key {@code LOINC:718-7|g/L})
   * @param start first day (epoch day), {@link #NO_DAY} when undated
   * @param end last day (epoch day), {@link #NO_DAY} when undated
   * @param value numeric value in the key's unit, NaN when none
   * @param source the record it came from (an event, measurement, fact, call, ...)
   */
  record Item(String field, String term, long start, long end, double value, Object source) {}

  private PatientItems() {}

  static List<Item> derive(PatientRecord r) {
    return derive(r, null);
  }

  /**
   * The items of {@code r}; with {@code fields} non-null, structured families whose field is not in
   * it are skipped (evidence for one trial needs only the fields its criteria read, and expanding
   * every procedure and lab of a patient is most of the cost of showing them).
   */
  static List<Item> derive(PatientRecord r, Set<String> fields) {
    List<Item> out = new ArrayList<>();
    out.add(new Item(SEX, r.sex().label(), NO_DAY, NO_DAY, Double.NaN, r));
    if (r.birthDate() != null) {
      long d = r.birthDate().toEpochDay();
      out.add(new Item(BIRTH, "", d, d, d, r));
    }
    if (r.deathDate() != null) {
      long d = r.deathDate().toEpochDay();
      out.add(new Item(DEATH, "", d, d, d, r));
    }
    for (PatientRecord.CodedEvent e : wanted(fields, COND) ? r.conditions() : NONE) {
      for (String t : Vocab.icdAncestors(e.code())) {
        out.add(dated(COND, t, e.start(), e.start(), e));
      }
    }
    for (PatientRecord.CodedEvent e : wanted(fields, DRUG) ? r.drugs() : NONE) {
      for (String t : Vocab.drugTerms(e.code())) {
        out.add(dated(DRUG, t, e.start(), e.endOrStart(), e));
      }
    }
    for (PatientRecord.CodedEvent e : wanted(fields, PROC) ? r.procedures() : NONE) {
      for (String t : Vocab.prefixes(e.code())) {
        out.add(dated(PROC, t, e.start(), e.start(), e));
      }
    }
    for (PatientRecord.VariantCall v : r.variants()) {
      for (String t : variantTerms(v.gene(), v.hgvsp(), v.variantClass(), v.fusion())) {
        out.add(new Item(VAR, t, NO_DAY, NO_DAY, Double.NaN, v));
      }
    }
    if (r.genotyped()) {
      out.add(new Item(GENO, "1", NO_DAY, NO_DAY, Double.NaN, r));
    }
    if (!r.notes().isEmpty()) {
      out.add(new Item(HASNOTE, "1", NO_DAY, NO_DAY, Double.NaN, r));
    }
    for (String s : r.strata()) {
      out.add(new Item(STRATUM, s, NO_DAY, NO_DAY, Double.NaN, r));
    }
    facts(r, out);
    if (wanted(fields, NUM) || wanted(fields, PREG)) {
      numericLatest(r, out);
    }
    return out;
  }

  private static final List<PatientRecord.CodedEvent> NONE = List.of();

  private static boolean wanted(Set<String> fields, String field) {
    return fields == null || fields.contains(field);
  }

  private static Item dated(String field, String term, LocalDate start, LocalDate end, Object src) {
    return new Item(
        field,
        term,
        start == null ? NO_DAY : start.toEpochDay(),
        end == null ? NO_DAY : end.toEpochDay(),
        Double.NaN,
        src);
  }

  /** Terms of a variant: the gene, gene:change ({@code EGFR:L858R}), gene:amplification, ... */
  static List<String> variantTerms(String gene, String hgvsp, String cls, String fusion) {
    String g = gene.toUpperCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    out.add(g);
    String change = hgvsp.startsWith("p.") ? hgvsp.substring(2) : hgvsp;
    if (!change.isEmpty()) {
      out.add(g + ":" + change.toUpperCase(Locale.ROOT));
    }
    switch (cls.toUpperCase(Locale.ROOT)) {
      case "AMP" -> out.add(g + ":AMPLIFICATION");
      case "DEL" -> out.add(g + ":DELETION");
      case "FUSION" -> out.add(g + ":FUSION");
      default -> {}
    }
    if (!fusion.isEmpty()) {
      for (String partner : fusion.toUpperCase(Locale.ROOT).split("-")) {
        if (!partner.isBlank() && !partner.equals(g)) {
          out.add(partner);
        }
        out.add(partner + ":FUSION");
      }
    }
    return out;
  }

  private static void facts(PatientRecord r, List<Item> out) {
    for (NoteFact f : r.facts()) {
      AssertionStatus s = f.status();
      Code code = f.code();
      String category = f.category().toLowerCase(Locale.ROOT);
      if (s.experiencer() != Experiencer.PATIENT) {
        for (String t : factTerms(f)) {
          out.add(dated(FFAM, t, f.date(), f.date(), f));
        }
        continue;
      }
      if (s.negated()) {
        for (String t : factTerms(f)) {
          out.add(dated(FNEG, t, f.date(), f.date(), f));
        }
        if (code != null && code.system() == CodeSystem.HGNC) {
          out.add(new Item(BMNEG, code.code().toUpperCase(Locale.ROOT), NO_DAY, NO_DAY, 0, f));
        }
        continue;
      }
      if (s.uncertain()) {
        for (String t : factTerms(f)) {
          out.add(dated(FUNC, t, f.date(), f.date(), f));
        }
        continue;
      }
      // Affirmed or historical, about the patient: "history of CHF" is a diagnosis the patient has.
      if (category.equals("pregnancy")) {
        out.add(dated(FPREG, "pregnant", f.date(), f.date(), f));
      }
      if (code == null) {
        continue;
      }
      switch (code.system()) {
        case ICD10CM -> {
          for (String t : Vocab.icdAncestors(code.code())) {
            out.add(dated(FCOND, t, f.date(), f.date(), f));
          }
        }
        case RXNORM, ATC -> {
          for (String t : Vocab.drugTerms(code.code())) {
            out.add(dated(FDRUG, t, f.date(), f.date(), f));
          }
        }
        case ICD10PCS -> {
          for (String t : Vocab.prefixes(code.code())) {
            out.add(dated(FPROC, t, f.date(), f.date(), f));
          }
        }
        case HGNC -> biomarkerFact(f, code.code().toUpperCase(Locale.ROOT), out);
        default -> {}
      }
    }
  }

  private static void biomarkerFact(NoteFact f, String gene, List<Item> out) {
    String vt = f.valueText().strip().toLowerCase(Locale.ROOT);
    if (POSITIVE.contains(vt)) {
      out.add(new Item(BMPOS, gene, NO_DAY, NO_DAY, Double.NaN, f));
    } else if (NEGATIVE.contains(vt)) {
      out.add(new Item(BMNEG, gene, NO_DAY, NO_DAY, Double.NaN, f));
    } else if (EQUIVOCAL.contains(vt)) {
      out.add(new Item(BMEQ, gene, NO_DAY, NO_DAY, Double.NaN, f));
    } else if (!f.hasValue()) {
      // A variant named in the note: "KRAS G12C detected", "ERBB2 amplification", "ALK fusion".
      String[] words = f.concept().strip().split("\\s+");
      String change = words.length >= 2 && words[0].equalsIgnoreCase(gene) ? words[1] : "";
      String cls =
          change.equalsIgnoreCase("amplification")
              ? "AMP"
              : change.equalsIgnoreCase("fusion") || change.equalsIgnoreCase("rearrangement")
                  ? "FUSION"
                  : "";
      for (String t : variantTerms(gene, cls.isEmpty() ? change : "", cls, "")) {
        out.add(new Item(FVAR, t, NO_DAY, NO_DAY, Double.NaN, f));
      }
    }
  }

  /** Codes of a fact in the form the structured fields use (ICD ancestors, drug terms, gene). */
  private static List<String> factTerms(NoteFact f) {
    Code c = f.code();
    if (c == null) {
      return List.of();
    }
    return switch (c.system()) {
      case ICD10CM -> Vocab.icdAncestors(c.code());
      case RXNORM, ATC -> Vocab.drugTerms(c.code());
      case ICD10PCS -> Vocab.prefixes(c.code());
      case HGNC -> List.of(c.code().toUpperCase(Locale.ROOT));
      default -> List.of(c.system().name() + ":" + c.code());
    };
  }

  /** A numeric value with its code, for choosing the latest per code. */
  private record Numeric(
      String code, long day, double value, String unit, double rangeHigh, int rank, Object src) {}

  /**
   * The latest numeric value per code (measurements, numeric observations, values stated in notes),
   * indexed under {@code CODE|refUnit} (converted to the dimension's reference unit), {@code CODE|}
   * (for criteria without a unit) and {@code CODE|ULN} (value / upper limit of normal). On the same
   * day a structured value wins over a note.
   */
  private static void numericLatest(PatientRecord r, List<Item> out) {
    Map<String, Numeric> latest = new HashMap<>();
    for (PatientRecord.Measurement m : r.measurements()) {
      offer(
          latest,
          new Numeric(
              "LOINC:" + m.code(),
              m.date().toEpochDay(),
              m.value(),
              m.unit(),
              m.rangeHigh(),
              0,
              m));
    }
    for (PatientRecord.Observation o : r.observations()) {
      if (!Double.isNaN(o.value())) {
        String code = o.code().contains(":") ? o.code() : "LOINC:" + o.code();
        offer(
            latest,
            new Numeric(code, o.date().toEpochDay(), o.value(), o.unit(), Double.NaN, 0, o));
      }
    }
    for (NoteFact f : r.facts()) {
      if (f.hasValue() && f.code() != null && f.status().isAffirmedForPatient()) {
        offer(
            latest,
            new Numeric(
                f.code().toString(),
                f.date() == null ? NO_DAY : f.date().toEpochDay(),
                f.value(),
                f.unit(),
                Double.NaN,
                1,
                f));
      }
    }
    // Pregnancy status is categorical: the latest record decides.
    PatientRecord.Observation preg = null;
    for (PatientRecord.Observation o : r.observations()) {
      if (o.code().equals(Compiler.PREGNANCY_LOINC) && !o.valueString().isEmpty()) {
        if (preg == null || !o.date().isBefore(preg.date())) {
          preg = o;
        }
      }
    }
    if (preg != null) {
      out.add(
          dated(
              PREG, preg.valueString().strip().toLowerCase(Locale.ROOT), preg.date(), null, preg));
    }
    for (Numeric n : latest.values()) {
      String ref = Vocab.referenceUnit(n.unit);
      if (!ref.isEmpty()) {
        double v =
            ref.equals(n.unit) || n.unit.isEmpty() ? n.value : Ucum.convert(n.value, n.unit, ref);
        out.add(new Item(NUM, n.code + "|" + ref, n.day, n.day, v, n.src));
        out.add(new Item(NUM, n.code + "|", n.day, n.day, v, n.src));
      }
      if (n.rangeHigh > 0) {
        out.add(new Item(NUM, n.code + "|ULN", n.day, n.day, n.value / n.rangeHigh, n.src));
      }
    }
  }

  private static void offer(Map<String, Numeric> latest, Numeric n) {
    Numeric cur = latest.get(n.code);
    if (cur == null || n.day > cur.day || n.day == cur.day && n.rank < cur.rank) {
      latest.put(n.code, n);
    }
  }
}
