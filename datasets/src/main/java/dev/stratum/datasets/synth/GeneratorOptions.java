package dev.stratum.datasets.synth;

import dev.stratum.core.error.InvalidInputException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate. Validates itself; every message names the parameter, the allowed range and the
 * value received.
 *
 * @param patients number of patients, 1 to 10,000,000
 * @param seed master seed; the same seed and options give byte-identical output
 * @param trials number of synthetic trials to write, 1 to {@link TrialCatalog#size()}
 * @param strata number of latent strata, 2 to 8 (default 4; sizes proportional to K, K-1, ..., 1)
 * @param asOf the cohort's as-of date: every record is dated on or before it and eligibility truth
 *     is computed on it
 * @param threads worker threads; the output does not depend on it
 */
public record GeneratorOptions(
    long patients, long seed, int trials, int strata, LocalDate asOf, int threads) {

  /** The fixed default as-of date, so that output never depends on the wall clock. */
  public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2025, 6, 30);

  public static final int DEFAULT_STRATA = 4;

  public static final long MAX_PATIENTS = 10_000_000L;

  public GeneratorOptions {
    Objects.requireNonNull(asOf, "asOf");
    if (patients < 1 || patients > MAX_PATIENTS) {
      throw InvalidInputException.ofArgument(
          "--patients", "must be between 1 and " + MAX_PATIENTS + ", got " + patients);
    }
    int maxTrials = TrialCatalog.get().size();
    if (trials < 1 || trials > maxTrials) {
      throw InvalidInputException.ofArgument(
          "--trials", "must be between 1 and " + maxTrials + ", got " + trials);
    }
    if (strata < 2 || strata > 8) {
      throw InvalidInputException.ofArgument("--strata", "must be between 2 and 8, got " + strata);
    }
    if (asOf.getYear() < 2000 || asOf.getYear() > 2100) {
      throw InvalidInputException.ofArgument(
          "--as-of", "must be a date in the years 2000 to 2100, got " + asOf);
    }
    if (threads < 1 || threads > 256) {
      throw InvalidInputException.ofArgument(
          "--threads", "must be between 1 and 256, got " + threads);
    }
  }

  /** Defaults for everything but size and seed: all trials, 4 strata, fixed as-of, all cores. */
  public static GeneratorOptions of(long patients, long seed) {
    return new GeneratorOptions(
        patients,
        seed,
        TrialCatalog.get().size(),
        DEFAULT_STRATA,
        DEFAULT_AS_OF,
        Runtime.getRuntime().availableProcessors());
  }

  public GeneratorOptions withTrials(int t) {
    return new GeneratorOptions(patients, seed, t, strata, asOf, threads);
  }

  public GeneratorOptions withStrata(int k) {
    return new GeneratorOptions(patients, seed, trials, k, asOf, threads);
  }

  public GeneratorOptions withAsOf(LocalDate d) {
    return new GeneratorOptions(patients, seed, trials, strata, d, threads);
  }

  public GeneratorOptions withThreads(int n) {
    return new GeneratorOptions(patients, seed, trials, strata, asOf, n);
  }
}
