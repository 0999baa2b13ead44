package dev.stratum.notebooks.svg;

import dev.stratum.notebooks.paragraph.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An x-y chart as one self-contained SVG element: lines (power curves, spending functions), steps
 * (Kaplan-Meier survival curves, which are right-continuous step functions) and points (cluster
 * projections). Colours are the Okabe-Ito palette, which stays distinguishable for colour-blind
 * readers (Okabe and Ito, 2008, "Color Universal Design").
 *
 * @param title shown above the plot
 * @param xLabel the horizontal axis' quantity
 * @param yLabel the vertical axis' quantity
 * @param series at least one series, drawn in order with a legend
 * @param yRange fixed vertical range {lo, hi}, e.g. {0, 1} for probabilities; null to fit the data
 */
public record SvgXYChart(
    String title, String xLabel, String yLabel, List<Series> series, double[] yRange) {
  private static final String[] PALETTE = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"
  };
  private static final int WIDTH = 640;
  private static final int HEIGHT = 400;
  private static final int LEFT = 64;
  private static final int RIGHT = 150;
  private static final int TOP = 36;
  private static final int BOTTOM = 50;

  /** How a series is drawn. */
  public enum Kind {
    /** Straight segments between consecutive points. */
    LINE,
    /** Horizontal then vertical segments: the value holds until the next x (Kaplan-Meier). */
    STEP,
    /** A dot per point. */
    POINTS
  }

  /**
   * One series.
   *
   * @param name legend label
   * @param kind how it is drawn
   * @param x abscissae (sorted ascending for LINE and STEP)
   * @param y ordinates, as many as x, all finite
   */
  public record Series(String name, Kind kind, double[] x, double[] y) {
    public Series {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      x = x.clone();
      y = y.clone();
      if (x.length != y.length || x.length == 0) {
        throw new IllegalArgumentException(
            "series '"
                + name
                + "' needs as many x as y values, at least one; got "
                + x.length
                + " and "
                + y.length);
      }
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
          throw new IllegalArgumentException("series '" + name + "' point " + i + " is not finite");
        }
        if (kind != Kind.POINTS && i > 0 && x[i] < x[i - 1]) {
          throw new IllegalArgumentException(
              "series '" + name + "' x must be ascending for " + kind + ", point " + i);
        }
      }
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    @Override
    public double[] y() {
      return y.clone();
    }
  }

  public SvgXYChart {
    series = List.copyOf(series);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one series");
    }
    if (yRange != null) {
      if (yRange.length != 2 || !(yRange[0] < yRange[1])) {
        throw new IllegalArgumentException("yRange must be {lo, hi} with lo < hi");
      }
      yRange = yRange.clone();
    }
  }

  /** The chart as an {@code <svg>} element. */
  public String toSvg() {
    double xlo = Double.POSITIVE_INFINITY;
    double xhi = Double.NEGATIVE_INFINITY;
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x.length; i++) {
        xlo = Math.min(xlo, s.x[i]);
        xhi = Math.max(xhi, s.x[i]);
        ylo = Math.min(ylo, s.y[i]);
        yhi = Math.max(yhi, s.y[i]);
      }
    }
    if (yRange != null) {
      ylo = yRange[0];
      yhi = yRange[1];
    }
    if (xhi == xlo) {
      xhi = xlo + 1;
    }
    if (yhi == ylo) {
      yhi = ylo + 1;
    }
    double[] xt = ticks(xlo, xhi);
    double[] yt = ticks(ylo, yhi);
    if (yRange == null) {
      ylo = Math.min(ylo, yt[0]);
      yhi = Math.max(yhi, yt[yt.length - 1]);
    }
    xlo = Math.min(xlo, xt[0]);
    xhi = Math.max(xhi, xt[xt.length - 1]);
    Frame f = new Frame(xlo, xhi, ylo, yhi);

    StringBuilder s = new StringBuilder();
    s.append(
        fmt(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\" role=\"img\">",
            WIDTH, HEIGHT, WIDTH, HEIGHT));
    s.append("<title>").append(SvgBarChart.escape(title)).append("</title>");
    s.append(fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>", WIDTH, HEIGHT));
    s.append(
        fmt(
            "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>",
            LEFT, SvgBarChart.escape(title)));
    int bottom = HEIGHT - BOTTOM;
    int right = WIDTH - RIGHT;
    for (double t : xt) {
      if (t >= xlo && t <= xhi) {
        double x = f.px(t);
        s.append(
            fmt(
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>",
                x, TOP, x, bottom));
        s.append(
            fmt(
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
                x, bottom + 16, Numbers.plain(t, 4)));
      }
    }
    for (double t : yt) {
      if (t >= ylo && t <= yhi) {
        double y = f.py(t);
        s.append(
            fmt(
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                LEFT, y, right, y));
        s.append(
            fmt(
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\">%s</text>",
                LEFT - 6, y + 4, Numbers.plain(t, 4)));
      }
    }
    s.append(
        fmt(
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>",
            LEFT, TOP, right - LEFT, bottom - TOP));
    s.append(
        fmt(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            (LEFT + right) / 2, HEIGHT - 12, SvgBarChart.escape(xLabel)));
    s.append(
        fmt(
            "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
            (TOP + bottom) / 2, (TOP + bottom) / 2, SvgBarChart.escape(yLabel)));
    for (int k = 0; k < series.size(); k++) {
      Series se = series.get(k);
      String colour = PALETTE[k % PALETTE.length];
      if (se.kind == Kind.POINTS) {
        s.append(fmt("<g fill=\"%s\" fill-opacity=\"0.7\">", colour));
        for (int i = 0; i < se.x.length; i++) {
          s.append(
              fmt("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>", f.px(se.x[i]), f.py(se.y[i])));
        }
        s.append("</g>");
      } else {
        List<String> pts = new ArrayList<>();
        for (int i = 0; i < se.x.length; i++) {
          if (se.kind == Kind.STEP && i > 0) {
            pts.add(fmt("%.1f,%.1f", f.px(se.x[i]), f.py(se.y[i - 1])));
          }
          pts.add(fmt("%.1f,%.1f", f.px(se.x[i]), f.py(se.y[i])));
        }
        s.append(
            fmt(
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
                colour, String.join(" ", pts)));
      }
      int ly = TOP + 8 + 18 * k;
      s.append(
          fmt(
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
              right + 12, ly - 9, colour));
      s.append(
          fmt(
              "<text x=\"%d\" y=\"%d\">%s</text>",
              right + 30, ly + 1, SvgBarChart.escape(se.name)));
    }
    s.append("</svg>");
    return s.toString();
  }

  private record Frame(double xlo, double xhi, double ylo, double yhi) {
    double px(double x) {
      return LEFT + (WIDTH - RIGHT - LEFT) * (x - xlo) / (xhi - xlo);
    }

    double py(double y) {
      return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * (y - ylo) / (yhi - ylo);
    }
  }

  /** About five round tick values covering [lo, hi] (steps of 1, 2 or 5 times a power of ten). */
  static double[] ticks(double lo, double hi) {
    double raw = (hi - lo) / 5;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    double step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    double first = Math.floor(lo / step) * step;
    int n = (int) Math.ceil((hi - first) / step - 1e-9) + 1;
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = first + i * step;
    }
    return t;
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
