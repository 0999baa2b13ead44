package dev.stratum.trialsim.sim;

import dev.stratum.core.strata.StratumSummary;
import dev.stratum.trialsim.gsd.GsdSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A two-arm trial to simulate: who enters and when, what is measured, when it is analysed and by
 * which boundaries. Read from the JSON format of docs/trial-design.md by {@link DesignReader}, or
 * built in code.
 *
 * @param name label of the design
 * @param armNames names of the control and experimental arms
 * @param allocation integer allocation weights {control, experimental} (permuted blocks)
 * @param sampleSize number of patients to recruit
 * @param accrual recruitment over time
 * @param dropoutHazard exponential dropout hazard per time unit (0: none)
 * @param endpoint primary endpoint and its control-arm distribution and effect
 * @param strata population strata (empty: one homogeneous population)
 * @param looks what analyses wait for: events (time to event) or patients with the outcome
 * @param lookCounts events or patients at each analysis, increasing
 * @param boundaries group-sequential boundaries; its timing is lookCounts / last count
 * @param enrichment interim enrichment rule, or null
 * @param maxDuration calendar time at which the final analysis happens at the latest (Infinity:
 *     wait for the target)
 */
public record TrialDesign(
    String name,
    List<String> armNames,
    int[] allocation,
    int sampleSize,
    AccrualPlan accrual,
    double dropoutHazard,
    Endpoint endpoint,
    List<DesignStratum> strata,
    LookKind looks,
    int[] lookCounts,
    GsdSpec boundaries,
    Enrichment enrichment,
    double maxDuration) {

  /** What an analysis waits for. */
  public enum LookKind {
    /** A number of observed events (time-to-event endpoints). */
    EVENTS,
    /** A number of patients with the outcome measured (continuous and binary endpoints). */
    PATIENTS
  }

  public TrialDesign {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(accrual, "accrual");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(looks, "looks");
    Objects.requireNonNull(boundaries, "boundaries");
    armNames = List.copyOf(armNames);
    allocation = allocation.clone();
    strata = List.copyOf(strata);
    lookCounts = lookCounts.clone();
    if (armNames.size() != 2 || allocation.length != 2) {
      throw new IllegalArgumentException("a design has exactly two arms (control, experimental)");
    }
    if (allocation[0] < 1 || allocation[1] < 1 || allocation[0] + allocation[1] > 100) {
      throw new IllegalArgumentException(
          "allocation weights must be integers >= 1 (sum <= 100), got "
              + Arrays.toString(allocation));
    }
    if (sampleSize < 2 || sampleSize > 10_000_000) {
      throw new IllegalArgumentException("sample size must be in [2, 1e7], got " + sampleSize);
    }
    if (!(dropoutHazard >= 0) || Double.isInfinite(dropoutHazard)) {
      throw new IllegalArgumentException(
          "dropout hazard must be finite and >= 0, got " + dropoutHazard);
    }
    boolean tte = endpoint instanceof Endpoint.TimeToEvent;
    if (tte != (looks == LookKind.EVENTS)) {
      throw new IllegalArgumentException(
          "time-to-event endpoints are analysed at event counts, others at patient counts");
    }
    if (lookCounts.length != boundaries.timing().length) {
      throw new IllegalArgumentException(
          "boundaries have "
              + boundaries.timing().length
              + " looks, analyses "
              + lookCounts.length);
    }
    for (int i = 0; i < lookCounts.length; i++) {
      if (lookCounts[i] < 1 || (i > 0 && lookCounts[i] <= lookCounts[i - 1])) {
        throw new IllegalArgumentException(
            "look counts must increase from >= 1, got " + Arrays.toString(lookCounts));
      }
    }
    if (lookCounts[lookCounts.length - 1] > sampleSize) {
      throw new IllegalArgumentException(
          "the last look needs "
              + lookCounts[lookCounts.length - 1]
              + " "
              + looks.name().toLowerCase(java.util.Locale.ROOT)
              + " but only "
              + sampleSize
              + " patients are recruited");
    }
    if (enrichment != null) {
      if (strata.size() < 2) {
        throw new IllegalArgumentException("an enrichment rule needs at least two strata");
      }
      if (enrichment.closed() && strata.size() > MAX_CLOSED_STRATA) {
        throw new IllegalArgumentException(
            "the closed enrichment test handles at most "
                + MAX_CLOSED_STRATA
                + " strata ("
                + ((1 << MAX_CLOSED_STRATA) - 1)
                + " candidate populations), got "
                + strata.size());
      }
      if (enrichment.closed() && boundaries.lower() != null && boundaries.binding()) {
        throw new IllegalArgumentException(
            "enrichment with the closed test needs non-binding futility bounds (binding: false)");
      }
      if (enrichment.atLook() >= lookCounts.length) {
        throw new IllegalArgumentException(
            "enrichment look must be an interim (< "
                + lookCounts.length
                + "), got "
                + enrichment.atLook());
      }
    }
    if (!(maxDuration > 0)) {
      throw new IllegalArgumentException("max duration must be > 0, got " + maxDuration);
    }
  }

  /** Most strata an enrichment design tested by the closed test may have. */
  public static final int MAX_CLOSED_STRATA = 6;

  /** Information fractions of the looks: count / final count. */
  public static double[] timing(int[] counts) {
    double[] t = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      t[i] = (double) counts[i] / counts[counts.length - 1];
    }
    return t;
  }

  /**
   * The same design with the strata of a stratification: each summary's prevalence (normalised over
   * the list) and the matching per-stratum effect (hazard ratio, mean difference or experimental
   * response rate, as the endpoint's effect). Lets {@code stratum demo} chain stratify -&gt;
   * simulate.
   *
   * @param summaries strata from the stratification (names and prevalences)
   * @param effects one effect per summary, same order
   */
  public TrialDesign withStrata(List<StratumSummary> summaries, double[] effects) {
    if (summaries.size() != effects.length) {
      throw new IllegalArgumentException(
          "need one effect per stratum: "
              + summaries.size()
              + " strata, "
              + effects.length
              + " effects");
    }
    double total = 0;
    for (StratumSummary s : summaries) {
      total += s.prevalence();
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("strata prevalences sum to 0");
    }
    List<DesignStratum> out = new ArrayList<>();
    for (int i = 0; i < summaries.size(); i++) {
      StratumSummary s = summaries.get(i);
      if (s.prevalence() > 0) {
        out.add(new DesignStratum(s.name(), s.prevalence() / total, effects[i], Double.NaN));
      }
    }
    return new TrialDesign(
        name,
        armNames,
        allocation,
        sampleSize,
        accrual,
        dropoutHazard,
        endpoint,
        out,
        looks,
        lookCounts,
        boundaries,
        out.size() >= 2 ? enrichment : null,
        maxDuration);
  }

  /**
   * The same design with an interim enrichment rule (null removes it); needs two strata or more.
   */
  public TrialDesign withEnrichment(Enrichment rule) {
    return new TrialDesign(
        name,
        armNames,
        allocation,
        sampleSize,
        accrual,
        dropoutHazard,
        endpoint,
        strata,
        looks,
        lookCounts,
        boundaries,
        rule,
        maxDuration);
  }

  /** The same design recruiting {@code n} patients (e.g. capped by an eligible pool). */
  public TrialDesign withSampleSize(int n) {
    return new TrialDesign(
        name,
        armNames,
        allocation,
        n,
        accrual,
        dropoutHazard,
        endpoint,
        strata,
        looks,
        lookCounts,
        boundaries,
        enrichment,
        maxDuration);
  }

  /** The same design with the whole-population effect replaced (strata effects scaled alike). */
  public TrialDesign withEffect(double effect) {
    List<DesignStratum> s = new ArrayList<>();
    for (DesignStratum d : strata) {
      s.add(new DesignStratum(d.name(), d.prevalence(), Double.NaN, d.control()));
    }
    return new TrialDesign(
        name,
        armNames,
        allocation,
        sampleSize,
        accrual,
        dropoutHazard,
        endpoint.withEffect(effect),
        strata.isEmpty() ? strata : s,
        looks,
        lookCounts,
        boundaries,
        enrichment,
        maxDuration);
  }

  /** The design under the null hypothesis: no difference in any stratum (type I error). */
  public TrialDesign underNull() {
    List<DesignStratum> s = new ArrayList<>();
    for (DesignStratum d : strata) {
      // a binary stratum with its own control rate is null when both arms have that rate
      double none =
          endpoint instanceof Endpoint.Binary && !Double.isNaN(d.control())
              ? d.control()
              : endpoint.nullEffect();
      s.add(new DesignStratum(d.name(), d.prevalence(), none, d.control()));
    }
    return new TrialDesign(
        name,
        armNames,
        allocation,
        sampleSize,
        accrual,
        dropoutHazard,
        endpoint.withEffect(endpoint.nullEffect()),
        s,
        looks,
        lookCounts,
        boundaries,
        enrichment,
        maxDuration);
  }

  @Override
  public int[] allocation() {
    return allocation.clone();
  }

  @Override
  public int[] lookCounts() {
    return lookCounts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrialDesign d
        && name.equals(d.name)
        && armNames.equals(d.armNames)
        && Arrays.equals(allocation, d.allocation)
        && sampleSize == d.sampleSize
        && accrual.equals(d.accrual)
        && dropoutHazard == d.dropoutHazard
        && endpoint.equals(d.endpoint)
        && strata.equals(d.strata)
        && looks == d.looks
        && Arrays.equals(lookCounts, d.lookCounts)
        && boundaries.equals(d.boundaries)
        && Objects.equals(enrichment, d.enrichment)
        && maxDuration == d.maxDuration;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, sampleSize, endpoint, strata, Arrays.hashCode(lookCounts));
  }

  @Override
  public String toString() {
    return "TrialDesign["
        + name
        + ", N="
        + sampleSize
        + ", "
        + endpoint
        + ", looks="
        + Arrays.toString(lookCounts)
        + " "
        + looks
        + ", "
        + boundaries
        + "]";
  }
}
