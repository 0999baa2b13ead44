package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stratum.datasets.io.RawDataset;
import dev.stratum.datasets.io.ReadPolicy;
import dev.stratum.datasets.io.SurvivalTable;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Survival derived from the OMOP tables alone must equal the generator's truth/outcomes.csv (time
 * from primary diagnosis, death as event, censoring at the end of follow-up).
 */
class SurvivalTableTest {

  @Test
  void omopSurvivalEqualsPlantedOutcomes() {
    Cohort cohort = Cohort.shared();
    SurvivalTable.Result result =
        SurvivalTable.fromOmop(RawDataset.open(cohort.dir), ReadPolicy.strict());
    assertEquals(cohort.summary.patients(), result.persons());
    assertEquals(result.persons(), result.rows().size() + result.excluded());
    Map<String, CSVRecord> truth = new HashMap<>();
    for (CSVRecord r : cohort.csv("truth/outcomes.csv")) {
      truth.put(r.get("person_id"), r);
    }
    assertEquals(0, result.excluded(), "every synthetic patient has a primary diagnosis");
    for (SurvivalTable.Row row : result.rows()) {
      CSVRecord t = truth.get(row.personId());
      assertEquals(Long.parseLong(t.get("time_days")), row.timeDays(), row.personId());
      assertEquals(Boolean.parseBoolean(t.get("event")), row.event(), row.personId());
    }
  }
}
