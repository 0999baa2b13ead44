package dev.stratum.datasets.synth;

import dev.stratum.core.error.StratumException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The curated open code subsets the generator draws from, loaded from the TSV files under {@code
 * dev/stratum/datasets/vocab/} (described in that folder's README.md). Every code written to the
 * OMOP tables, the VCF and the truth files comes from here, so readers and the NLP lexicon can use
 * the same files.
 */
public final class Vocabulary {

  /** An ICD-10-CM code; {@code group} is nsclc, breast, colorectal, metastasis, comorbidity, ... */
  public record Icd10(String code, String name, String group) {}

  /** A LOINC lab with its UCUM unit and adult reference range (NaN when none). */
  public record Loinc(
      String code, String name, String abbreviation, String unit, double low, double high) {}

  /** An RxNorm ingredient with its WHO ATC code and class, and its role in the cohort. */
  public record RxNorm(String rxcui, String name, String atcCode, String atcClass, String role) {}

  /** An ICD-10-PCS procedure. */
  public record Pcs(String code, String name) {}

  /**
   * A somatic hotspot or structural alteration on GRCh38.
   *
   * @param id stable identifier used by the truth files and trial rules, e.g. {@code EGFR_L858R}
   * @param variantClass SNV, INDEL, AMP or FUSION (the VCF {@code VC} INFO value)
   * @param svEnd END of a structural variant, 0 for small variants
   */
  public record Hotspot(
      String id,
      String gene,
      String hgvsp,
      String variantClass,
      String chrom,
      long pos,
      String ref,
      String alt,
      long svEnd,
      String fusion,
      String note) {

    /** HGVS protein change without the {@code p.} prefix, or empty for AMP and FUSION. */
    public String proteinChange() {
      return hgvsp.startsWith("p.") ? hgvsp.substring(2) : hgvsp;
    }
  }

  private static final String BASE = "/dev/stratum/datasets/vocab/";
  private static volatile Vocabulary instance;

  private final Map<String, Icd10> icd10;
  private final Map<String, Loinc> loinc;
  private final Map<String, Loinc> loincObservations;
  private final Map<String, RxNorm> rxnorm;
  private final Map<String, RxNorm> rxnormByName;
  private final Map<String, Pcs> pcs;
  private final Map<String, Hotspot> hotspots;

  private Vocabulary() {
    icd10 = load("icd10cm.tsv", r -> new Icd10(r[0], r[1], r[2]), Icd10::code);
    loinc = load("loinc.tsv", Vocabulary::loincRow, Loinc::code);
    loincObservations = load("loinc-observations.tsv", Vocabulary::loincRow, Loinc::code);
    rxnorm = load("rxnorm.tsv", r -> new RxNorm(r[0], r[1], r[2], r[3], r[4]), RxNorm::rxcui);
    Map<String, RxNorm> byName = new LinkedHashMap<>();
    rxnorm.values().forEach(d -> byName.put(d.name(), d));
    rxnormByName = Collections.unmodifiableMap(byName);
    pcs = load("icd10pcs.tsv", r -> new Pcs(r[0], r[1]), Pcs::code);
    hotspots =
        load(
            "variants.tsv",
            r ->
                new Hotspot(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    Long.parseLong(r[5]),
                    r[6],
                    r[7],
                    r[8].isEmpty() ? 0 : Long.parseLong(r[8]),
                    r[9],
                    r[10]),
            Hotspot::id);
  }

  /** The shared, immutable vocabulary (loaded once from the class path). */
  public static Vocabulary get() {
    Vocabulary v = instance;
    if (v == null) {
      synchronized (Vocabulary.class) {
        v = instance;
        if (v == null) {
          v = new Vocabulary();
          instance = v;
        }
      }
    }
    return v;
  }

  private static Loinc loincRow(String[] r) {
    return new Loinc(r[0], r[1], r[2], r[3], parseOrNaN(r[4]), parseOrNaN(r[5]));
  }

  private static double parseOrNaN(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  private static <T> Map<String, T> load(
      String file, Function<String[], T> row, Function<T, String> key) {
    Map<String, T> out = new LinkedHashMap<>();
    for (String[] r : rows(BASE + file)) {
      T t = row.apply(r);
      if (out.put(key.apply(t), t) != null) {
        throw new StratumException(file + ": duplicate code " + key.apply(t));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Rows of a bundled TSV resource without its header, every row padded to the header width. */
  static List<String[]> rows(String resource) {
    try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StratumException("missing bundled resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = r.readLine();
      int width = header.split("\t", -1).length;
      List<String[]> out = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != width) {
          throw new StratumException(
              resource + ": expected " + width + " fields, got " + f.length + " in: " + line);
        }
        out.add(f);
      }
      return out;
    } catch (IOException e) {
      throw new StratumException("cannot read bundled resource " + resource, e);
    }
  }

  /** Lines of a bundled text resource. */
  static List<String> lines(String resource) {
    try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StratumException("missing bundled resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    } catch (IOException e) {
      throw new StratumException("cannot read bundled resource " + resource, e);
    }
  }

  private static <T> T require(Map<String, T> m, String code, String what) {
    T t = m.get(code);
    if (t == null) {
      throw new StratumException("unknown " + what + " code " + code);
    }
    return t;
  }

  public Icd10 icd10(String code) {
    return require(icd10, code, "ICD-10-CM");
  }

  public Loinc loinc(String code) {
    Loinc l = loinc.get(code);
    if (l != null) {
      return l;
    }
    return require(loincObservations, code, "LOINC");
  }

  public RxNorm rxnorm(String rxcui) {
    return require(rxnorm, rxcui, "RxNorm");
  }

  /** An ingredient by its lower-case name, e.g. {@code metformin}. */
  public RxNorm drug(String name) {
    return require(rxnormByName, name, "RxNorm ingredient name");
  }

  public Pcs pcs(String code) {
    return require(pcs, code, "ICD-10-PCS");
  }

  public Hotspot hotspot(String id) {
    return require(hotspots, id, "hotspot variant");
  }

  /** All ICD-10-CM entries in file order. */
  public List<Icd10> icd10Codes() {
    return List.copyOf(icd10.values());
  }

  /** The laboratory tests in file order (not the observation codes). */
  public List<Loinc> labs() {
    return List.copyOf(loinc.values());
  }

  public List<RxNorm> drugs() {
    return List.copyOf(rxnorm.values());
  }

  public List<Hotspot> hotspots() {
    return List.copyOf(hotspots.values());
  }

  public List<Pcs> procedures() {
    return List.copyOf(pcs.values());
  }
}
