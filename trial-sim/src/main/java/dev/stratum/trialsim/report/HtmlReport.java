package dev.stratum.trialsim.report;

import dev.stratum.trialsim.sim.SimulationResult;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * A self-contained HTML report of a simulation: the operating characteristics with their
 * Monte-Carlo standard errors, the distribution of trial duration and, when given, the power curve
 * (charts inlined as SVG, so the file needs nothing else to display).
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** Writes the report; {@code curve} may be null. */
  public static void write(SimulationResult r, PowerCurve curve, Path file) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Simulation of ")
        .append(escape(r.design().name()))
        .append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;")
        .append("text-align:right}th{background:#f4f4f4}</style></head><body>\n")
        .append("<h1>Simulation of ")
        .append(escape(r.design().name()))
        .append("</h1>\n<p>")
        .append(r.reps())
        .append(" replicates, seed ")
        .append(r.seed())
        .append(". Standard errors are Monte-Carlo standard errors.</p>\n<table>\n")
        .append("<tr><th>quantity</th><th>estimate</th><th>MC SE</th></tr>\n");
    row(h, "P(reject H0)", r.rejectProbability(), r.rejectSe());
    if (!Double.isNaN(r.analyticPower())) {
      row(h, "analytic power", r.analyticPower(), Double.NaN);
    }
    for (SimulationResult.Look l : r.looks()) {
      row(h, "look " + l.look() + ": stop for efficacy", l.rejectProbability(), l.rejectSe());
      row(h, "look " + l.look() + ": stop at lower bound", l.futilityProbability(), l.futilitySe());
    }
    row(h, "expected patients", r.expectedPatients(), r.expectedPatientsSe());
    row(h, "expected events / outcomes", r.expectedEvents(), r.expectedEventsSe());
    row(h, "expected duration", r.expectedDuration(), r.expectedDurationSe());
    for (SimulationResult.StratumSelection s : r.strataSelected()) {
      row(h, "stratum " + s.name() + " kept", s.probability(), s.se());
    }
    h.append("</table>\n<h2>Trial duration</h2>\n");
    h.append(svg(Charts.durationHistogram(r)));
    if (curve != null) {
      h.append("\n<h2>Power curve</h2>\n")
          .append(svg(Charts.powerCurve(curve, r.design().endpoint())));
    }
    h.append("\n</body></html>\n");
    try {
      Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String svg(JFreeChart chart) {
    SVGGraphics2D g = new SVGGraphics2D(800, 450);
    chart.draw(g, new Rectangle(0, 0, 800, 450));
    return g.getSVGElement();
  }

  private static void row(StringBuilder h, String name, double v, double se) {
    h.append("<tr><td style=\"text-align:left\">")
        .append(escape(name))
        .append("</td><td>")
        .append(fmt(v))
        .append("</td><td>")
        .append(Double.isNaN(se) ? "" : fmt(se))
        .append("</td></tr>\n");
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "NA" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
