package dev.stratum.trialsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.trialsim.sim.DesignReader;
import dev.stratum.trialsim.sim.SimulationResult;
import dev.stratum.trialsim.sim.TrialDesign;
import dev.stratum.trialsim.sim.TrialSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Power curve and duration charts as SVG. */
class ChartsTest {
  private static final Path SHIPPED =
      Path.of(System.getProperty("stratum.root"), "docs/designs/gs-survival-3look.json");

  @Test
  void powerCurveRisesFromAlphaToAboveDesignPower(@TempDir Path dir) throws IOException {
    TrialDesign d = DesignReader.read(SHIPPED);
    int reps = 400;
    PowerCurve c = PowerCurve.simulate(d, 4, reps, 3L, 2);
    assertEquals(4, c.points().size());
    assertEquals(1.0, c.points().get(0).effect(), 1e-12);
    // at the null the analytic power is alpha; at 1.5x the log hazard ratio it exceeds 0.9
    assertEquals(0.025, c.points().get(0).analytic(), 1e-6);
    assertTrue(c.points().get(3).analytic() > 0.99);
    for (PowerCurve.Point p : c.points()) {
      assertEquals(
          p.analytic(), p.power(), 4 * Math.sqrt(p.analytic() * (1 - p.analytic()) / reps) + 1e-12);
    }
    Path svg = dir.resolve("curve.svg");
    Charts.writeSvg(Charts.powerCurve(c, d.endpoint()), svg, 640, 400);
    String text = Files.readString(svg, StandardCharsets.UTF_8);
    assertTrue(text.contains("<svg"), "an SVG document");
    assertTrue(text.contains("Power curve"));
  }

  @Test
  void durationHistogram(@TempDir Path dir) throws IOException {
    SimulationResult r = TrialSimulator.run(DesignReader.read(SHIPPED), 300, 1L, 1);
    Path svg = dir.resolve("duration.svg");
    Charts.writeSvg(Charts.durationHistogram(r), svg, 640, 400);
    assertTrue(Files.readString(svg, StandardCharsets.UTF_8).contains("trial duration"));
  }
}
