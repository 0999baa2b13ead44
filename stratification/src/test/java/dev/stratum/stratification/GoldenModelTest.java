package dev.stratum.stratification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.core.strata.StratumAssignment;
import dev.stratum.stratification.io.OmicsTsvReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden files (STYLE.md 15): today's reader must read the model.json written by schema version 1
 * and assign the same clusters. The files under src/test/resources/golden were written once by
 * {@link #main} and must not be regenerated unless the schema version changes.
 */
class GoldenModelTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @Test
  void schemaVersion1ModelStillReadsAndAssigns() throws Exception {
    StratificationModel m = StratificationModel.read(GOLDEN.resolve("model-v1.json"));
    assertEquals(3, m.k());
    assertEquals(
        Files.readString(GOLDEN.resolve("model-v1.json"), StandardCharsets.UTF_8), m.toJson());
    FeatureMatrix patients =
        FeatureMatrix.of(
            List.of(
                OmicsTsvReader.read("expression", GOLDEN.resolve("new-expression.tsv")),
                OmicsTsvReader.read("protein", GOLDEN.resolve("new-protein.tsv"))));
    List<StratumAssignment> a = m.assign(patients);
    // new-assignments.csv equals the planted strata of the 12 held-out patients
    // [0, 0, 1, 2, 0, 2, 0, 2, 1, 0, 2, 0] (printed by main when the files were written).
    List<String> expected =
        Files.readAllLines(GOLDEN.resolve("new-assignments.csv"), StandardCharsets.UTF_8);
    assertEquals(expected.size(), a.size());
    for (int i = 0; i < a.size(); i++) {
      String[] f = expected.get(i).split(",");
      assertEquals(f[0], a.get(i).personId());
      assertEquals(Integer.parseInt(f[1]), a.get(i).stratum(), f[0]);
    }
  }

  /** Writes the golden files (run once, by hand): trains on 60 patients, assigns 12 held out. */
  public static void main(String[] args) throws Exception {
    CohortSimulator sim =
        new CohortSimulator(72, new double[] {0.5, 0.3, 0.2}, 2.0, 12, 8, 0.5, 31);
    List<String> train = sim.ids.subList(0, 60);
    List<String> held = sim.ids.subList(60, 72);
    PreparationOptions prep =
        new PreparationOptions(PreparationOptions.LogTransform.AUTO, 10, 0.5, 2, 3, false);
    StratificationResult r =
        Stratifier.fit(
            FeatureMatrix.of(List.of(select(sim.expression, train), select(sim.protein, train))),
            StratifierOptions.defaults(4)
                .withK(3)
                .withPreparation(prep)
                .withEffort(3, 0, 0, 0, 0)
                .withMinClusterSize(2));
    Files.createDirectories(GOLDEN);
    r.model().write(GOLDEN.resolve("model-v1.json"));
    CohortSimulator.writeTsv(select(sim.expression, held), GOLDEN.resolve("new-expression.tsv"));
    CohortSimulator.writeTsv(select(sim.protein, held), GOLDEN.resolve("new-protein.tsv"));
    FeatureMatrix patients =
        FeatureMatrix.of(
            List.of(
                OmicsTsvReader.read("expression", GOLDEN.resolve("new-expression.tsv")),
                OmicsTsvReader.read("protein", GOLDEN.resolve("new-protein.tsv"))));
    StringBuilder sb = new StringBuilder();
    for (StratumAssignment a : r.model().assign(patients)) {
      sb.append(a.personId()).append(',').append(a.stratum()).append('\n');
    }
    Files.writeString(GOLDEN.resolve("new-assignments.csv"), sb.toString(), StandardCharsets.UTF_8);
    // For the record: planted strata of the held-out patients, and the training map.
    System.out.println("held-out truth " + java.util.Arrays.toString(sim.truthFor(held)));
    System.out.println(
        "training truth/cluster ARI "
            + dev.stratum.stratification.stats.ClusterAgreement.adjustedRand(
                r.labels(), sim.truthFor(r.sampleIds())));
  }

  static OmicsMatrix select(OmicsMatrix m, List<String> ids) {
    List<String> keep = ids.stream().filter(m.sampleIds()::contains).toList();
    double[][] v = new double[m.featureCount()][keep.size()];
    for (int s = 0; s < keep.size(); s++) {
      int j = m.sampleIds().indexOf(keep.get(s));
      for (int f = 0; f < m.featureCount(); f++) {
        v[f][s] = m.get(f, j);
      }
    }
    return new OmicsMatrix(m.layer(), m.featureIds(), keep, v);
  }
}
