package dev.stratum.trialsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.SchemaMismatchException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The design JSON format: the shipped golden file reads, and errors name file, line and field. */
class DesignReaderTest {
  private static final Path SHIPPED =
      Path.of(System.getProperty("stratum.root"), "docs/designs/gs-survival-3look.json");

  @Test
  void readsTheShippedThreeLookDesign() {
    TrialDesign d = DesignReader.read(SHIPPED);
    assertEquals("gs-survival-3look", d.name());
    assertEquals(501, d.sampleSize());
    Endpoint.TimeToEvent e = assertInstanceOf(Endpoint.TimeToEvent.class, d.endpoint());
    assertEquals(Math.log(2) / 12, e.controlHazards()[0], 1e-15);
    assertEquals(0.7, e.hazardRatio(), 0);
    assertEquals(3, d.lookCounts().length);
    assertEquals(223.0 / 335, d.boundaries().timing()[1], 1e-15);
    assertEquals(0.025, d.boundaries().alpha(), 0);
  }

  @Test
  void readsTheShippedEnrichmentDesign() {
    TrialDesign d =
        DesignReader.read(
            Path.of(System.getProperty("stratum.root"), "docs/designs/enrichment-2strata.json"));
    assertEquals(2, d.strata().size());
    assertEquals(0.55, d.strata().get(0).effect(), 0);
    assertEquals(new Enrichment(1, 0.5), d.enrichment());
    assertEquals(-Math.log(0.95) / 12, d.dropoutHazard(), 1e-15);
    assertEquals(2, d.accrual().rates().length);
    assertEquals(84, d.maxDuration(), 0);
  }

  private static String design(String endpoint) {
    return """
        {
          "format": "stratum-trial-design",
          "version": 1,
          "arms": [{"name": "control"}, {"name": "experimental"}],
          "sample_size": 100,
          "accrual": {"duration": 12},
          "endpoint": ENDPOINT,
          "analyses": {"events": [40, 80]},
          "boundaries": {"upper": "ldof"}
        }
        """
        .replace("ENDPOINT", endpoint);
  }

  @Test
  void badValueNamesLineAndField() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                DesignReader.parse(
                    "d.json",
                    design(
                        "{\"type\": \"time-to-event\", \"control_median\": 12, \"hazard_ratio\": -1}")));
    assertEquals(
        "d.json:7: field 'endpoint.hazard_ratio': hazard ratio must be finite and > 0, got -1.0",
        e.getMessage());
  }

  @Test
  void unknownFieldIsRefused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                DesignReader.parse(
                    "d.json",
                    design(
                        "{\"type\": \"time-to-event\", \"control_median\": 12, \"hazardratio\": 0.7}")));
    assertEquals(7, e.line());
    assertEquals("endpoint.hazardratio", e.field().orElseThrow());
  }

  @Test
  void newerVersionIsASchemaMismatch() {
    String json =
        design("{\"type\": \"binary\", \"control_rate\": 0.2, \"experimental_rate\": 0.3}")
            .replace("\"version\": 1", "\"version\": 2");
    SchemaMismatchException e =
        assertThrows(SchemaMismatchException.class, () -> DesignReader.parse("d.json", json));
    assertEquals(
        "d.json: written as stratum-trial-design version 2, this build reads version 1",
        e.getMessage());
  }

  @Test
  void endpointAndLookKindMustAgree() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                DesignReader.parse(
                    "d.json",
                    design(
                        "{\"type\": \"binary\", \"control_rate\": 0.2, \"experimental_rate\": 0.3}")));
    assertEquals(8, e.line());
    assertEquals(
        "time-to-event endpoints are analysed at event counts, others at patient counts",
        e.reason());
  }

  @Test
  void malformedJsonReportsTheLine() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> DesignReader.parse("d.json", "{\n  \"format\": ,\n}"));
    assertEquals(2, e.line());
  }

  @Test
  void writtenDesignsReadBackEqual() {
    Path root = Path.of(System.getProperty("stratum.root"));
    for (String f : new String[] {"gs-survival-3look.json", "enrichment-2strata.json"}) {
      TrialDesign d = DesignReader.read(root.resolve("docs/designs").resolve(f));
      for (TrialDesign x :
          new TrialDesign[] {
            d,
            d.underNull(),
            d.withEffect(0.8),
            d.withSampleSize(d.sampleSize() + 7),
            d.withStrata(
                java.util.List.of(
                    new dev.stratum.core.strata.StratumSummary("A", 0.3, 3),
                    new dev.stratum.core.strata.StratumSummary("B", 0.7, 7)),
                new double[] {0.6, 0.9})
          }) {
        assertEquals(x, DesignReader.parse(f, DesignWriter.toJson(x)), f);
      }
    }
  }
}
