package dev.stratum.notebooks.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class SvgBarChartTest {

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  @Test
  void wellFormedSelfContainedSvgWithOneRectPerBar() throws Exception {
    String svg =
        new SvgBarChart(
                "a <b> & 'c'",
                "value",
                List.of(new SvgBarChart.Bar("g/L", 0.015), new SvgBarChart.Bar("mg/L", 15)),
                true)
            .toSvg();
    Document d = parse(svg);
    assertEquals("svg", d.getDocumentElement().getLocalName());
    assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getNamespaceURI());
    // background + one rect per bar
    assertEquals(3, d.getElementsByTagNameNS("*", "rect").getLength());
    assertTrue(svg.contains("a &lt;b&gt; &amp; &#39;c&#39;"), svg);
    assertTrue(!svg.contains("<script") && !svg.contains("href"), "self-contained");
  }

  @Test
  void logScaleBarLengthsAreProportionalToLog10() throws Exception {
    // axis from floor(log10 min) - 1 = -3 to ceil(log10 max) = 2 over 420 px (640 - 150 - 70):
    // bar for 0.01 = 1e-2 spans 1 decade = 84 px, bar for 100 = 1e2 spans 5 decades = 420 px.
    String svg =
        new SvgBarChart(
                "t",
                "v",
                List.of(new SvgBarChart.Bar("a", 0.01), new SvgBarChart.Bar("b", 100)),
                true)
            .toSvg();
    Document d = parse(svg);
    var rects = d.getElementsByTagNameNS("*", "rect");
    double w1 = Double.parseDouble(((org.w3c.dom.Element) rects.item(1)).getAttribute("width"));
    double w2 = Double.parseDouble(((org.w3c.dom.Element) rects.item(2)).getAttribute("width"));
    assertEquals(84, w1, 0.05);
    assertEquals(420, w2, 0.05);
  }

  @Test
  void logScaleRejectsNonPositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SvgBarChart("t", "v", List.of(new SvgBarChart.Bar("a", 0)), true));
  }
}
