package dev.stratum.trialsim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.trialsim.Normal;
import dev.stratum.trialsim.gsd.GroupSequentialDesign;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link GroupSequentialDesign} as the per-look table and the JSON document of {@code stratum gsd}
 * (CLI.md), shared by the CLI and the notebooks.
 */
public final class GsdTables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GsdTables() {}

  /** Whether the design has a lower bound to show: a futility bound or a symmetric one. */
  public static boolean showsLower(GroupSequentialDesign d) {
    return d.spec().lower() != null || d.spec().sided() == 2;
  }

  /**
   * One row per look: timing, bounds, nominal one-sided p of the upper bound, cumulative alpha and
   * power. {@code noLower} fills the lower column when there is no lower bound.
   */
  public static ResultTable looks(
      GroupSequentialDesign d, String noLower, ResultTable.NumberFormatter f) {
    double[] t = d.spec().timing();
    double[] upper = d.upper();
    double[] lower = d.lower();
    double[] power = cumulative(d.upperH1());
    boolean showLower = showsLower(d);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      rows.add(
          List.of(
              String.valueOf(i + 1),
              f.format(t[i], 4),
              f.format(upper[i], 4),
              showLower ? f.format(lower[i], 4) : noLower,
              f.format(Normal.sf(upper[i]), 6),
              f.format(d.cumulativeAlpha()[i], 6),
              f.format(power[i], 4)));
    }
    return new ResultTable(
        List.of(
            "look",
            "timing",
            "upper_z",
            "lower_z",
            "nominal_p",
            "cumulative_alpha",
            "cumulative_power"),
        rows);
  }

  /** "inflation factor X, drift Y": the line under the table. */
  public static String summaryLine(GroupSequentialDesign d, ResultTable.NumberFormatter f) {
    return "inflation factor "
        + f.format(d.inflationFactor(), 6)
        + ", drift "
        + f.format(d.theta(), 4);
  }

  /**
   * The JSON document of {@code stratum gsd --format json}.
   *
   * @param alpha the level as the user gave it (two-sided when sided is 2)
   */
  public static ObjectNode json(GroupSequentialDesign d, double alpha) {
    double[] t = d.spec().timing();
    boolean futility = d.spec().lower() != null;
    double[] upper = d.upper();
    double[] nominal = new double[upper.length];
    for (int i = 0; i < upper.length; i++) {
      nominal[i] = Normal.sf(upper[i]);
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("looks", t.length);
    putArray(o, "timing", t);
    o.put("alpha", alpha);
    o.put("sided", d.spec().sided());
    o.put("beta", d.spec().beta());
    o.put("upper", d.spec().upper().name());
    o.put("lower", futility ? d.spec().lower().name() : "none");
    o.put("binding", d.spec().binding());
    putArray(o, "upper_z", upper);
    if (showsLower(d)) {
      putArray(o, "lower_z", d.lower());
    }
    o.put("inflation_factor", d.inflationFactor());
    putArray(o, "cumulative_alpha", d.cumulativeAlpha());
    if (futility) {
      putArray(o, "cumulative_alpha_with_futility", cumulative(d.upperH0()));
      putArray(o, "cumulative_futility_h1", cumulative(d.lowerH1()));
    }
    putArray(o, "nominal_p", nominal);
    o.put("drift", d.theta());
    putArray(o, "cumulative_power", cumulative(d.upperH1()));
    o.put("expected_information_h0", d.expectedInformationRatio(0));
    o.put("expected_information_h1", d.expectedInformationRatio(d.theta()));
    return o;
  }

  /** Running sums of per-look probabilities. */
  public static double[] cumulative(double[] p) {
    double[] c = new double[p.length];
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += p[i];
      c[i] = s;
    }
    return c;
  }

  private static void putArray(ObjectNode o, String key, double[] v) {
    ArrayNode a = o.putArray(key);
    for (double x : v) {
      if (Double.isFinite(x)) {
        a.add(x);
      } else {
        a.addNull();
      }
    }
  }
}
