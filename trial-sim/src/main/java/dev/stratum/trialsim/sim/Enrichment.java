package dev.stratum.trialsim.sim;

import java.util.Locale;
import java.util.Objects;

/**
 * An interim enrichment rule: at look {@code atLook} the standardized treatment effect (log-rank or
 * z statistic, positive favouring the experimental arm) is computed in every stratum; strata with z
 * &gt;= {@code minZ} are kept. If all are kept the trial continues in the full population; if some,
 * recruitment continues only in the kept strata and later analyses use only their patients; if
 * none, the trial stops for futility.
 *
 * <p>How the selected population is then tested is {@link #test()}: by default the closed
 * combination test ({@link ClosedCombinationTest}), which controls the familywise type I error over
 * all populations the rule could select (Bauer &amp; Köhne 1994; Lehmacher &amp; Wassmer 1999;
 * Brannath et al. 2009; Jenkins, Stone &amp; Jennison 2011); {@link Test#UNADJUSTED} applies the
 * design's boundaries to the selected population's cumulative statistic as if nothing had been
 * selected, which does not (kept to show the inflation).
 *
 * @param atLook 1-based interim look at which to decide (before the last)
 * @param minZ threshold on the per-stratum z statistic
 * @param test how the selected population is tested
 * @param intersection the test of intersection hypotheses at the looks up to the selection (closed
 *     test only)
 */
public record Enrichment(int atLook, double minZ, Test test, Intersection intersection) {

  /** How the population that remains after the interim selection is tested. */
  public enum Test {
    /**
     * Closed testing of the populations' null hypotheses; each intersection hypothesis by the
     * inverse-normal combination of stage-wise p-values with weights fixed by the planned
     * information fractions.
     */
    CLOSED_INVERSE_NORMAL,
    /** The design's boundaries on the selected population's cumulative statistic (no control). */
    UNADJUSTED;

    /** The name used in design files: {@code closed-inverse-normal}, {@code unadjusted}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #label()}. */
    public static Test parse(String s) {
      for (Test t : values()) {
        if (t.label().equals(s)) {
          return t;
        }
      }
      throw new IllegalArgumentException(
          "enrichment test must be closed-inverse-normal or unadjusted, got '" + s + "'");
    }
  }

  /** Test of an intersection of population hypotheses from their stage-wise p-values. */
  public enum Intersection {
    /** Simes (1986): min_i m p_(i) / i. */
    SIMES,
    /** Bonferroni: m min_i p_i. */
    BONFERRONI;

    /** The name used in design files: {@code simes}, {@code bonferroni}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #label()}. */
    public static Intersection parse(String s) {
      for (Intersection t : values()) {
        if (t.label().equals(s)) {
          return t;
        }
      }
      throw new IllegalArgumentException(
          "enrichment intersection must be simes or bonferroni, got '" + s + "'");
    }
  }

  public Enrichment {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(intersection, "intersection");
    if (atLook < 1) {
      throw new IllegalArgumentException("enrichment look must be >= 1, got " + atLook);
    }
    if (!Double.isFinite(minZ)) {
      throw new IllegalArgumentException("enrichment min_z must be finite, got " + minZ);
    }
  }

  /** The rule tested by the closed inverse-normal combination test with Simes intersections. */
  public Enrichment(int atLook, double minZ) {
    this(atLook, minZ, Test.CLOSED_INVERSE_NORMAL, Intersection.SIMES);
  }

  /** Whether the closed combination test is used. */
  public boolean closed() {
    return test == Test.CLOSED_INVERSE_NORMAL;
  }
}
