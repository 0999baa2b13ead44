package dev.stratum.stratification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemographicCompositionTest {

  /** Adds {@code n} patients of {@code cluster} with the given sex and age group. */
  static void add(
      List<String> ids,
      List<Integer> labels,
      Map<String, StudyContext.Demographics> demo,
      int cluster,
      String sex,
      String age,
      int n) {
    for (int i = 0; i < n; i++) {
      String id = "P" + ids.size();
      ids.add(id);
      labels.add(cluster);
      demo.put(id, new StudyContext.Demographics(sex, null, "", age));
    }
  }

  @Test
  void chiSquareOfClusterBySexAndAgeMatchesR() {
    List<String> ids = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Map<String, StudyContext.Demographics> demo = new HashMap<>();
    // sex table rows = clusters: (female, male) = (30, 10), (12, 20), (8, 9); age groups below.
    add(ids, labels, demo, 0, "female", "45-54", 12);
    add(ids, labels, demo, 0, "female", "55-64", 5);
    add(ids, labels, demo, 0, "female", "65-74", 3);
    add(ids, labels, demo, 0, "female", null, 10);
    add(ids, labels, demo, 0, "male", null, 10);
    add(ids, labels, demo, 1, "female", "45-54", 4);
    add(ids, labels, demo, 1, "female", "55-64", 8);
    add(ids, labels, demo, 1, "male", "55-64", 1);
    add(ids, labels, demo, 1, "male", "65-74", 6);
    add(ids, labels, demo, 1, "male", null, 13);
    add(ids, labels, demo, 2, "female", "45-54", 2);
    add(ids, labels, demo, 2, "female", "55-64", 3);
    add(ids, labels, demo, 2, "female", "65-74", 3);
    add(ids, labels, demo, 2, "male", "65-74", 8);
    add(ids, labels, demo, 2, "male", null, 1);
    add(ids, labels, demo, 2, "unknown", null, 2); // unknown sex: shown, not tested
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();

    DemographicComposition dc = DemographicComposition.of(ids, y, 3, demo);
    // race is always null and ethnicity always blank: no variable for them.
    assertEquals(List.of("sex", "age group"), dc.variables().stream().map(v -> v.name()).toList());

    DemographicComposition.Variable sex = dc.variables().get(0);
    assertEquals(List.of("female", "male", "unknown"), sex.categories());
    assertArrayEquals(new long[] {8, 9, 2}, sex.counts()[2]);
    // R 4.2: chisq.test(matrix(c(30,10,12,20,8,9), nrow=3, byrow=TRUE), correct=FALSE)
    //   X-squared = 10.8652488687783, df = 2, p-value = 0.00437160773674481
    assertEquals(10.8652488687783, sex.chiSquare(), 1e-10);
    assertEquals(2, sex.df());
    assertEquals(0.00437160773674481, sex.p(), 1e-12);

    DemographicComposition.Variable age = dc.variables().get(1);
    assertEquals(List.of("45-54", "55-64", "65-74", "unknown"), age.categories());
    // R 4.2: m <- matrix(c(12,5,3, 4,9,6, 2,3,11), nrow=3, byrow=TRUE)
    //   chisq.test(m, correct=FALSE): X-squared = 17.2384298675611, df = 4,
    //   p-value = 0.00173724929749396, min(expected) = 4.945455 (R warns: approximation)
    assertEquals(17.2384298675611, age.chiSquare(), 1e-10);
    assertEquals(4, age.df());
    assertEquals(0.00173724929749396, age.p(), 1e-12);
    assertEquals(4.945455, age.minExpected(), 1e-6);
    assertTrue(age.minExpected() < 5);
  }

  @Test
  void oneKnownCategoryIsNotTested() {
    List<String> ids = List.of("a", "b", "c", "d");
    Map<String, StudyContext.Demographics> demo = new HashMap<>();
    for (String id : ids) {
      demo.put(id, new StudyContext.Demographics("female", "white", null, null));
    }
    DemographicComposition dc = DemographicComposition.of(ids, new int[] {0, 0, 1, 1}, 2, demo);
    assertEquals(2, dc.variables().size());
    assertTrue(Double.isNaN(dc.variables().get(0).p()));
    assertTrue(
        DemographicComposition.of(ids, new int[] {0, 0, 1, 1}, 2, Map.of()).variables().isEmpty());
  }

  @Test
  void ageBands() {
    assertEquals("<45", StudyContext.ageGroup(44));
    assertEquals("45-54", StudyContext.ageGroup(45));
    assertEquals("65-74", StudyContext.ageGroup(74));
    assertEquals("75+", StudyContext.ageGroup(90));
    assertEquals(null, StudyContext.ageGroup(null));
  }
}
