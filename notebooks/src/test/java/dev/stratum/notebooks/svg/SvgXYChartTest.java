package dev.stratum.notebooks.svg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class SvgXYChartTest {

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  @Test
  void stepSeriesHoldsEachValueUntilTheNextTime() throws Exception {
    // Survival 1 until t=1, 0.5 until t=2, then 0.25: a right-continuous step function.
    SvgXYChart c =
        new SvgXYChart(
            "KM",
            "months",
            "survival",
            List.of(
                new SvgXYChart.Series(
                    "arm A",
                    SvgXYChart.Kind.STEP,
                    new double[] {0, 1, 2},
                    new double[] {1, 0.5, 0.25})),
            new double[] {0, 1});
    Document d = parse(c.toSvg());
    Element line = (Element) d.getElementsByTagNameNS("*", "polyline").item(0);
    String[] pts = line.getAttribute("points").split(" ");
    // 3 points + 2 corners; plot x from 64 to 490 over [0, 2], y from 350 (0) to 36 (1).
    assertEquals(5, pts.length);
    assertEquals("64.0,36.0", pts[0]);
    assertEquals("277.0,36.0", pts[1]); // corner: t=1 at the old value 1
    assertEquals("277.0,193.0", pts[2]); // t=1, 0.5
    assertEquals("490.0,193.0", pts[3]);
    assertEquals("490.0,271.5", pts[4]); // t=2, 0.25
  }

  @Test
  void pointsAndLinesWithLegend() throws Exception {
    SvgXYChart c =
        new SvgXYChart(
            "projection <1>",
            "PC1",
            "PC2",
            List.of(
                new SvgXYChart.Series(
                    "c1", SvgXYChart.Kind.POINTS, new double[] {1, -1}, new double[] {2, 0}),
                new SvgXYChart.Series(
                    "power", SvgXYChart.Kind.LINE, new double[] {0, 1}, new double[] {0, 1})),
            null);
    Document d = parse(c.toSvg());
    assertEquals(2, d.getElementsByTagNameNS("*", "circle").getLength());
    assertEquals(1, d.getElementsByTagNameNS("*", "polyline").getLength());
  }

  @Test
  void ticksAreRound() {
    assertArrayEquals(
        new double[] {0, 0.2, 0.4, 0.6000000000000001, 0.8, 1}, SvgXYChart.ticks(0, 1));
    assertArrayEquals(new double[] {0, 5, 10, 15, 20, 25}, SvgXYChart.ticks(0.3, 24));
  }

  @Test
  void invalidSeriesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SvgXYChart.Series(
                "a", SvgXYChart.Kind.STEP, new double[] {2, 1}, new double[] {1, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SvgXYChart.Series("a", SvgXYChart.Kind.LINE, new double[] {1}, new double[] {}));
  }
}
