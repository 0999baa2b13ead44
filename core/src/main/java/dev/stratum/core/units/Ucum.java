package dev.stratum.core.units;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subset of UCUM (Unified Code for Units of Measure, Regenstrief Institute) that clinical
 * laboratory and vital-sign data use, with the spellings found in EHR exports mapped to the
 * canonical code. Conversion is linear within a dimension (mass concentration, substance
 * concentration, cell counts, ...); conversions across dimensions (mg/dL glucose to mmol/L) depend
 * on the analyte and are done by the caller with the analyte's molar mass.
 */
public final class Ucum {
  private record Unit(String code, String dimension, double factor) {}

  private static final Map<String, Unit> UNITS = new LinkedHashMap<>();
  private static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    // mass concentration, base g/L
    unit("g/L", "mass/volume", 1);
    unit("g/dL", "mass/volume", 10);
    unit("mg/dL", "mass/volume", 0.01);
    unit("mg/L", "mass/volume", 1e-3);
    unit("ug/L", "mass/volume", 1e-6);
    unit("ug/dL", "mass/volume", 1e-5);
    unit("ng/mL", "mass/volume", 1e-6);
    unit("ng/dL", "mass/volume", 1e-8);
    unit("pg/mL", "mass/volume", 1e-9);
    // substance concentration, base mol/L
    unit("mol/L", "substance/volume", 1);
    unit("mmol/L", "substance/volume", 1e-3);
    unit("umol/L", "substance/volume", 1e-6);
    unit("nmol/L", "substance/volume", 1e-9);
    unit("meq/L", "charge/volume", 1e-3);
    // number concentration, base /L
    unit("/L", "count/volume", 1);
    unit("10*9/L", "count/volume", 1e9);
    unit("10*12/L", "count/volume", 1e12);
    unit("10*3/uL", "count/volume", 1e9);
    unit("10*6/uL", "count/volume", 1e12);
    unit("/uL", "count/volume", 1e6);
    // catalytic activity, base U/L
    unit("U/L", "activity/volume", 1);
    unit("[IU]/L", "iu/volume", 1);
    unit("m[IU]/L", "iu/volume", 1e-3);
    unit("[IU]/mL", "iu/volume", 1e3);
    // ratios and scores
    unit("%", "fraction", 0.01);
    unit("1", "fraction", 1);
    unit("{ratio}", "ratio", 1);
    unit("{score}", "score", 1);
    // renal function
    unit("mL/min", "flow", 1);
    unit("mL/min/{1.73_m2}", "flow/area", 1);
    // body and vitals
    unit("kg", "mass", 1);
    unit("g", "mass", 1e-3);
    unit("[lb_av]", "mass", 0.45359237);
    unit("m", "length", 1);
    unit("cm", "length", 0.01);
    unit("[in_i]", "length", 0.0254);
    unit("kg/m2", "mass/area", 1);
    unit("mm[Hg]", "pressure", 1);
    unit("/min", "rate", 1);
    unit("Cel", "temperature", 1);
    // durations, base day
    unit("d", "time", 1);
    unit("h", "time", 1.0 / 24);
    unit("min", "time", 1.0 / 1440);
    unit("wk", "time", 7);
    unit("mo", "time", 30.4375);
    unit("a", "time", 365.25);

