package dev.stratum.trialsim;

import dev.stratum.trialsim.gsd.GroupSequentialDesign;
import dev.stratum.trialsim.gsd.GsdSpec;
import dev.stratum.trialsim.gsd.SpendingFunction;
import dev.stratum.trialsim.gsd.UpperBoundary;
import dev.stratum.trialsim.power.Hypothesis;
import dev.stratum.trialsim.power.MeansDesign;
import dev.stratum.trialsim.power.MeansSpec;
import dev.stratum.trialsim.power.ProportionsSpec;
import dev.stratum.trialsim.power.SampleSize;
import dev.stratum.trialsim.power.SampleSizeResult;
import dev.stratum.trialsim.power.SurvivalMethod;
import dev.stratum.trialsim.power.SurvivalSpec;
import dev.stratum.trialsim.power.TestStatistic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a reference case written as an R call with {@code key=value} inputs (the shared
 * sample_size_reference.csv layout) with this module's API. Unknown methods, inputs or outputs fail
 * loudly so that a new reference case is never skipped silently.
 */
final class ReferenceCases {
  private static final Pattern INDEXED = Pattern.compile("([a-zA-Z_0-9.]+)\\[(\\d+)]");

  private ReferenceCases() {}

  /** One row: id, method (R call), inputs, output name, expected value. */
  record Row(String id, String method, Map<String, String> inputs, String output, double value) {
    @Override
    public String toString() {
      return id + " " + method + " " + output;
    }
  }

