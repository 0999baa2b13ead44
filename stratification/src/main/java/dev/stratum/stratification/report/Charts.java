package dev.stratum.stratification.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.svg.SVGGraphics2D;

/** Small helpers around JFreeChart for the report: palette, SVG export, heatmaps. */
final class Charts {
  private Charts() {}

  /** Okabe-Ito colour-blind-safe palette (Okabe and Ito 2008), then greys. */
  static final Color[] PALETTE = {
    new Color(0x0072B2),
    new Color(0xE69F00),
    new Color(0x009E73),
    new Color(0xCC79A7),
    new Color(0x56B4E9),
    new Color(0xD55E00),
    new Color(0xF0E442),
    new Color(0x000000),
    new Color(0x999999),
    new Color(0x666666)
  };

  static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /** The chart as an SVG element string. */
  static String svg(JFreeChart chart, int width, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font("SansSerif", Font.BOLD, 14));
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    chart.draw(g, new Rectangle(0, 0, width, height));
    return g.getSVGElement();
  }

  static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
  }

  static void lines(XYPlot plot, boolean shapes) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
    for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
      r.setSeriesPaint(i, color(i));
      r.setSeriesStroke(i, new BasicStroke(2f));
      r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
    }
    plot.setRenderer(r);
  }

  /** A heatmap of {@code z[row][col]} with the given paint scale. */
  static JFreeChart heatmap(
      String title, double[][] z, String xLabel, String yLabel, PaintScale scale, String legend) {
    int rows = z.length;
    int cols = z[0].length;
    double[][] data = new double[3][rows * cols];
    int i = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        data[0][i] = c;
        data[1][i] = r;
        data[2][i] = z[r][c];
        i++;
      }
    }
    DefaultXYZDataset ds = new DefaultXYZDataset();
    ds.addSeries("values", data);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    NumberAxis x = new NumberAxis(xLabel);
    x.setRange(-0.5, cols - 0.5);
    x.setTickLabelsVisible(false);
    NumberAxis y = new NumberAxis(yLabel);
    y.setRange(-0.5, rows - 0.5);
    y.setTickLabelsVisible(false);
    y.setInverted(true);
    XYPlot plot = new XYPlot(ds, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = new JFreeChart(title, plot);
    chart.removeLegend();
    NumberAxis scaleAxis = new NumberAxis(legend);
    scaleAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
    PaintScaleLegend psl = new PaintScaleLegend(scale, scaleAxis);
    psl.setPosition(RectangleEdge.RIGHT);
    psl.setMargin(4, 4, 40, 4);
    chart.addSubtitle(psl);
    return chart;
  }

  /** Diverging blue-white-red scale on [-m, m]. */
  static PaintScale diverging(double m) {
    return new PaintScale() {
      @Override
      public double getLowerBound() {
        return -m;
      }

      @Override
      public double getUpperBound() {
        return m;
      }

      @Override
      public Paint getPaint(double v) {
        if (Double.isNaN(v)) {
          return new Color(0xEEEEEE);
        }
        double t = Math.max(-1, Math.min(1, v / m));
        int a = (int) Math.round(255 * (1 - Math.abs(t)));
        return t < 0 ? new Color(a, a, 255) : new Color(255, a, a);
      }
    };
  }

  /** White-to-dark-blue scale on [0, 1]. */
  static PaintScale sequential() {
    return new PaintScale() {
      @Override
      public double getLowerBound() {
        return 0;
      }

      @Override
      public double getUpperBound() {
        return 1;
      }

      @Override
      public Paint getPaint(double v) {
        double t = Math.max(0, Math.min(1, v));
        return new Color(
            (int) Math.round(255 - 247 * t),
            (int) Math.round(255 - 207 * t),
            (int) Math.round(255 - 148 * t));
      }
    };
  }
}
