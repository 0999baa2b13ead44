package dev.stratum.stratification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.strata.StratumAssignment;
import dev.stratum.core.strata.StratumSummary;
import dev.stratum.stratification.cluster.Method;
import dev.stratum.stratification.stats.ClusterAgreement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recovery of planted strata on simulated cohorts (see {@link CohortSimulator}): 4 strata of 40%,
 * 30%, 20% and 10%, expression (400 features) and protein (200 features) layers, 10% signal
 * features shifted by 1 SD, 2% NA, 4% of patients without the protein layer. Issue 6 floor: ARI
 * &gt;= 0.9 at the defaults and --k auto finds the planted k.
 */
class StratifierRecoveryTest {
  static final double[] SHARES = {0.4, 0.3, 0.2, 0.1};

  @Test
  void defaultsWithAutomaticKRecoverThePlantedStrata() {
    CohortSimulator sim = new CohortSimulator(500, SHARES, 1.0, 20261127L);
    StratificationResult r =
        Stratifier.fit(sim.matrix(), sim.survival, StratifierOptions.defaults(1));
    int[] truth = sim.truthFor(r.sampleIds());
    double ari = ClusterAgreement.adjustedRand(r.labels(), truth);
    assertEquals(4, r.k(), "planted k; criteria " + r.kSelection().candidates());
    assertTrue(ari >= 0.9, "ARI " + ari);
    assertTrue(r.prepared().samplesMissingALayer() > 0, "simulator drops some protein columns");
    // Clusters are numbered by decreasing size; planted shares 40/30/20/10%.
    int[] sizes = r.sizes();
    for (int c = 1; c < sizes.length; c++) {
      assertTrue(sizes[c - 1] >= sizes[c]);
    }
    List<StratumSummary> strata = r.strataSummaries();
    assertEquals(4, strata.size());
    assertEquals(1.0, strata.stream().mapToDouble(StratumSummary::prevalence).sum(), 1e-12);
    // Stability of well separated clusters: Hennig's "highly stable" threshold 0.85.
    for (double j : r.stability().jaccard()) {
      assertTrue(j > 0.85, "bootstrap Jaccard " + j);
    }
    assertTrue(r.stability().meanAri() > 0.9);
    // Planted hazards differ (0.02, 0.05, 0.01, 0.1 per unit time): log-rank must see it.
    SurvivalByCluster s = r.survival().orElseThrow();
    assertTrue(s.logRank().p() < 1e-6, "log-rank p " + s.logRank().p());
    // The signal features must lead the profiles.
    for (ClusterProfile p : r.profiles()) {
      assertTrue(p.topFeatures().get(0).feature().startsWith("sig_"), p.topFeatures().toString());
      assertTrue(p.topFeatures().get(0).q() < 0.05);
    }
  }

  @Test
  void sameSeedSameResult() {
    CohortSimulator sim = new CohortSimulator(300, SHARES, 1.0, 5);
    StratifierOptions o = StratifierOptions.defaults(99).withEffort(10, 3, 1, 3, 50);
    StratificationResult a = Stratifier.fit(sim.matrix(), sim.survival, o);
    StratificationResult b = Stratifier.fit(sim.matrix(), sim.survival, o);
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(a.kSelection(), b.kSelection());
    assertEquals(a.model().toJson(), b.model().toJson());
    assertEquals(
        a.survival().orElseThrow().logRank().permutationP(),
        b.survival().orElseThrow().logRank().permutationP());
  }

  @Test
  void eachMethodRecoversFixedK() {
    // n = 500: at n = 300 the diagonal GMM merges the 10% stratum for some seeds (ARI 0.73 for
    // seed 77), a small-sample limit documented in docs/stratification.md.
    CohortSimulator sim = new CohortSimulator(500, SHARES, 1.2, 77);
    // Prepared once, then each method on the same clustering space (what Stratifier.fit does
    // after preparation), to keep the test fast.
    PreparedData prep = Preparation.fit(sim.matrix(), PreparationOptions.defaults(), 3);
    int[] truth = sim.truthFor(prep.sampleIds());
    var in = new dev.stratum.stratification.cluster.ClusterInput(prep.data, prep.blocks);
    for (Method m : List.of(Method.KMEANS, Method.GMM, Method.WARD, Method.SPECTRAL, Method.SNF)) {
      double ari = ClusterAgreement.adjustedRand(m.cluster(in, 4, 3), truth);
      assertTrue(ari >= 0.9, m + " ARI " + ari);
    }
  }

  @Test
  void consensusOverAnyBaseMethodRecoversStrata() {
    CohortSimulator sim = new CohortSimulator(300, SHARES, 1.2, 78);
    StratifierOptions o =
        StratifierOptions.defaults(4)
            .withMethod(Method.WARD)
            .withConsensus(true)
            .withK(4)
            .withEffort(20, 0, 0, 0, 0);
    StratificationResult r = Stratifier.fit(sim.matrix(), o);
    double ari = ClusterAgreement.adjustedRand(r.labels(), sim.truthFor(r.sampleIds()));
    assertTrue(ari >= 0.9, "consensus(ward) ARI " + ari);
    assertTrue(r.consensus().orElseThrow().pac() < 0.1, "crisp consensus");
  }

  @Test
  void frozenModelReassignsTrainingPatientsAndSurvivesJson() {
    CohortSimulator sim = new CohortSimulator(300, SHARES, 1.0, 9);
    StratificationResult r =
        Stratifier.fit(
            sim.matrix(), StratifierOptions.defaults(5).withK(4).withEffort(5, 0, 0, 0, 0));
    StratificationModel back = StratificationModel.fromJson("model.json", r.model().toJson());
    assertEquals(r.model().toJson(), back.toJson());
    List<StratumAssignment> as = Stratifier.assign(back, sim.matrix());
    int[] labels = r.labels();
    int same = 0;
    for (int i = 0; i < as.size(); i++) {
      assertEquals(r.sampleIds().get(i), as.get(i).personId());
      if (as.get(i).stratum() == labels[i]) {
        same++;
      }
    }
    // k-means is a nearest-centroid rule, so reassignment reproduces the training labels
    // except where a sample's block was imputed (missing layer) differently at assignment.
    assertTrue(same >= 0.97 * as.size(), same + " of " + as.size());
    assertEquals(r.model().trainingAgreement(), (double) same / as.size(), 0.03);
  }
}