  static List<Row> read(Path csv) {
    List<Row> rows = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        List<String> f = splitCsv(line);
        rows.add(
            new Row(
                f.get(0), f.get(1), parseInputs(f.get(2)), f.get(3), Double.parseDouble(f.get(4))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          sb.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    out.add(sb.toString());
    return out;
  }

  static Map<String, String> parseInputs(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : s.split(";")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return m;
  }

  /** Computes the output a row names. */
  static double evaluate(Row row) {
    Map<String, String> in = row.inputs();
    String method = row.method().trim();
    return switch (method) {
      case "stats::power.t.test" -> powerT(in, row.output());
      case "stats::power.prop.test" -> powerProp(in, row.output());
      case "formula:Schoenfeld_events" -> events(SurvivalMethod.SCHOENFELD, in, row.output());
      case "formula:Freedman_events" -> events(SurvivalMethod.FREEDMAN, in, row.output());
      case "gsDesign::gsDesign" -> gsDesign(in, row.output());
      case "gsDesign::nSurv" -> nSurv(in, row.output());
      case "rpact::getDesignGroupSequential" -> rpactDesign(in, row.output());
      default -> throw new IllegalArgumentException("unknown reference method " + method);
    };
  }

  private static double num(Map<String, String> in, String key, double dflt) {
    String v = in.get(key);
    return v == null || v.equals("NULL") ? dflt : Double.parseDouble(v);
  }

  private static String str(Map<String, String> in, String key, String dflt) {
    String v = in.get(key);
    return v == null ? dflt : v.replace("\"", "").replace("'", "");
  }

  private static double pick(SampleSizeResult r, String output) {
    return switch (output) {
      case "n_per_group", "n" -> r.nPerGroup();
      case "n_total" -> r.nTotal();
      case "power" -> r.power();
      case "events" -> r.events();
      default -> throw new IllegalArgumentException("unknown sample-size output " + output);
    };
  }

  private static double powerT(Map<String, String> in, String output) {
    String type = str(in, "type", "two.sample");
    MeansDesign design =
        switch (type) {
          case "two.sample" -> MeansDesign.TWO_SAMPLE;
          case "paired" -> MeansDesign.PAIRED;
          case "one.sample" -> MeansDesign.ONE_SAMPLE;
          default -> throw new IllegalArgumentException("type " + type);
        };
    int sided = str(in, "alternative", "two.sided").equals("one.sided") ? 1 : 2;
    boolean strict = Boolean.parseBoolean(str(in, "strict", "FALSE").toLowerCase(Locale.ROOT));
    MeansSpec spec =
        new MeansSpec(
            num(in, "delta", Double.NaN),
            num(in, "sd", 1),
            num(in, "sig.level", 0.05),
            sided,
            design,
            1,
            TestStatistic.T,
            strict,
            Hypothesis.SUPERIORITY,
            0,
            num(in, "power", Double.NaN),
            num(in, "n", Double.NaN));
    return pick(SampleSize.means(spec), output);
  }

  private static double powerProp(Map<String, String> in, String output) {
    int sided = str(in, "alternative", "two.sided").equals("one.sided") ? 1 : 2;
    boolean strict = Boolean.parseBoolean(str(in, "strict", "FALSE").toLowerCase(Locale.ROOT));
    ProportionsSpec spec =
        new ProportionsSpec(
            num(in, "p1", Double.NaN),
            num(in, "p2", Double.NaN),
            num(in, "sig.level", 0.05),
            sided,
            1,
            strict,
            0,
            num(in, "power", Double.NaN),
            num(in, "n", Double.NaN));
    return pick(SampleSize.proportions(spec), output);
  }

  private static double events(SurvivalMethod m, Map<String, String> in, String output) {
    double alpha;
    int sided;
    if (in.containsKey("alpha_two_sided")) {
      alpha = num(in, "alpha_two_sided", 0.05);
      sided = 2;
    } else if (in.containsKey("alpha_one_sided")) {
      alpha = num(in, "alpha_one_sided", 0.025);
      sided = 1;
    } else {
      sided = (int) num(in, "sided", 2);
      alpha = num(in, "alpha", 0.05);
    }
    double allocation;
    if (in.containsKey("p_exp")) {
      allocation = num(in, "p_exp", 0.5);
    } else {
      double ratio = num(in, "ratio", 1); // experimental : control
      allocation = ratio / (1 + ratio);
    }
    double power = num(in, "power", Double.NaN);
    double events = num(in, "events", Double.NaN);
    if (in.containsKey("beta")) {
      power = 1 - num(in, "beta", Double.NaN);
    }
    SurvivalSpec spec =
        new SurvivalSpec(
            num(in, "HR", num(in, "hr", Double.NaN)),
            alpha,
            sided,
            m,
            allocation,
            Double.NaN,
            null,
            0,
            0,
            power,
            events);
    return pick(SampleSize.survival(spec), output);
  }

  /** gsDesign::gsDesign(k, test.type, alpha, beta, timing, sfu, sfupar, sfl, sflpar). */
  private static double gsDesign(Map<String, String> in, String output) {
    int k = (int) num(in, "k", 3);
    int testType = (int) num(in, "test.type", 4);
    double alpha = num(in, "alpha", 0.025);
    double beta = num(in, "beta", 0.1);
    double[] timing = parseTiming(str(in, "timing", "equal"), k);
    UpperBoundary upper = gsDesignUpper(str(in, "sfu", "sfHSD"), num(in, "sfupar", -4));
    SpendingFunction lower =
        testType >= 3 ? gsDesignSpending(str(in, "sfl", "sfHSD"), num(in, "sflpar", -2)) : null;
    if (testType > 4) {
      throw new IllegalArgumentException("gsDesign test.type " + testType + " is not supported");
    }
    GsdSpec spec =
        new GsdSpec(timing, alpha, beta, testType == 2 ? 2 : 1, upper, lower, testType == 3, 18);
    GroupSequentialDesign d = GroupSequentialDesign.of(spec);
    Matcher m = INDEXED.matcher(output);
    if (m.matches()) {
      int i = Integer.parseInt(m.group(2)) - 1;
      return switch (m.group(1)) {
        case "upper_z" -> d.upper()[i];
        case "lower_z" -> testType == 1 ? -20 : d.lower()[i]; // gsDesign shows -20 for no bound
        case "cum_alpha_upper_H0", "cumulative_alpha" -> cumulative(d.upperH0(), i);
        case "cum_power_upper_H1" -> cumulative(d.upperH1(), i);
        case "cum_beta_lower_H1" -> cumulative(d.lowerH1(), i);
        default -> throw new IllegalArgumentException("unknown gsDesign output " + output);
      };
    }
    return switch (output) {
      case "inflation_factor" -> d.inflationFactor();
      case "theta", "delta" -> d.theta();
      default -> throw new IllegalArgumentException("unknown gsDesign output " + output);
    };
  }

  /**
   * gsDesign::nSurv with the Lachin-Foulkes method, one accrual period of length R and minimum
   * follow-up minfup (T = R + minfup), exponential hazards lambdaC and lambdaC * hr, dropout eta.
   */
  private static double nSurv(Map<String, String> in, String output) {
    double lambdaC = num(in, "lambdaC", Math.log(2) / 6);
    double r = num(in, "R", 12);
    double minfup = in.containsKey("minfup") ? num(in, "minfup", 0) : num(in, "T", 24) - r;
    double ratio = num(in, "ratio", 1);
    SurvivalSpec spec =
        new SurvivalSpec(
            num(in, "hr", 0.5),
            num(in, "alpha", 0.025),
            (int) num(in, "sided", 1),
            SurvivalMethod.LACHIN_FOULKES,
            ratio / (1 + ratio),
            Math.log(2) / lambdaC,
            dev.stratum.trialsim.power.Accrual.uniform(r),
            minfup,
            num(in, "eta", 0),
            1 - num(in, "beta", 0.1),
            Double.NaN);
    SampleSizeResult res = SampleSize.survival(spec);
    return switch (output) {
      case "n", "n_total" -> res.nTotal();
      case "d", "events" -> res.events();
      default -> throw new IllegalArgumentException("unknown nSurv output " + output);
    };
  }

  /** rpact::getDesignGroupSequential (criticalValues, futilityBounds, alphaSpent, inflation). */
  private static double rpactDesign(Map<String, String> in, String output) {
    int k = (int) num(in, "kMax", 3);
    int sided = (int) num(in, "sided", 1);
    double alpha = num(in, "alpha", 0.025) / sided;
    double beta = num(in, "beta", 0.2);
    double[] timing = parseTiming(str(in, "informationRates", "equal"), k);
    String type = str(in, "typeOfDesign", "OF");
    UpperBoundary upper =
        switch (type) {
          case "OF" -> new UpperBoundary.Classical(UpperBoundary.Shape.OBRIEN_FLEMING);
          case "P" -> new UpperBoundary.Classical(UpperBoundary.Shape.POCOCK);
          case "asOF" -> new UpperBoundary.Spending(new SpendingFunction.LanDeMetsOBrienFleming());
          case "asP" -> new UpperBoundary.Spending(new SpendingFunction.LanDeMetsPocock());
          case "asHSD" ->
              new UpperBoundary.Spending(
                  new SpendingFunction.HwangShihDeCani(num(in, "gammaA", 1)));
          case "asKD" ->
              new UpperBoundary.Spending(new SpendingFunction.PowerFamily(num(in, "gammaA", 1)));
          default -> throw new IllegalArgumentException("unsupported rpact typeOfDesign " + type);
        };
    String bs = str(in, "typeBetaSpending", "none");
    SpendingFunction lower =
        switch (bs) {
          case "none" -> null;
          case "bsOF" -> new SpendingFunction.LanDeMetsOBrienFleming();
          case "bsP" -> new SpendingFunction.LanDeMetsPocock();
          case "bsHSD" -> new SpendingFunction.HwangShihDeCani(num(in, "gammaB", 1));
          case "bsKD" -> new SpendingFunction.PowerFamily(num(in, "gammaB", 1));
          default -> throw new IllegalArgumentException("unsupported rpact typeBetaSpending " + bs);
        };
    boolean binding =
        Boolean.parseBoolean(str(in, "bindingFutility", "FALSE").toLowerCase(Locale.ROOT));
    GroupSequentialDesign d =
        GroupSequentialDesign.of(
            new GsdSpec(timing, alpha, beta, sided, upper, lower, binding, 18));
    Matcher m = INDEXED.matcher(output);
    if (m.matches()) {
      int i = Integer.parseInt(m.group(2)) - 1;
      return switch (m.group(1)) {
        case "criticalValues", "upper_z" -> d.upper()[i];
        case "futilityBounds", "lower_z" -> d.lower()[i];
        // alphaSpent counts both sides of a two-sided design
        case "alphaSpent", "cumulative_alpha" -> d.cumulativeAlpha()[i] * sided;
        default -> throw new IllegalArgumentException("unknown rpact output " + output);
      };
    }
    if (output.equals("inflationFactor") || output.equals("inflation_factor")) {
      return d.inflationFactor();
    }
    throw new IllegalArgumentException("unknown rpact output " + output);
  }

  private static double cumulative(double[] p, int i) {
    double s = 0;
    for (int j = 0; j <= i; j++) {
      s += p[j];
    }
    return s;
  }

  private static double[] parseTiming(String s, int k) {
    if (s.equals("equal") || s.equals("1")) {
      return GsdSpec.equalTiming(k);
    }
    String body = s.replace("c(", "").replace(")", "");
    String[] parts = body.split("[,\\s]+");
    double[] t = new double[k];
    for (int i = 0; i < parts.length; i++) {
      t[i] = Double.parseDouble(parts[i]);
    }
    if (parts.length == k - 1) {
      t[k - 1] = 1;
    }
    return t;
  }

  private static UpperBoundary gsDesignUpper(String sfu, double par) {
    return switch (sfu) {
      case "OF" -> new UpperBoundary.Classical(UpperBoundary.Shape.OBRIEN_FLEMING);
      case "Pocock" -> new UpperBoundary.Classical(UpperBoundary.Shape.POCOCK);
      default -> new UpperBoundary.Spending(gsDesignSpending(sfu, par));
    };
  }

  private static SpendingFunction gsDesignSpending(String sf, double par) {
    return switch (sf) {
      case "sfLDOF" -> new SpendingFunction.LanDeMetsOBrienFleming();
      case "sfLDPocock" -> new SpendingFunction.LanDeMetsPocock();
      case "sfHSD" -> new SpendingFunction.HwangShihDeCani(par);
      case "sfPower" -> new SpendingFunction.PowerFamily(par);
      default -> throw new IllegalArgumentException("unknown gsDesign spending function " + sf);
    };
  }
}
