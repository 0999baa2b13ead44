package dev.stratum.notebooks.commands.biostat;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import dev.stratum.notebooks.svg.SvgXYChart;
import dev.stratum.stratification.StratificationResult;
import dev.stratum.stratification.SurvivalByCluster;
import dev.stratum.stratification.stats.KaplanMeier;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code km}: the Kaplan-Meier curves (Kaplan and Meier 1958) by cluster of the session's last
 * {@code stratify --survival ...}, with the median survival per cluster and the log-rank test.
 */
public final class KmCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of("km", "", "Kaplan-Meier curves by cluster of the last stratification (SVG)");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    StratificationResult r = BiostatArgs.last(in.session());
    SurvivalByCluster s = survival(r);
    List<List<String>> rows = new ArrayList<>();
    for (int c = 0; c < s.curves().size(); c++) {
      KaplanMeier km = s.curves().get(c);
      int events = 0;
      for (int e : km.events()) {
        events += e;
      }
      rows.add(
          List.of(
              String.valueOf(c + 1),
              String.valueOf(km.atRisk().length == 0 ? 0 : km.atRisk()[0]),
              String.valueOf(events),
              Numbers.plain(km.median(), 5)));
    }
    return ParagraphOutput.of(
        Display.table(List.of("cluster", "patients", "events", "median"), rows),
        Display.html(chart(r)),
        Display.text(
            "log-rank chi-square "
                + Numbers.plain(s.logRank().chiSquare(), 4)
                + " on "
                + s.logRank().df()
                + " df, p = "
                + Numbers.plain(s.logRank().p(), 3)));
  }

  private static SurvivalByCluster survival(StratificationResult r) {
    return r.survival()
        .orElseThrow(
            () ->
                InvalidInputException.ofArgument(
                    "--survival", "the last stratify had no --survival file"));
  }

  /** The curves as steps starting at S(0) = 1. */
  static String chart(StratificationResult r) {
    SurvivalByCluster s = survival(r);
    List<SvgXYChart.Series> series = new ArrayList<>();
    for (int c = 0; c < s.curves().size(); c++) {
      KaplanMeier km = s.curves().get(c);
      double[] t = km.time();
      double[] sv = km.survival();
      double[] x = new double[t.length + 1];
      double[] y = new double[t.length + 1];
      y[0] = 1;
      for (int i = 0; i < t.length; i++) {
        x[i + 1] = t[i];
        y[i + 1] = sv[i];
      }
      series.add(new SvgXYChart.Series("cluster " + (c + 1), SvgXYChart.Kind.STEP, x, y));
    }
    return new SvgXYChart(
            "Kaplan-Meier survival by cluster", "time", "survival", series, new double[] {0, 1})
        .toSvg();
  }
}
