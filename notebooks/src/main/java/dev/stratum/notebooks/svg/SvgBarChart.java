package dev.stratum.notebooks.svg;

import dev.stratum.notebooks.paragraph.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as one self-contained SVG element (no scripts, fonts or styles from
 * elsewhere), so it renders in a Zeppelin {@code %html} paragraph, in an exported note and in a
 * browser offline.
 *
 * @param title shown above the plot
 * @param axisLabel the quantity on the horizontal axis
 * @param bars one bar per row, top to bottom
 * @param logScale draw the axis in log10 (every value must then be &gt; 0)
 */
public record SvgBarChart(String title, String axisLabel, List<Bar> bars, boolean logScale) {
  private static final int WIDTH = 640;
  private static final int LEFT = 150;
  private static final int RIGHT = 70;
  private static final int TOP = 36;
  private static final int ROW = 22;
  private static final int BOTTOM = 46;

  /**
   * One bar.
   *
   * @param label the row's label
   * @param value the bar's length, finite
   */
  public record Bar(String label, double value) {
    public Bar {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("bar '" + label + "' has value " + value);
      }
    }
  }

  public SvgBarChart {
    bars = List.copyOf(bars);
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("a bar chart needs at least one bar");
    }
    if (logScale) {
      for (Bar b : bars) {
        if (b.value() <= 0) {
          throw new IllegalArgumentException(
              "a log-scale bar chart needs values > 0; bar '" + b.label() + "' is " + b.value());
        }
      }
    }
  }

  /** The chart as an {@code <svg>} element. */
  public String toSvg() {
    int plotWidth = WIDTH - LEFT - RIGHT;
    int height = TOP + ROW * bars.size() + BOTTOM;
    double lo;
    double hi;
    if (logScale) {
      double min = bars.stream().mapToDouble(Bar::value).min().orElseThrow();
      double max = bars.stream().mapToDouble(Bar::value).max().orElseThrow();
      lo = Math.floor(Math.log10(min)) - 1;
      hi = Math.ceil(Math.log10(max));
      if (hi <= lo) {
        hi = lo + 1;
      }
    } else {
      lo = Math.min(0, bars.stream().mapToDouble(Bar::value).min().orElseThrow());
      hi = Math.max(0, bars.stream().mapToDouble(Bar::value).max().orElseThrow());
      if (hi == lo) {
        hi = lo + 1;
      }
    }
    StringBuilder s = new StringBuilder();
    s.append(
        fmt(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\" role=\"img\">",
            WIDTH, height, WIDTH, height));
    s.append("<title>").append(escape(title)).append("</title>");
    s.append(fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>", WIDTH, height));
    s.append(
        fmt(
            "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>",
            LEFT, escape(title)));
    // grid and tick labels
    List<double[]> ticks = new ArrayList<>();
    if (logScale) {
      for (int e = (int) lo; e <= (int) hi; e++) {
        ticks.add(new double[] {e, Math.pow(10, e)});
      }
    } else {
      double step = niceStep((hi - lo) / 5);
      for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
        ticks.add(new double[] {t, t});
      }
    }
    int axisY = TOP + ROW * bars.size();
    for (double[] t : ticks) {
      double x = LEFT + plotWidth * (t[0] - lo) / (hi - lo);
      s.append(
          fmt(
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>",
              x, TOP - 4, x, axisY));
      s.append(
          fmt(
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
              x, axisY + 16, escape(logScale ? "1e" + (int) t[0] : Numbers.plain(t[1], 4))));
    }
    s.append(
        fmt(
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
            LEFT, axisY, LEFT + plotWidth, axisY));
    s.append(
        fmt(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            LEFT + plotWidth / 2,
            axisY + 36,
            escape(axisLabel + (logScale ? " (log scale)" : ""))));
    // bars
    double zero = logScale ? lo : 0;
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double v = logScale ? Math.log10(b.value()) : b.value();
      double x0 = LEFT + plotWidth * (Math.min(zero, v) - lo) / (hi - lo);
      double x1 = LEFT + plotWidth * (Math.max(zero, v) - lo) / (hi - lo);
      int y = TOP + ROW * i;
      s.append(
          fmt(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
              LEFT - 8, y + 15, escape(b.label())));
      s.append(
          fmt(
              "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#4878a8\"/>",
              x0, y + 3, Math.max(0.5, x1 - x0), ROW - 6));
      s.append(
          fmt(
              "<text x=\"%.1f\" y=\"%d\" fill=\"#222\">%s</text>",
              x1 + 4, y + 15, escape(Numbers.plain(b.value(), 4))));
    }
    s.append("</svg>");
    return s.toString();
  }

  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /** Escapes text for XML content and attribute values. */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
