package dev.stratum.datasets.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.model.Sex;
import dev.stratum.datasets.synth.TrialCatalog.TrialTemplate;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of every simulated patient, over random seeds (jqwik prints the failing seed): all
 * records lie inside the observation period and on or before the as-of date, spans cover their
 * text, and eligibility implies the trial-level bounds.
 */
class PatientInvariantsTest {

  @Property(tries = 15)
  void everyPatientIsConsistent(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int k) {
    GeneratorOptions o = GeneratorOptions.of(40, seed).withStrata(k);
    PatientSimulator sim = new PatientSimulator(o);
    NoteComposer notes = new NoteComposer();
    SplittableRandom master = new SplittableRandom(seed);
    LocalDate asOf = o.asOf();
    List<TrialTemplate> trials = TrialCatalog.get().trials();
    for (int i = 0; i < 40; i++) {
      SplittableRandom rng = master.split();
      PatientState p = sim.simulate(i + 1, rng);
      assertTrue(p.stratum >= 0 && p.stratum < k);
      LocalDate start = p.observationStart;
      LocalDate end = p.observationEnd;
      assertFalse(end.isAfter(asOf));
      assertFalse(p.diagnosisDate.isBefore(start));
      if (p.died) {
        assertEquals(end, p.deathDate);
      }
      p.labs.forEach(l -> assertTrue(within(l.date(), start, end), "lab " + l));
      p.drugs.forEach(
          d -> {
            assertTrue(within(d.start(), start, end) && within(d.end(), d.start(), end), "" + d);
          });
      p.procedures.forEach(x -> assertTrue(within(x.date(), start, end), "" + x));
      p.observations.forEach(x -> assertTrue(within(x.date(), start, end), "" + x));
      p.conditions.forEach(x -> assertTrue(within(x.start(), start, end), "" + x));
      if (p.cancer == StratumProfile.Cancer.BREAST) {
        assertEquals(Sex.FEMALE, p.sex);
      }
      for (NoteComposer.Note n : notes.compose(p, rng)) {
        assertTrue(within(n.date(), start, end));
        for (NoteComposer.Fact f : n.facts()) {
          assertEquals(f.text(), n.text().substring(f.begin(), f.end()));
        }
        for (NoteComposer.Identifier f : n.identifiers()) {
          assertEquals(f.text(), n.text().substring(f.begin(), f.end()));
        }
      }
      for (TrialTemplate t : trials) {
        if (EligibilityRules.eligible(t, p, asOf)) {
          assertTrue(p.alive(asOf));
          int age = p.ageOn(asOf);
          assertTrue(age >= t.minimumAge() && (t.maximumAge() == 0 || age <= t.maximumAge()));
          assertTrue(!t.sex().equals("FEMALE") || p.sex == Sex.FEMALE);
        }
      }
    }
  }

  private static boolean within(LocalDate d, LocalDate from, LocalDate to) {
    return !d.isBefore(from) && !d.isAfter(to);
  }
}
