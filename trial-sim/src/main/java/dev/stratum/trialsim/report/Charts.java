package dev.stratum.trialsim.report;

import dev.stratum.trialsim.sim.Endpoint;
import dev.stratum.trialsim.sim.SimulationResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** SVG charts of simulation results (JFreeChart drawn on JFreeSVG; no display needed). */
public final class Charts {
  private Charts() {}

  /** Simulated power with +-2 standard-error bars, and the analytic curve when available. */
  public static JFreeChart powerCurve(PowerCurve curve, Endpoint endpoint) {
    XYIntervalSeries sim = new XYIntervalSeries("simulated (+-2 MC SE)");
    XYSeries analytic = new XYSeries("analytic");
    for (PowerCurve.Point p : curve.points()) {
      sim.add(
          p.effect(),
          p.effect(),
          p.effect(),
          p.power(),
          Math.max(0, p.power() - 2 * p.se()),
          Math.min(1, p.power() + 2 * p.se()));
      if (!Double.isNaN(p.analytic())) {
        analytic.add(p.effect(), p.analytic());
      }
    }
    String x =
        switch (endpoint) {
          case Endpoint.TimeToEvent t -> "hazard ratio";
          case Endpoint.Continuous c -> "mean difference";
          case Endpoint.Binary b -> "experimental response rate";
        };
    XYIntervalSeriesCollection simData = new XYIntervalSeriesCollection();
    simData.addSeries(sim);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            "Power curve",
            x,
            "P(reject H0)",
            simData,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYErrorRenderer err = new XYErrorRenderer();
    err.setDefaultLinesVisible(false);
    err.setDefaultShapesVisible(true);
    err.setSeriesPaint(0, new Color(0x1f77b4));
    plot.setRenderer(0, err);
    if (analytic.getItemCount() > 0) {
      plot.setDataset(1, new XYSeriesCollection(analytic));
      XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
      line.setSeriesPaint(0, new Color(0xd62728));
      line.setSeriesStroke(0, new BasicStroke(1.5f));
      plot.setRenderer(1, line);
    }
    plot.getRangeAxis().setRange(0, 1.02);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return chart;
  }

  /** Histogram of the calendar time of the deciding analysis over the replicates. */
  public static JFreeChart durationHistogram(SimulationResult r) {
    HistogramDataset data = new HistogramDataset();
    data.addSeries("trial duration", r.durations(), 40);
    JFreeChart chart =
        ChartFactory.createHistogram(
            "Distribution of trial duration (" + r.reps() + " replicates)",
            "calendar time of the deciding analysis",
            "replicates",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    chart.getXYPlot().setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Writes {@code chart} as an SVG file of the given size in pixels. */
  public static void writeSvg(JFreeChart chart, Path file, int width, int height) {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    chart.draw(g, new Rectangle(0, 0, width, height));
    try {
      SVGUtils.writeToSVG(file.toFile(), g.getSVGElement());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
