package dev.stratum.stratification.stats;

/** Right-censored follow-up. */
public final class SurvivalData {
  private SurvivalData() {}

  /**
   * One patient's follow-up.
   *
   * @param time time to event or censoring, &gt; 0
   * @param event true when the event was observed, false when censored at {@code time}
   */
  public record Observation(double time, boolean event) {
    public Observation {
      if (!(time > 0) || Double.isInfinite(time)) {
        throw new IllegalArgumentException("time must be finite and > 0, got " + time);
      }
    }
  }
}
