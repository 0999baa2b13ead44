package dev.stratum.trialsim.power;

/** Reference distribution of a test of means. */
public enum TestStatistic {
  /** Student t (exact power from the noncentral t, as R's power.t.test). */
  T,
  /** Normal approximation with known variance. */
  Z
}
