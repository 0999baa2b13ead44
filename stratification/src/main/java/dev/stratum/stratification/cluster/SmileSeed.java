package dev.stratum.stratification.cluster;

import java.util.function.Supplier;
import smile.math.MathEx;

/**
 * Smile draws its random numbers from {@link MathEx}'s thread-local generator, seeded globally per
 * thread ({@code MathEx.setSeed}). Our API takes a seed instead (STYLE.md 4): this seeds the
 * calling thread's generator immediately before one Smile call on that thread, so the call is
 * reproducible whatever ran before it and whichever thread runs it.
 */
final class SmileSeed {
  private SmileSeed() {}

  static <T> T with(long seed, Supplier<T> call) {
    MathEx.setSeed(seed);
    return call.get();
  }
}
