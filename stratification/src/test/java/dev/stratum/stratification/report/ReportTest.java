package dev.stratum.stratification.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.SchemaMismatchException;
import dev.stratum.stratification.StratificationModel;
import dev.stratum.stratification.StratificationResult;
import dev.stratum.stratification.Stratifier;
import dev.stratum.stratification.StratifierOptions;
import dev.stratum.stratification.TestCohorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  @Test
  void writesAssignmentsModelAndSelfContainedReport() throws Exception {
    var sim = TestCohorts.small(250, 21);
    StratificationResult r =
        Stratifier.fit(
            sim.matrix(),
            TestCohorts.survival(sim),
            StratifierOptions.defaults(2).withEffort(8, 3, 1, 3, 99));
    Report.Files3 f = Report.write(r, dir.resolve("out"));
    List<String> lines = Files.readAllLines(f.assignments(), StandardCharsets.UTF_8);
    assertEquals("sample_id,cluster", lines.get(0));
    assertEquals(r.sampleIds().size() + 1, lines.size());
    assertTrue(lines.get(1).matches("P\\d{5},[1-9]"), lines.get(1));

    StratificationModel m = StratificationModel.read(f.model());
    assertEquals(r.k(), m.k());

    String html = Files.readString(f.report(), StandardCharsets.UTF_8);
    // Six chart families: k curves (3), consensus heatmap, PCA, silhouette, KM, feature heatmap.
    int svgs = html.split("<svg", -1).length - 1;
    assertTrue(svgs >= 8, svgs + " charts");
    for (String must :
        List.of(
            "Choice of k",
            "Consensus matrix",
            "PCA projection",
            "Silhouette plot",
            "Kaplan-Meier",
            "numbers at risk",
            "Log-rank",
            "HR vs cluster",
            "What drives",
            "Feature heatmap",
            "Jaccard",
            "Adjusted Rand")) {
      assertTrue(html.contains(must), "report lacks " + must);
    }
    // Self-contained: no scripts, no external resources (the SVG namespace is not a fetch).
    assertFalse(html.contains("<script"));
    assertFalse(html.replace("http://www.w3.org/", "").matches("(?s).*(src|href)=\"https?:.*"));
  }

  @Test
  void unknownModelVersionsAreRefused() throws Exception {
    var sim = TestCohorts.small(120, 22);
    StratificationResult r =
        Stratifier.fit(
            sim.matrix(), StratifierOptions.defaults(2).withK(3).withEffort(3, 0, 0, 0, 0));
    String json = r.model().toJson();
    String future = json.replace("\"schema_version\" : 1", "\"schema_version\" : 2");
    assertTrue(!future.equals(json));
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class, () -> StratificationModel.fromJson("m.json", future));
    assertTrue(e.getMessage().contains("v2"), e.getMessage());
    String other = json.replace("stratum-stratification-model", "something-else");
    assertThrows(
        SchemaMismatchException.class, () -> StratificationModel.fromJson("m.json", other));
  }
}