    alias("g/l", "g/L");
    alias("g/dl", "g/dL");
    alias("mg/dl", "mg/dL");
    alias("mg/l", "mg/L");
    alias("ug/l", "ug/L");
    alias("µg/l", "ug/L");
    alias("mcg/l", "ug/L");
    alias("ug/dl", "ug/dL");
    alias("ng/ml", "ng/mL");
    alias("ng/dl", "ng/dL");
    alias("pg/ml", "pg/mL");
    alias("mmol/l", "mmol/L");
    alias("umol/l", "umol/L");
    alias("µmol/l", "umol/L");
    alias("nmol/l", "nmol/L");
    alias("mol/l", "mol/L");
    alias("meq/l", "meq/L");
    alias("meq/L", "meq/L");
    alias("mEq/L", "meq/L");
    alias("/l", "/L");
    alias("10*9/l", "10*9/L");
    alias("10^9/l", "10*9/L");
    alias("x10^9/l", "10*9/L");
    alias("x 10^9/l", "10*9/L");
    alias("×10^9/l", "10*9/L");
    alias("10e9/l", "10*9/L");
    alias("giga/l", "10*9/L");
    alias("10*12/l", "10*12/L");
    alias("10^12/l", "10*12/L");
    alias("x10^12/l", "10*12/L");
    alias("10*3/ul", "10*3/uL");
    alias("10^3/ul", "10*3/uL");
    alias("x10^3/ul", "10*3/uL");
    alias("k/ul", "10*3/uL");
    alias("k/µl", "10*3/uL");
    alias("/mm3", "/uL");
    alias("cells/ul", "/uL");
    alias("cells/mm3", "/uL");
    alias("/ul", "/uL");
    alias("10*6/ul", "10*6/uL");
    alias("10^6/ul", "10*6/uL");
    alias("u/l", "U/L");
    alias("iu/l", "[IU]/L");
    alias("[iu]/l", "[IU]/L");
    alias("miu/l", "m[IU]/L");
    alias("m[iu]/l", "m[IU]/L");
    alias("iu/ml", "[IU]/mL");
    alias("[iu]/ml", "[IU]/mL");
    alias("percent", "%");
    alias("ml/min", "mL/min");
    alias("ml/min/1.73m2", "mL/min/{1.73_m2}");
    alias("ml/min/1.73 m2", "mL/min/{1.73_m2}");
    alias("ml/min/1.73m^2", "mL/min/{1.73_m2}");
    alias("ml/min/{1.73_m2}", "mL/min/{1.73_m2}");
    alias("kg/m^2", "kg/m2");
    alias("mmhg", "mm[Hg]");
    alias("mm hg", "mm[Hg]");
    alias("bpm", "/min");
    alias("beats/min", "/min");
    alias("/min", "/min");
    alias("lb", "[lb_av]");
    alias("lbs", "[lb_av]");
    alias("in", "[in_i]");
    alias("degc", "Cel");
    alias("°c", "Cel");
    alias("c", "Cel");
    alias("day", "d");
    alias("days", "d");
    alias("hour", "h");
    alias("hours", "h");
    alias("week", "wk");
    alias("weeks", "wk");
    alias("month", "mo");
    alias("months", "mo");
    alias("year", "a");
    alias("years", "a");
    alias("yr", "a");
    alias("score", "{score}");
    alias("ratio", "{ratio}");
  }

  private Ucum() {}

  private static void unit(String code, String dimension, double factor) {
    UNITS.put(code, new Unit(code, dimension, factor));
  }

  private static void alias(String spelling, String code) {
    ALIASES.put(spelling.toLowerCase(Locale.ROOT), code);
  }

  /** Whether {@code code} is one of the canonical UCUM codes this registry knows. */
  public static boolean isCanonical(String code) {
    return UNITS.containsKey(code);
  }

  /** The canonical codes known, in registry order. */
  public static Set<String> canonicalCodes() {
    return java.util.Collections.unmodifiableSet(UNITS.keySet());
  }

  /** Canonical code for a spelling, or empty when the unit is unknown. */
  public static Optional<String> lookup(String spelling) {
    if (spelling == null) {
      return Optional.empty();
    }
    String s = spelling.strip();
    if (UNITS.containsKey(s)) {
      return Optional.of(s);
    }
    return Optional.ofNullable(ALIASES.get(s.toLowerCase(Locale.ROOT)));
  }

  /**
   * Canonical code for a spelling.
   *
   * @throws IllegalArgumentException naming the unit when it is unknown
   */
  public static String canonical(String spelling) {
    return lookup(spelling)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown unit '" + spelling + "' (expected a UCUM unit such as mg/dL, %)"));
  }

  /** Whether two canonical units measure the same dimension and so convert linearly. */
  public static boolean commensurable(String a, String b) {
    Unit ua = UNITS.get(canonical(a));
    Unit ub = UNITS.get(canonical(b));
    return ua.dimension.equals(ub.dimension);
  }

  /** Converts {@code value} from unit {@code from} to unit {@code to} (same dimension only). */
  public static double convert(double value, String from, String to) {
    Unit uf = UNITS.get(canonical(from));
    Unit ut = UNITS.get(canonical(to));
    if (!uf.dimension.equals(ut.dimension)) {
      throw new IllegalArgumentException(
          "cannot convert "
              + uf.code
              + " ("
              + uf.dimension
              + ") to "
              + ut.code
              + " ("
              + ut.dimension
              + ")");
    }
    return value * uf.factor / ut.factor;
  }
}
