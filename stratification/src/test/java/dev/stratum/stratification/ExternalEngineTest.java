package dev.stratum.stratification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.stratification.cluster.Method;
import dev.stratum.stratification.report.Report;
import dev.stratum.stratification.stats.ClusterAgreement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Stratifier#fitWith}: an engine from outside the module, and the study context. */
class ExternalEngineTest {

  @Test
  void anExternalEngineFeedsTheSameModelStabilityAndReport() {
    CohortSimulator c = new CohortSimulator(240, new double[] {0.4, 0.35, 0.25}, 1.2, 5);
    AtomicInteger calls = new AtomicInteger();
    StratifierOptions o = StratifierOptions.defaults(5).withK(3).withEffort(5, 3, 2, 0, 0);
    StratificationResult r =
        Stratifier.fitWith(
            c.matrix(),
            Map.of(),
            o,
            "test-engine",
            (in, k, seed) -> {
              calls.incrementAndGet();
              return Method.KMEANS.cluster(in, k, seed);
            },
            stage -> {});
    // 1 final run + 3 bootstraps + 2 stability runs, all by the engine
    assertEquals(6, calls.get());
    assertEquals("test-engine", r.model().method());
    assertEquals("stratum-test-engine-k3-seed5", r.model().name());
    assertTrue(r.consensus().isEmpty());
    double ari = ClusterAgreement.adjustedRand(r.labels(), c.truthFor(r.sampleIds()));
    assertTrue(ari >= 0.9, "ARI " + ari);
    // the frozen model reproduces the training labels (nearest centroid of k-means clusters)
    assertTrue(r.model().trainingAgreement() > 0.95);

    Map<String, StudyContext.Demographics> demo = new HashMap<>();
    for (String id : r.sampleIds()) {
      demo.put(
          id,
          new StudyContext.Demographics(
              id.hashCode() % 2 == 0 ? "female" : "male", null, null, "55-64"));
    }
    StratificationResult withCtx =
        r.withContext(
            new StudyContext(
                "test store", "snap-1", List.of("omics:a"), "IRB-42", List.of("note"), demo));
    // race and ethnicity unknown for all: no variable; age group has one category: not tested
    assertEquals(2, withCtx.composition().variables().size());
    assertEquals("age group", withCtx.composition().variables().get(1).name());
    assertTrue(Double.isNaN(withCtx.composition().variables().get(1).p()));
    String html = Report.html(withCtx);
    assertTrue(html.contains("Approved protocol IRB-42"));
    assertTrue(html.contains("Demographic composition"));
    String model = Report.modelJson(withCtx);
    assertTrue(model.contains("\"approved_protocol\" : \"IRB-42\""), model.substring(0, 200));
    assertTrue(model.contains("\"snapshot\" : \"snap-1\""));
    // model.json with training_data still reads as schema version 1
    assertEquals(3, StratificationModel.fromJson("model.json", model).k());
  }

  @Test
  void autoKIsRefused() {
    CohortSimulator c = new CohortSimulator(60, new double[] {0.5, 0.5}, 1.2, 1);
    assertThrows(
        InvalidInputException.class,
        () ->
            Stratifier.fitWith(
                c.matrix(), Map.of(), StratifierOptions.defaults(1), "x", Method.KMEANS, s -> {}));
  }
}
