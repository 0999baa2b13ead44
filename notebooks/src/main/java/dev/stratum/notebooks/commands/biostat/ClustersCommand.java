package dev.stratum.notebooks.commands.biostat;

import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.notebooks.svg.SvgXYChart;
import dev.stratum.stratification.ClusterProfile;
import dev.stratum.stratification.StratificationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code clusters}: the clusters of the session's last {@code stratify}: size, share, bootstrap
 * Jaccard stability (Hennig 2007) and the most distinctive feature, and the patients on the first
 * two principal components of the prepared data, coloured by cluster.
 */
public final class ClustersCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of("clusters", "", "the last stratification's clusters (table) and projection (SVG)");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    StratificationResult r = BiostatArgs.last(in.session());
    return ParagraphOutput.of(clusters(r), Display.html(projection(r)));
  }

  static Display clusters(StratificationResult r) {
    List<List<String>> rows = new ArrayList<>();
    double[] jac = r.stability().jaccard();
    for (ClusterProfile p : r.profiles()) {
      ClusterProfile.FeatureEffect top = p.topFeatures().isEmpty() ? null : p.topFeatures().get(0);
      rows.add(
          List.of(
              String.valueOf(p.cluster() + 1),
              String.valueOf(p.size()),
              Numbers.plain(p.share(), 4),
              Numbers.plain(jac[p.cluster()], 3),
              top == null ? "" : top.layer() + ":" + top.feature(),
              top == null ? "" : Numbers.plain(top.effectSize(), 3)));
    }
    return Display.table(
        List.of("cluster", "size", "share", "jaccard", "top_feature", "effect_size"), rows);
  }

  /**
   * The patients on the first two principal components of the prepared (standardised, per-layer
   * reduced) data, found by power iteration with deflation on the covariance matrix (Golub and Van
   * Loan 2013, sec. 7.3); the start vector is fixed, so the chart is the same on every run.
   */
  static String projection(StratificationResult r) {
    double[][] x = r.prepared().data();
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    double[][] c = new double[d][d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        double ri = row[i] - mean[i];
        for (int j = 0; j < d; j++) {
          c[i][j] += ri * (row[j] - mean[j]) / Math.max(1, n - 1);
        }
      }
    }
    double[][] pcs = new double[2][];
    for (int k = 0; k < 2; k++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) {
        v[j] = 1 + 0.01 * j;
      }
      double lambda = 0;
      for (int it = 0; it < 500; it++) {
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
          for (int j = 0; j < d; j++) {
            w[i] += c[i][j] * v[j];
          }
        }
        double norm = 0;
        for (double e : w) {
          norm += e * e;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
          break;
        }
        for (int j = 0; j < d; j++) {
          w[j] /= norm;
        }
        v = w;
        lambda = norm;
      }
      pcs[k] = v;
      // deflate: remove the component found
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          c[i][j] -= lambda * v[i] * v[j];
        }
      }
    }
    int[] labels = r.labels();
    List<SvgXYChart.Series> series = new ArrayList<>();
    for (int cl = 0; cl < r.k(); cl++) {
      List<double[]> pts = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        if (labels[s] == cl) {
          double a = 0;
          double b = 0;
          for (int j = 0; j < d; j++) {
            a += (x[s][j] - mean[j]) * pcs[0][j];
            b += (x[s][j] - mean[j]) * pcs[1][j];
          }
          pts.add(new double[] {a, b});
        }
      }
      if (!pts.isEmpty()) {
        series.add(
            new SvgXYChart.Series(
                "cluster " + (cl + 1) + " (" + pts.size() + ")",
                SvgXYChart.Kind.POINTS,
                pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray()));
      }
    }
    return new SvgXYChart(
            "Patients by cluster, first two principal components", "PC1", "PC2", series, null)
        .toSvg();
  }
}
