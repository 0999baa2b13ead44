package dev.stratum.trialsim.sim;

import java.util.List;

/**
 * Simulated operating characteristics of a design, each with its Monte-Carlo standard error
 * (binomial sqrt(p(1-p)/reps) for probabilities, sd/sqrt(reps) for means).
 *
 * @param design the simulated design
 * @param reps number of replicates
 * @param seed the seed that reproduces them (whatever the thread count)
 * @param rejectProbability P(the trial rejects H0 in favour of the experimental arm): power, or
 *     type I error under the null
 * @param rejectSe its Monte-Carlo standard error
 * @param analyticPower power from the group-sequential engine at the design's drift (Schoenfeld for
 *     time to event), NaN when the design has heterogeneous strata or an enrichment rule
 * @param looks per-look stopping probabilities
 * @param expectedPatients mean number of patients recruited when the trial stops
 * @param expectedPatientsSe its standard error
 * @param expectedEvents mean number of events at the deciding analysis (time to event), else the
 *     mean number of patients with the outcome
 * @param expectedEventsSe its standard error
 * @param expectedDuration mean calendar time of the deciding analysis
 * @param expectedDurationSe its standard error
 * @param durations the deciding analysis time of every replicate, in replicate order (for plots)
 * @param strataSelected per stratum, P(kept at the enrichment look); empty without enrichment
 * @param enrichedProbability P(the enrichment rule restricted the population)
 * @param familywiseError P(some true null hypothesis is rejected): a population's hypothesis is
 *     true when none of its strata has an effect; equals the type I error under the global null and
 *     is 0 when every stratum has an effect
 * @param familywiseErrorSe its Monte-Carlo standard error
 * @param populationsRejected designs with strata: how often the hypothesis of each population was
 *     rejected (the full population always listed, others when rejected at least once)
 */
public record SimulationResult(
    TrialDesign design,
    int reps,
    long seed,
    double rejectProbability,
    double rejectSe,
    double analyticPower,
    List<Look> looks,
    double expectedPatients,
    double expectedPatientsSe,
    double expectedEvents,
    double expectedEventsSe,
    double expectedDuration,
    double expectedDurationSe,
    double[] durations,
    List<StratumSelection> strataSelected,
    double enrichedProbability,
    double familywiseError,
    double familywiseErrorSe,
    List<PopulationRejection> populationsRejected) {

  public SimulationResult {
    looks = List.copyOf(looks);
    strataSelected = List.copyOf(strataSelected);
    populationsRejected = List.copyOf(populationsRejected);
    durations = durations.clone();
  }

  @Override
  public double[] durations() {
    return durations.clone();
  }

  /**
   * One analysis.
   *
   * @param look 1-based
   * @param upper efficacy bound (z)
   * @param lower futility bound (z), -Infinity if none
   * @param rejectProbability P(stop for efficacy here)
   * @param rejectSe its standard error
   * @param futilityProbability P(stop at the lower bound here, or stop because no stratum was kept)
   * @param futilitySe its standard error
   * @param meanCount mean events (or patients with outcome) at this look among trials reaching it
   * @param meanTime mean calendar time of this look among trials reaching it
   */
  public record Look(
      int look,
      double upper,
      double lower,
      double rejectProbability,
      double rejectSe,
      double futilityProbability,
      double futilitySe,
      double meanCount,
      double meanTime) {}

  /** How often a stratum survived the enrichment decision. */
  public record StratumSelection(String name, double probability, double se) {}

  /**
   * How often the trial rejected the null hypothesis of a population (a union of strata).
   *
   * @param population "full population" or the strata joined by " + "
   * @param probability P(this population's hypothesis rejected)
   * @param se its Monte-Carlo standard error
   * @param trueNull whether the hypothesis is true in the simulated scenario (no stratum of it has
   *     an effect), i.e. whether a rejection is a type I error
   */
  public record PopulationRejection(
      String population, double probability, double se, boolean trueNull) {}
}
