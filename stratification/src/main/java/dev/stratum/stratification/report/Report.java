package dev.stratum.stratification.report;

import dev.stratum.core.strata.StratumAssignment;
import dev.stratum.stratification.ClusterProfile;
import dev.stratum.stratification.DemographicComposition;
import dev.stratum.stratification.KSelection;
import dev.stratum.stratification.LayerTransform;
import dev.stratum.stratification.PreparedData;
import dev.stratum.stratification.Stability;
import dev.stratum.stratification.StratificationResult;
import dev.stratum.stratification.StudyContext;
import dev.stratum.stratification.SurvivalByCluster;
import dev.stratum.stratification.cluster.Consensus;
import dev.stratum.stratification.stats.KaplanMeier;
import dev.stratum.stratification.stats.RandomizedPca;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Writes a stratification to a directory: {@code assignments.csv} ({@code sample_id,cluster},
 * clusters numbered from 1 by decreasing size), {@code model.json} ({@link
 * dev.stratum.stratification.StratificationModel#toJson}) and {@code report.html}, a single
 * self-contained page (inline SVG charts made with JFreeChart and JFreeSVG, no scripts, no network)
 * with the choice of k, consensus heatmap, projection, silhouettes, stability, survival by cluster
 * and cluster profiles.
 */
public final class Report {
  private Report() {}

  /** The three files written by {@link #write}. */
  public record Files3(Path assignments, Path model, Path report) {}

  /** Writes the three files into {@code dir} (created if needed). */
  public static Files3 write(StratificationResult r, Path dir) {
    try {
      Files.createDirectories(dir);
      Path a = dir.resolve("assignments.csv");
      Path m = dir.resolve("model.json");
      Path h = dir.resolve("report.html");
      Files.writeString(a, assignmentsCsv(r), StandardCharsets.UTF_8);
      Files.writeString(m, modelJson(r), StandardCharsets.UTF_8);
      Files.writeString(h, html(r), StandardCharsets.UTF_8);
      return new Files3(a, m, h);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir, e);
    }
  }

  /**
   * model.json: {@link dev.stratum.stratification.StratificationModel#toJson} plus, when the result
   * has a {@link StudyContext}, a {@code training_data} object (source, snapshot, families,
   * approved protocol, cohort notes). Readers of schema version 1 ignore it.
   */
  public static String modelJson(StratificationResult r) {
    String json = r.model().toJson();
    if (r.context().isEmpty()) {
      return json;
    }
    StudyContext c = r.context().get();
    try {
      com.fasterxml.jackson.databind.ObjectMapper om =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
      com.fasterxml.jackson.databind.node.ObjectNode root =
          (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(json);
      com.fasterxml.jackson.databind.node.ObjectNode t = root.putObject("training_data");
      t.put("source", c.source());
      t.put("snapshot", c.snapshotId());
      c.families().forEach(t.putArray("families")::add);
      t.put("approved_protocol", c.approvedProtocol());
      c.cohortNotes().forEach(t.putArray("cohort")::add);
      t.put("patients", r.sampleIds().size());
      return om.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code sample_id,cluster} with clusters 1..k. */
  public static String assignmentsCsv(StratificationResult r) {
    StringBuilder sb = new StringBuilder("sample_id,cluster\n");
    for (StratumAssignment a : r.assignments()) {
      sb.append(csv(a.personId())).append(',').append(a.stratum() + 1).append('\n');
    }
    return sb.toString();
  }

  static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** The HTML report. */
  public static String html(StratificationResult r) {
    StringBuilder h = new StringBuilder();
    int k = r.k();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Stratification report</title><style>")
        .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th{background:#f3f3f3}td.l,th.l{text-align:left}")
        .append(".warn{background:#fff3cd;padding:.5em 1em;border-left:4px solid #e0a800}")
        .append("figure{margin:1em 0}figcaption{font-size:90%;color:#555}")
        .append("</style></head><body>\n");
    h.append("<h1>Stratification report</h1>\n");
    h.append("<p>")
        .append(r.sampleIds().size())
        .append(" patients, layers ")
        .append(
            esc(String.join(", ", r.model().layers().stream().map(LayerTransform::layer).toList())))
        .append("; method <b>")
        .append(r.options().method().cliName())
        .append(r.options().consensus() ? " (consensus)" : "")
        .append("</b>, <b>k = ")
        .append(k)
        .append("</b>, seed ")
        .append(r.options().seed())
        .append(". Model <code>")
        .append(esc(r.model().name()))
        .append("</code>.</p>\n");
    r.context().ifPresent(c -> context(h, c));
    if (!r.warnings().isEmpty()) {
      h.append("<div class=\"warn\"><b>Warnings</b><ul>");
      for (String w : r.warnings()) {
        h.append("<li>").append(esc(w)).append("</li>");
      }
      h.append("</ul></div>\n");
    }
    preparation(h, r);
    choiceOfK(h, r);
    composition(h, r);
    demographics(h, r);
    consensus(h, r);
    projection(h, r);
    silhouette(h, r);
    stability(h, r);
    survival(h, r);
    profiles(h, r);
    h.append("<h2>Model</h2><p>model.json (format <code>")
        .append(dev.stratum.stratification.StratificationModel.FORMAT)
        .append("</code>, schema version ")
        .append(dev.stratum.stratification.StratificationModel.SCHEMA_VERSION)
        .append(") assigns new patients to the nearest cluster centroid after the same ")
        .append("preparation; on the training patients it reproduces ")
        .append(pct(r.model().trainingAgreement()))
        .append(" of the assignments.</p>\n");
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void preparation(StringBuilder h, StratificationResult r) {
    PreparedData p = r.prepared();
    h.append("<h2>Preparation</h2><table><tr><th class=l>layer</th><th>features kept</th>")
        .append("<th>log2(x+1)</th><th>dimensions</th><th>block weight</th>")
        .append("<th>patients without the layer</th></tr>");
    List<LayerTransform> ts = p.transforms();
    for (int l = 0; l < ts.size(); l++) {
      LayerTransform t = ts.get(l);
      int absent = 0;
      for (int s = 0; s < p.size(); s++) {
        if (!p.present(l, s)) {
          absent++;
        }
      }
      h.append("<tr><td class=l>")
          .append(esc(t.layer()))
          .append("</td><td>")
          .append(t.features().size())
          .append("</td><td>")
          .append(t.log2() ? "yes" : "no")
          .append("</td><td>")
          .append(t.dimension())
          .append(t.rotation().length > 0 ? " PCs" : " features")
          .append("</td><td>")
          .append(fmt(t.weight(), 4))
          .append("</td><td>")
          .append(absent)
          .append("</td></tr>");
    }
    h.append("</table><p>")
        .append(p.samplesMissingALayer())
        .append(" patients miss at least one whole layer; their block is the mean of their ")
        .append(r.options().preparation().imputeNeighbours())
        .append(" nearest neighbours on the layers they have. Missing values within a layer are ")
        .append("imputed with the feature mean.</p>\n");
  }

  private static void choiceOfK(StringBuilder h, StratificationResult r) {
    KSelection ks = r.kSelection();
    h.append("<h2>Choice of k</h2>");
    if (ks.candidates().isEmpty()) {
      h.append("<p>k = ").append(ks.chosenK()).append(" was fixed by the user.</p>\n");
      return;
    }
    h.append("<p>Chosen k = <b>")
        .append(ks.chosenK())
        .append("</b> by ")
        .append(esc(ks.reason()))
        .append(". All criteria are shown so the choice can be overruled with <code>--k</code>. ")
        .append("Silhouette: higher is better (Rousseeuw 1987). Gap: the smallest k with ")
        .append("Gap(k) &ge; Gap(k+1) &minus; s(k+1) (Tibshirani et al. 2001). PAC: the share of ")
        .append("patient pairs with consensus in (0.1, 0.9); lower is crisper (Şenbabaoğlu et al. ")
        .append("2014).</p>");
    h.append("<table><tr><th>k</th><th>mean silhouette</th><th>gap</th><th>s(k)</th><th>PAC</th>")
        .append("<th>smallest cluster</th><th>eligible</th></tr>");
    for (KSelection.Candidate c : ks.candidates()) {
      boolean chosen = c.k() == ks.chosenK();
      h.append(chosen ? "<tr style=\"font-weight:bold\">" : "<tr>")
          .append("<td>")
          .append(c.k())
          .append("</td><td>")
          .append(fmt(c.silhouette(), 3))
          .append("</td><td>")
          .append(fmt(c.gap(), 3))
          .append("</td><td>")
          .append(fmt(c.gapSe(), 3))
          .append("</td><td>")
          .append(fmt(c.pac(), 3))
          .append("</td><td>")
          .append(c.smallestCluster())
          .append("</td><td>")
          .append(c.eligible() ? "yes" : "no (below minimum size)")
          .append("</td></tr>");
    }
    h.append("</table>");
    XYSeries sil = new XYSeries("mean silhouette");
    YIntervalSeries gap = new YIntervalSeries("gap statistic");
    XYSeries pac = new XYSeries("PAC");
    for (KSelection.Candidate c : ks.candidates()) {
      sil.add(c.k(), c.silhouette());
      if (!Double.isNaN(c.gap())) {
        gap.add(c.k(), c.gap(), c.gap() - c.gapSe(), c.gap() + c.gapSe());
      }
      if (!Double.isNaN(c.pac())) {
        pac.add(c.k(), c.pac());
      }
    }
    h.append("<div style=\"display:flex;flex-wrap:wrap\">");
    h.append(
        figure(
            kChart("Mean silhouette width", new XYSeriesCollection(sil), "silhouette"), 360, 260));
    if (gap.getItemCount() > 0) {
      YIntervalSeriesCollection gc = new YIntervalSeriesCollection();
      gc.addSeries(gap);
      NumberAxis gy = new NumberAxis("Gap(k) ± s(k)");
      gy.setAutoRangeIncludesZero(false);
      XYPlot plot =
          new XYPlot(
              gc, kAxis(), gy, new org.jfree.chart.renderer.xy.DeviationRenderer(true, true));
      Charts.style(plot);
      plot.getRenderer().setSeriesPaint(0, Charts.color(1));
      ((org.jfree.chart.renderer.xy.DeviationRenderer) plot.getRenderer())
          .setSeriesFillPaint(0, new java.awt.Color(0xE69F00));
      JFreeChart chart = new JFreeChart("Gap statistic", plot);
      chart.removeLegend();
      h.append(figure(chart, 360, 260));
    }
    if (pac.getItemCount() > 0) {
      h.append(figure(kChart("PAC (consensus)", new XYSeriesCollection(pac), "PAC"), 360, 260));
    }
    h.append("</div>\n");
  }

  private static NumberAxis kAxis() {
    NumberAxis x = new NumberAxis("k");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setAutoRangeIncludesZero(false);
    return x;
  }

  private static JFreeChart kChart(String title, XYSeriesCollection ds, String yLabel) {
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(ds, kAxis(), y, new XYLineAndShapeRenderer(true, true));
    Charts.style(plot);
    Charts.lines(plot, true);
    JFreeChart chart = new JFreeChart(title, plot);
    chart.removeLegend();
    return chart;
  }

  private static void composition(StringBuilder h, StratificationResult r) {
    h.append("<h2>Clusters</h2><table><tr><th>cluster</th><th>patients</th><th>share</th>");
    List<LayerTransform> ts = r.model().layers();
    for (LayerTransform t : ts) {
      h.append("<th>without ").append(esc(t.layer())).append("</th>");
    }
    h.append("<th>mean silhouette</th></tr>");
    double[] sil = r.silhouette();
    int[] y = r.labels();
    for (ClusterProfile p : r.profiles()) {
      double s = 0;
      int ns = 0;
      for (int i = 0; i < y.length; i++) {
        if (y[i] == p.cluster() && !Double.isNaN(sil[i])) {
          s += sil[i];
          ns++;
        }
      }
      h.append("<tr><td>")
          .append(p.cluster() + 1)
          .append("</td><td>")
          .append(p.size())
          .append("</td><td>")
          .append(pct(p.share()))
          .append("</td>");
      for (int m : p.missingLayer()) {
        h.append("<td>").append(m).append("</td>");
      }
      h.append("<td>").append(fmt(ns == 0 ? Double.NaN : s / ns, 3)).append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void context(StringBuilder h, StudyContext c) {
    h.append("<h2>Patients</h2><p>Source: ").append(esc(c.source()));
    if (!c.families().isEmpty()) {
      h.append("; feature families ").append(esc(String.join(", ", c.families())));
    }
    h.append(".</p>");
    if (c.approvedProtocol() != null) {
      h.append("<p><b>Approved protocol ")
          .append(esc(c.approvedProtocol()))
          .append("</b>: patients without research consent were included under it.</p>");
    }
    if (!c.cohortNotes().isEmpty()) {
      h.append("<ul>");
      for (String n : c.cohortNotes()) {
        h.append("<li>").append(esc(n)).append("</li>");
      }
      h.append("</ul>");
    }
    h.append('\n');
  }

  private static void demographics(StringBuilder h, StratificationResult r) {
    DemographicComposition dc = r.composition();
    h.append("<h2>Demographic composition</h2>");
    if (dc.variables().isEmpty()) {
      h.append("<p>No demographics known for these patients (they come with feature-store ")
          .append("input, <code>--store</code>).</p>\n");
      return;
    }
    h.append("<p>Patients per cluster and category (share of the cluster). Pearson's ")
        .append("chi-square test of independence of cluster and category over the known values ")
        .append("(as R <code>chisq.test(table, correct = FALSE)</code>); a small p says the ")
        .append("clusters differ in composition. Unknown values are shown but not tested.</p>");
    int[] sizes = r.sizes();
    for (DemographicComposition.Variable v : dc.variables()) {
      h.append("<h3>").append(esc(v.name())).append("</h3><table><tr><th>cluster</th>");
      for (String c : v.categories()) {
        h.append("<th>").append(esc(c)).append("</th>");
      }
      h.append("</tr>");
      long[][] n = v.counts();
      for (int k = 0; k < n.length; k++) {
        h.append("<tr><td>").append(k + 1).append("</td>");
        for (long x : n[k]) {
          h.append("<td>")
              .append(x)
              .append(" (")
              .append(pct(sizes[k] == 0 ? 0 : (double) x / sizes[k]))
              .append(")</td>");
        }
        h.append("</tr>");
      }
      h.append("</table><p>&chi;&sup2; = ")
          .append(fmt(v.chiSquare(), 2))
          .append(" on ")
          .append(v.df())
          .append(" df, p = ")
          .append(pval(v.p()));
      if (v.minExpected() < 5) {
        h.append(" (smallest expected count ")
            .append(fmt(v.minExpected(), 1))
            .append(" &lt; 5: the chi-square approximation may be inaccurate)");
      }
      h.append(".</p>\n");
    }
  }

  /** Patients ordered by cluster, then by the first principal coordinate within the cluster. */
  private static Integer[] orderByCluster(int[] y, double[] key) {
    Integer[] idx = new Integer[y.length];
    for (int i = 0; i < y.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(
        idx, Comparator.comparingInt((Integer i) -> y[i]).thenComparingDouble(i -> -key[i]));
    return idx;
  }

  private static void consensus(StringBuilder h, StratificationResult r) {
    if (r.consensus().isEmpty()) {
      return;
    }
    Consensus c = r.consensus().get();
    double[][] m = c.matrix();
    int n = m.length;
    int[] y = r.labels();
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        if (y[j] == y[i]) {
          s += m[i][j];
        }
      }
      key[i] = s;
    }
    Integer[] order = orderByCluster(y, key);
    int bins = Math.min(n, 50); // 2500 SVG cells keep the page near 1 MB
    double[][] binned = new double[bins][bins];
    int[][] cnt = new int[bins][bins];
    for (int a = 0; a < n; a++) {
      int ba = (int) ((long) a * bins / n);
      for (int b = 0; b < n; b++) {
        int bb = (int) ((long) b * bins / n);
        binned[ba][bb] += m[order[a]][order[b]];
        cnt[ba][bb]++;
      }
    }
    for (int a = 0; a < bins; a++) {
      for (int b = 0; b < bins; b++) {
        binned[a][b] /= Math.max(1, cnt[a][b]);
      }
    }
    h.append("<h2>Consensus matrix</h2><p>Share of ")
        .append(r.options().resamples())
        .append(" subsamples (")
        .append(pct(r.options().subsampleFraction()))
        .append(" of patients each) in which two patients fell in the same cluster (Monti et al. ")
        .append("2003), patients ordered by cluster")
        .append(n > bins ? ", averaged over blocks of about " + (n / bins) + " patients" : "")
        .append(". Crisp blocks on the diagonal mean stable clusters. PAC at this k = ")
        .append(fmt(c.pac(), 3))
        .append(".</p>");
    h.append(
        figure(
            Charts.heatmap(
                "Consensus matrix (k = " + r.k() + ")",
                binned,
                "patients",
                "patients",
                Charts.sequential(),
                "consensus"),
            620,
            540));
  }

  private static double[][] projection(StratificationResult r) {
    double[][] x = r.prepared().data();
    int d = x[0].length;
    double[] mu = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mu[j] += row[j] / x.length;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] -= mu[j];
      }
    }
    double[][] axes = RandomizedPca.axes(x, Math.min(2, d), r.options().seed());
    double[][] pc = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      for (int a = 0; a < axes.length; a++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += axes[a][j] * x[i][j];
        }
        pc[i][a] = s;
      }
    }
    return pc;
  }

  private static void projection(StringBuilder h, StratificationResult r) {
    double[][] pc = projection(r);
    int[] y = r.labels();
    XYSeriesCollection ds = new XYSeriesCollection();
    for (int c = 0; c < r.k(); c++) {
      XYSeries s = new XYSeries("cluster " + (c + 1));
      for (int i = 0; i < y.length; i++) {
        if (y[i] == c) {
          s.add(pc[i][0], pc[i][1]);
        }
      }
      ds.addSeries(s);
    }
    XYLineAndShapeRenderer rd = new XYLineAndShapeRenderer(false, true);
    for (int c = 0; c < r.k(); c++) {
      rd.setSeriesPaint(c, Charts.color(c));
      rd.setSeriesShape(c, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
    }
    XYPlot plot = new XYPlot(ds, new NumberAxis("PC1"), new NumberAxis("PC2"), rd);
    Charts.style(plot);
    h.append("<h2>Projection</h2><p>First two principal components of the clustering space ")
        .append("(all layers, after preparation), coloured by cluster.</p>")
        .append(figure(new JFreeChart("PCA projection by cluster", plot), 620, 480));
  }

  private static void silhouette(StringBuilder h, StratificationResult r) {
    double[] sil = r.silhouette();
    int[] y = r.labels();
    Integer[] order = orderByCluster(y, sil);
    XYSeriesCollection ds = new XYSeriesCollection();
    List<XYSeries> series = new ArrayList<>();
    for (int c = 0; c < r.k(); c++) {
      XYSeries s = new XYSeries("cluster " + (c + 1));
      series.add(s);
      ds.addSeries(s);
    }
    int pos = 0;
    for (Integer i : order) {
      if (!Double.isNaN(sil[i])) {
        series.get(y[i]).add(pos++, sil[i]);
      }
    }
    XYBarRenderer rd = new XYBarRenderer();
    rd.setShadowVisible(false);
    rd.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
    for (int c = 0; c < r.k(); c++) {
      rd.setSeriesPaint(c, Charts.color(c));
    }
    NumberAxis x = new NumberAxis("patients (by cluster)");
    x.setTickLabelsVisible(false);
    XYPlot plot = new XYPlot(ds, x, new NumberAxis("silhouette width"), rd);
    Charts.style(plot);
    h.append("<h2>Silhouette</h2><p>Mean silhouette width ")
        .append(fmt(r.meanSilhouette(), 3))
        .append(". Negative widths are patients closer to another cluster than to their own.</p>")
        .append(figure(new JFreeChart("Silhouette plot", plot), 720, 360));
  }

  private static void stability(StringBuilder h, StratificationResult r) {
    Stability s = r.stability();
    h.append("<h2>Stability</h2>");
    if (s.bootstraps() > 0) {
      h.append("<p>Per-cluster Jaccard similarity under ")
          .append(s.bootstraps())
          .append(" bootstrap resamples (Hennig 2007): above 0.85 highly stable, 0.6-0.75 ")
          .append("patterns, below 0.6 the cluster dissolves.</p><table><tr><th>cluster</th>")
          .append("<th>mean Jaccard</th></tr>");
      double[] j = s.jaccard();
      for (int c = 0; c < j.length; c++) {
        h.append("<tr><td>")
            .append(c + 1)
            .append("</td><td>")
            .append(fmt(j[c], 3))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    if (s.runs() > 0) {
      h.append("<p>Adjusted Rand index between ")
          .append(s.runs() + 1)
          .append(" runs with different seeds: mean ")
          .append(fmt(s.meanAri(), 3))
          .append(", minimum ")
          .append(fmt(s.minAri(), 3))
          .append(".</p>\n");
    }
  }

  private static void survival(StringBuilder h, StratificationResult r) {
    if (r.survival().isEmpty()) {
      h.append("<h2>Survival</h2><p>No follow-up was given (use <code>--survival</code>).</p>\n");
      return;
    }
    SurvivalByCluster s = r.survival().get();
    XYSeriesCollection ds = new XYSeriesCollection();
    double maxT = 0;
    for (int c = 0; c < s.curves().size(); c++) {
      KaplanMeier km = s.curves().get(c);
      XYSeries xs = new XYSeries("cluster " + (c + 1), false, true);
      xs.add(0, 1);
      double[] t = km.time();
      double[] sv = km.survival();
      for (int i = 0; i < t.length; i++) {
        xs.add(t[i], sv[i]);
        maxT = Math.max(maxT, t[i]);
      }
      ds.addSeries(xs);
    }
    XYStepRenderer rd = new XYStepRenderer();
    for (int c = 0; c < s.curves().size(); c++) {
      rd.setSeriesPaint(c, Charts.color(c));
      rd.setSeriesStroke(c, new java.awt.BasicStroke(2f));
    }
    NumberAxis y = new NumberAxis("survival probability");
    y.setRange(0, 1.02);
    XYPlot plot = new XYPlot(ds, new NumberAxis("time"), y, rd);
    Charts.style(plot);
    h.append("<h2>Survival by cluster</h2><p>")
        .append(s.patients())
        .append(" patients with follow-up")
        .append(s.withoutFollowUp() > 0 ? " (" + s.withoutFollowUp() + " without)" : "")
        .append(". Kaplan-Meier estimates (Kaplan and Meier 1958).</p>")
        .append(figure(new JFreeChart("Kaplan-Meier curves by cluster", plot), 720, 440));
    double[] at = new double[6];
    for (int i = 0; i < at.length; i++) {
      at[i] = niceRound(maxT * i / (at.length - 1));
    }
    h.append("<table><tr><th class=l>numbers at risk</th>");
    for (double t : at) {
      h.append("<th>t = ").append(fmt(t, 0)).append("</th>");
    }
    h.append("</tr>");
    for (int c = 0; c < s.curves().size(); c++) {
      h.append("<tr><td class=l style=\"color:#")
          .append(String.format(Locale.ROOT, "%06x", Charts.color(c).getRGB() & 0xFFFFFF))
          .append("\">cluster ")
          .append(c + 1)
          .append("</td>");
      for (double t : at) {
        h.append("<td>").append(s.curves().get(c).atRiskAt(t)).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");
    var lr = s.logRank();
    h.append("<p>Log-rank test (Mantel 1966, as R <code>survival::survdiff</code>): &chi;&sup2; = ")
        .append(fmt(lr.chiSquare(), 2))
        .append(" on ")
        .append(lr.df())
        .append(" df, p = ")
        .append(pval(lr.p()));
    if (lr.permutations() > 0) {
      h.append("; permutation p = ")
          .append(pval(lr.permutationP()))
          .append(" (")
          .append(lr.permutations())
          .append(" relabelings)");
    }
    h.append(".</p><table><tr><th>cluster</th><th>patients</th><th>events</th><th>expected</th>")
        .append("<th>median survival</th><th>HR vs cluster ")
        .append(s.reference() + 1)
        .append("</th><th>95% CI</th><th>Wald p</th></tr>");
    for (int c = 0; c < s.curves().size(); c++) {
      KaplanMeier km = s.curves().get(c);
      h.append("<tr><td>")
          .append(c + 1)
          .append("</td><td>")
          .append(km.atRisk()[0])
          .append("</td><td>")
          .append(fmt(lr.observed()[c], 0))
          .append("</td><td>")
          .append(fmt(lr.expected()[c], 1))
          .append("</td><td>")
          .append(Double.isNaN(km.median()) ? "not reached" : fmt(km.median(), 1))
          .append("</td>");
      int j = -1;
      for (int a = 0; a < s.coxClusters().length; a++) {
        if (s.coxClusters()[a] == c) {
          j = a;
        }
      }
      if (j < 0) {
        h.append("<td>1 (reference)</td><td></td><td></td>");
      } else {
        var cox = s.cox();
        h.append("<td>")
            .append(fmt(cox.hazardRatio(j), 2))
            .append("</td><td>")
            .append(fmt(cox.lower95(j), 2))
            .append("-")
            .append(fmt(cox.upper95(j), 2))
            .append("</td><td>")
            .append(pval(cox.p()[j]))
            .append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table><p>Hazard ratios from a Cox model (Efron ties, as R <code>coxph</code>) ")
        .append("with one indicator per cluster, the largest cluster as reference.</p>\n");
  }

  private static void profiles(StringBuilder h, StratificationResult r) {
    h.append("<h2>What drives each cluster</h2><p>Top features per cluster by |Cohen's d| ")
        .append("(cluster vs the rest, z-scores of the prepared features); Welch t-test p and ")
        .append("Benjamini-Hochberg q over all features of all layers for that cluster.</p>");
    Set<String> heat = new LinkedHashSet<>();
    for (ClusterProfile p : r.profiles()) {
      h.append("<h3>Cluster ")
          .append(p.cluster() + 1)
          .append(" (")
          .append(p.size())
          .append(" patients)</h3><table><tr><th class=l>layer</th><th class=l>feature</th>")
          .append("<th>mean z in</th><th>mean z out</th><th>d</th><th>p</th><th>q (BH)</th></tr>");
      int shown = 0;
      for (ClusterProfile.FeatureEffect e : p.topFeatures()) {
        h.append("<tr><td class=l>")
            .append(esc(e.layer()))
            .append("</td><td class=l>")
            .append(esc(e.feature()))
            .append("</td><td>")
            .append(fmt(e.meanIn(), 2))
            .append("</td><td>")
            .append(fmt(e.meanOut(), 2))
            .append("</td><td>")
            .append(fmt(e.effectSize(), 2))
            .append("</td><td>")
            .append(pval(e.p()))
            .append("</td><td>")
            .append(pval(e.q()))
            .append("</td></tr>");
        if (shown++ < 6) {
          heat.add(e.layer() + "\u0000" + e.feature());
        }
      }
      h.append("</table>");
    }
    featureHeatmap(h, r, new ArrayList<>(heat));
  }

  private static void featureHeatmap(StringBuilder h, StratificationResult r, List<String> feats) {
    if (feats.isEmpty()) {
      return;
    }
    int[] y = r.labels();
    int n = y.length;
    double[] zero = new double[n];
    Integer[] order = orderByCluster(y, zero);
    double[][] rows = new double[feats.size()][];
    List<String> names = new ArrayList<>();
    for (int f = 0; f < feats.size(); f++) {
      String[] lf = feats.get(f).split("\u0000", 2);
      names.add(lf[0] + ":" + lf[1]);
      rows[f] = r.zscores(lf[0], lf[1]);
    }
    int bins = Math.min(n, 100);
    double[][] z = new double[feats.size()][bins];
    for (int f = 0; f < feats.size(); f++) {
      double[] sum = new double[bins];
      int[] cnt = new int[bins];
      for (int pos = 0; pos < n; pos++) {
        double v = rows[f][order[pos]];
        if (!Double.isNaN(v)) {
          int b = (int) ((long) pos * bins / n);
          sum[b] += v;
          cnt[b]++;
        }
      }
      for (int b = 0; b < bins; b++) {
        z[f][b] = cnt[b] == 0 ? Double.NaN : sum[b] / cnt[b];
      }
    }
    StringBuilder bounds = new StringBuilder();
    int prev = 0;
    for (int c = 0; c < r.k(); c++) {
      int size = 0;
      for (int v : y) {
        if (v == c) {
          size++;
        }
      }
      bounds
          .append(c == 0 ? "" : ", ")
          .append("cluster ")
          .append(c + 1)
          .append(": patients ")
          .append(prev + 1)
          .append("-")
          .append(prev + size);
      prev += size;
    }
    h.append("<h3>Feature heatmap</h3><p>Rows (top to bottom): ")
        .append(esc(String.join(", ", names)))
        .append(". Columns: patients ordered by cluster (")
        .append(bounds)
        .append(")")
        .append(n > bins ? ", averaged over blocks of about " + (n / bins) + " patients" : "")
        .append(". Colour: z-score clipped to &plusmn;2.</p>")
        .append(
            figure(
                Charts.heatmap(
                    "Top features by cluster",
                    z,
                    "patients (by cluster)",
                    "features",
                    Charts.diverging(2),
                    "z"),
                760,
                Math.max(260, 60 + 14 * feats.size())));
  }

  private static String figure(JFreeChart chart, int w, int hgt) {
    return "<figure>" + Charts.svg(chart, w, hgt) + "</figure>\n";
  }

  static double niceRound(double t) {
    if (t <= 0) {
      return 0;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(t)));
    return Math.round(t / mag * 2) / 2.0 * mag;
  }

  static String fmt(double v, int digits) {
    if (Double.isNaN(v)) {
      return "&ndash;";
    }
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  static String pval(double p) {
    if (Double.isNaN(p)) {
      return "&ndash;";
    }
    return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
