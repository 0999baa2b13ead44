package dev.stratum.matching;

import dev.stratum.core.error.StratumException;
import dev.stratum.core.units.Ucum;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Code-system knowledge the index and the compiler share: ICD-10-CM and ICD-10-PCS ancestors (a
 * code's prefixes, ICD-10-CM being hierarchical by character), the ATC classes of RxNorm
 * ingredients (WHO ATC levels 1, 3, 4, 5 and 7 characters), LOINC codes measuring the same analyte
 * (eGFR by CKD-EPI or MDRD), and the reference UCUM unit of each dimension in which numeric values
 * are indexed.
 */
final class Vocab {
  private static final java.util.regex.Pattern ATC =
      java.util.regex.Pattern.compile("[A-Z]\\d{2}([A-Z]([A-Z](\\d{2})?)?)?");
  private static final java.util.concurrent.ConcurrentHashMap<String, String> REFERENCE_UNITS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<String, String> RXNORM_ATC = new HashMap<>();
  private static final Map<String, List<String>> LOINC_GROUP = new HashMap<>();

  static {
    for (String[] r : tsv("rxnorm-atc.tsv")) {
      RXNORM_ATC.put(r[0], r[2]);
    }
    Map<String, List<String>> groups = new HashMap<>();
    List<String[]> rows = tsv("loinc-groups.tsv");
    for (String[] r : rows) {
      groups.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
    }
    for (String[] r : rows) {
      LOINC_GROUP.put(r[1], List.copyOf(groups.get(r[0])));
    }
  }

  private Vocab() {}

  private static List<String[]> tsv(String name) {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = Vocab.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new StratumException("resource " + name + " missing from stratum-matching");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line = r.readLine();
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(line.split("\t", -1));
        }
      }
    } catch (IOException e) {
      throw new StratumException("cannot read resource " + name + ": " + e, e);
    }
    return out;
  }

  /** {@code C34.90} -> {@code [C34.90, C34.9, C34]}: the code and its ICD-10-CM ancestors. */
  static List<String> icdAncestors(String code) {
    String raw = code.strip().toUpperCase(Locale.ROOT).replace(".", "");
    List<String> out = new ArrayList<>();
    for (int len = raw.length(); len >= 3; len--) {
      String p = raw.substring(0, len);
      out.add(p.length() > 3 ? p.substring(0, 3) + "." + p.substring(3) : p);
    }
    return out;
  }

  /**
   * The ICD-10-CM term a criterion code stands for. An "unspecified" subcategory (first character
   * after the dot is 9: {@code C34.90}, {@code I50.9}, {@code C50.919}) names the whole category in
   * a criterion ("non-small cell lung cancer" is any C34), so it is widened to the 3-character
   * category, and one whose sixth character is 0 ({@code N18.30}) to its subcategory; a specific
   * code ({@code N18.3}, {@code C79.31}) matches itself and its descendants.
   */
  static String icdCriterionTerm(String code) {
    String raw = code.strip().toUpperCase(Locale.ROOT).replace(".", "");
    if (raw.length() > 3 && raw.charAt(3) == '9') {
      return raw.substring(0, 3);
    }
    // A trailing 0 in the sixth position is "unspecified" within its subcategory (N18.30 CKD stage
    // 3 unspecified, C78.00 secondary of unspecified lung, C34.10 upper lobe unspecified side):
    // the criterion means the subcategory.
    if (raw.length() == 5 && raw.charAt(4) == '0') {
      raw = raw.substring(0, 4);
    }
    return raw.length() > 3 ? raw.substring(0, 3) + "." + raw.substring(3) : raw;
  }

  /** Prefixes of length >= 3 (ICD-10-PCS is positional: body system, operation, ...). */
  static List<String> prefixes(String code) {
    String raw = code.strip().toUpperCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (int len = raw.length(); len >= Math.min(3, raw.length()); len--) {
      out.add(raw.substring(0, len));
    }
    return out;
  }

  /** Whether a code has the shape of an ATC code ({@code L01FF02}, {@code L01}). */
  static boolean isAtc(String code) {
    return ATC.matcher(code).matches();
  }

  /** ATC code and its ancestors: {@code L01FF02} -> {@code [L01FF02, L01FF, L01F, L01, L]}. */
  static List<String> atcAncestors(String atc) {
    List<String> out = new ArrayList<>();
    for (int len : new int[] {7, 5, 4, 3, 1}) {
      if (atc.length() >= len) {
        out.add(atc.substring(0, len));
      }
    }
    return out;
  }

  /** Index terms of a drug code: {@code RXNORM:<cui>} and every ATC class it belongs to. */
  static List<String> drugTerms(String code) {
    String c = code.strip();
    List<String> out = new ArrayList<>();
    if (isAtc(c.toUpperCase(Locale.ROOT))) {
      for (String a : atcAncestors(c.toUpperCase(Locale.ROOT))) {
        out.add("ATC:" + a);
      }
      return out;
    }
    out.add("RXNORM:" + c);
    String atc = RXNORM_ATC.get(c);
    if (atc != null) {
      for (String a : atcAncestors(atc)) {
        out.add("ATC:" + a);
      }
    }
    return out;
  }

  /**
   * The term a criterion's drug code stands for: an RxNorm ingredient itself, an RxNorm class-level
   * concept (insulin) its ATC class, an ATC code itself.
   */
  static String drugCriterionTerm(String system, String code) {
    if (system.equals("ATC") || isAtc(code)) {
      return "ATC:" + code.toUpperCase(Locale.ROOT);
    }
    String atc = RXNORM_ATC.get(code);
    if (atc != null && atc.length() < 7) {
      return "ATC:" + atc;
    }
    return "RXNORM:" + code;
  }

  /** RxNorm ingredient CUI to its WHO ATC code (read-only). */
  static Map<String, String> rxnormAtc() {
    return java.util.Collections.unmodifiableMap(RXNORM_ATC);
  }

  /** LOINC codes measuring the same analyte as {@code loinc} (itself included). */
  static List<String> loincGroup(String loinc) {
    return LOINC_GROUP.getOrDefault(loinc, List.of(loinc));
  }

  /**
   * The unit numeric values of {@code unit}'s dimension are indexed in: the first canonical unit of
   * the same dimension in {@link Ucum}'s registry. Empty when the unit is unknown.
   */
  static String referenceUnit(String unit) {
    if (unit == null || unit.isBlank()) {
      return "1";
    }
    // Looked up for every measurement of every patient shown with evidence: memoized (units are
    // few; the registry is immutable).
    return REFERENCE_UNITS.computeIfAbsent(unit, Vocab::lookupReferenceUnit);
  }

  private static String lookupReferenceUnit(String unit) {
    var canonical = Ucum.lookup(unit);
    if (canonical.isEmpty()) {
      return "";
    }
    for (String c : Ucum.canonicalCodes()) {
      if (Ucum.commensurable(c, canonical.get())) {
        return c;
      }
    }
    return canonical.get();
  }

  /** 64-bit FNV-1a of a term, the first dimension of the multi-dimensional points. */
  static long hash(String term) {
    long h = 0xcbf29ce484222325L;
    for (byte b : term.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
