package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.criteria.Trial;
import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.core.model.Person;
import dev.stratum.datasets.io.RawDataset;
import dev.stratum.datasets.io.ReadPolicy;
import dev.stratum.datasets.io.ValidationReport;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The generator and the readers were written independently against docs/data-formats.md; this test
 * closes the loop: everything the generator writes is read back in strict mode, record for record,
 * and agrees with the generator's own summary and with an independent commons-csv read.
 */
class GeneratorReaderRoundTripTest {

  private final Cohort cohort = Cohort.shared();

  @Test
  void everyGeneratedFileValidatesCleanly() {
    ValidationReport report = RawDataset.open(cohort.dir).validate(5);
    assertTrue(report.clean(), () -> "first problem: " + report.firstProblem());
    assertEquals(report.read(), report.accepted());
    for (ValidationReport.FileReport f : report.files()) {
      String rel = cohort.dir.relativize(java.nio.file.Path.of(f.path())).toString();
      long expected = cohort.summary.rowsOf(rel.replace('\\', '/'));
      if (expected > 0) {
        assertEquals(expected, f.read(), rel + ": records read vs written");
      }
    }
  }

  @Test
  void personsRoundTripFieldByField() {
    RawDataset raw = RawDataset.open(cohort.dir);
    List<Person> persons;
    try (Stream<Person> s = raw.persons(ReadPolicy.strict())) {
      persons = s.toList();
    }
    List<CSVRecord> rows = cohort.csv("omop/person.csv");
    assertEquals(cohort.summary.patients(), persons.size());
    assertEquals(rows.size(), persons.size());
    for (int i = 0; i < rows.size(); i++) {
      CSVRecord r = rows.get(i);
      Person p = persons.get(i);
      assertEquals(r.get("person_id"), p.personId());
      assertEquals(Integer.parseInt(r.get("year_of_birth")), p.birthDate().getYear());
      assertEquals(Integer.parseInt(r.get("gender_concept_id")), p.sex().omopConceptId());
    }
  }

  @Test
  void omicsMatricesCoverTheCohortsSamples() {
    RawDataset raw = RawDataset.open(cohort.dir);
    Set<String> personIds = new HashSet<>();
    cohort.csv("omop/person.csv").forEach(r -> personIds.add(r.get("person_id")));
    assertTrue(raw.omicsLayers().containsAll(List.of("expression", "protein")));
    for (String layer : raw.omicsLayers()) {
      OmicsMatrix m = raw.omics(layer, ReadPolicy.strict());
      assertEquals(cohort.summary.rowsOf("omics/" + layer + ".tsv"), m.featureCount(), layer);
      assertTrue(personIds.containsAll(m.sampleIds()), layer + " has unknown samples");
      // Presence per layer from docs/dataset-card.md (expression 92 %, protein 75 %, methylation
      // 70 %); each patient has a layer independently, so the share is within 4 binomial SEs.
      double p =
          switch (layer) {
            case "expression" -> 0.92;
            case "protein" -> 0.75;
            case "methylation" -> 0.70;
            default -> throw new AssertionError("layer not in the dataset card: " + layer);
          };
      double n = personIds.size();
      double share = m.sampleCount() / n;
      assertEquals(p, share, 4 * Math.sqrt(p * (1 - p) / n), layer + " presence");
    }
  }

  @Test
  void trialsAndVariantsReadBack() {
    RawDataset raw = RawDataset.open(cohort.dir);
    Set<String> trialIds;
    try (Stream<Trial> s = raw.trials(ReadPolicy.strict())) {
      trialIds = s.map(Trial::nctId).collect(Collectors.toSet());
    }
    assertEquals(cohort.summary.eligiblePerTrial().keySet(), trialIds);
    long carriers;
    try (Stream<dev.stratum.core.genomics.Variant> s = raw.variants(ReadPolicy.strict())) {
      carriers = s.count();
    }
    assertTrue(carriers > 0, "no variant carriers read back");
  }
}
