package dev.stratum.trust;

import dev.stratum.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * How well an eligible pool represents the patients with the trial's condition: composition by sex,
 * race, ethnicity and age group, and for each group the participation-to-prevalence ratio
 *
 * <pre>PPR = (share of the group in the pool) / (share of the group in the reference population)
 * </pre>
 *
 * (Poon R, Khanijow K, Umarjee S, et al. "Participation of women and sex analyses in late-phase
 * clinical trials of new molecular entity drugs and biologics approved by the FDA in 2007-2009", J
 * Womens Health 22:604, 2013; used by the FDA's Drug Trials Snapshots). A group is flagged
 * <em>under-represented</em> when its PPR is below 0.8 and <em>over-represented</em> above 1.2, the
 * thresholds of Poon et al. 2013 and Eshera N, Itana H, Zhang L, Soon G, Fadiran EO, "Demographics
 * of clinical trials participants in pivotal clinical trials for new molecular entity drugs and
 * biologics approved by FDA from 2010 to 2012", Am J Ther 22:435, 2015. The FDA's draft guidance
 * "Diversity Action Plans to Improve Enrollment of Participants from Underrepresented Populations
 * in Clinical Studies" (June 2024) asks sponsors for enrollment goals by race, ethnicity, sex and
 * age group against the disease population; this report is the input to such goals.
 *
 * <p>Confidence interval: Katz's log method for a ratio of two proportions (Katz D, Baptista J,
 * Azen SP, Pike MC, "Obtaining confidence intervals for the risk ratio in cohort studies",
 * Biometrics 34:469, 1978): {@code exp(log PPR +/- z sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))}, with 0.5
 * added to a zero count (Haldane). The formula treats the pool and the reference as independent
 * samples; the pool is usually a subset of the reference, which makes the two shares positively
 * correlated, so the true variance of log PPR is smaller and the interval is conservative (wider).
 */
public final class Representativeness {

  /** PPR below this flags under-representation (Poon et al. 2013). */
  public static final double UNDER = 0.8;

  /** PPR above this flags over-representation (Poon et al. 2013). */
  public static final double OVER = 1.2;

  private Representativeness() {}

  /**
   * One patient's demographics.
   *
   * @param sex e.g. {@code female}; empty when unknown
   * @param race as recorded; empty when not recorded
   * @param ethnicity as recorded; empty when not recorded
   * @param ageYears age on the reference day, or -1 when unknown
   */
  public record Demographics(String sex, String race, String ethnicity, int ageYears) {
    public Demographics {
      sex = blankToUnknown(sex);
      race = blankToUnknown(race);
      ethnicity = blankToUnknown(ethnicity);
    }

    private static String blankToUnknown(String s) {
      return s == null || s.isBlank() ? "unknown" : s.strip();
    }

    /**
     * Age group: {@code <18}, {@code 18-44}, {@code 45-64}, {@code 65-74}, {@code 75+} (the older
     * bands of FDA's guidance on older adults in trials, 2020; the adult split at 45 of the US
     * Census age tables), {@code unknown}.
     */
    public String ageGroup() {
      if (ageYears < 0) {
        return "unknown";
      }
      if (ageYears < 18) {
        return "<18";
      }
      if (ageYears < 45) {
        return "18-44";
      }
      if (ageYears < 65) {
        return "45-64";
      }
      return ageYears < 75 ? "65-74" : "75+";
    }
  }

  /** Under, over or adequately represented. */
  public enum Flag {
    UNDER,
    ADEQUATE,
    OVER
  }

  /**
   * One group's composition.
   *
   * @param dimension sex, race, ethnicity or age_group
   * @param group the group's value
   * @param poolCount patients of the group in the pool
   * @param poolShare poolCount / pool size
   * @param referenceCount patients of the group in the reference population
   * @param referenceShare referenceCount / reference size
   * @param ratio poolShare / referenceShare (NaN when the group is absent from the reference)
   * @param lower lower confidence limit of the ratio
   * @param upper upper confidence limit of the ratio
   * @param flag under (ratio &lt; 0.8), over (&gt; 1.2) or adequate
   */
  public record Group(
      String dimension,
      String group,
      long poolCount,
      double poolShare,
      long referenceCount,
      double referenceShare,
      double ratio,
      double lower,
      double upper,
      Flag flag) {}

  /**
   * The report.
   *
   * @param poolSize patients in the pool
   * @param referenceSize patients in the reference population
   * @param confidence the confidence level of the intervals
   * @param groups per dimension and group, in dimension then group order
   */
  public record Report(long poolSize, long referenceSize, double confidence, List<Group> groups) {
    public Report {
      groups = List.copyOf(groups);
    }

    /** Groups flagged under-represented. */
    public List<Group> underRepresented() {
      return groups.stream().filter(g -> g.flag() == Flag.UNDER).toList();
    }
  }

  /** The dimensions reported, in order. */
  public static final List<String> DIMENSIONS = List.of("sex", "race", "ethnicity", "age_group");

  /**
   * Compares a pool with its reference population.
   *
   * @param pool demographics of the eligible pool
   * @param reference demographics of the patients with the trial's condition
   * @param confidence two-sided confidence level in (0, 1), e.g. 0.95
   */
  public static Report of(
      Collection<Demographics> pool, Collection<Demographics> reference, double confidence) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(reference, "reference");
    if (!(confidence > 0 && confidence < 1)) {
      throw InvalidInputException.ofArgument("confidence", "must be in (0, 1), got " + confidence);
    }
    if (reference.isEmpty()) {
      throw InvalidInputException.ofArgument("reference", "the reference population is empty");
    }
    double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
    List<Group> out = new ArrayList<>();
    List<Function<Demographics, String>> keys =
        List.of(
            Demographics::sex, Demographics::race, Demographics::ethnicity, Demographics::ageGroup);
    for (int d = 0; d < DIMENSIONS.size(); d++) {
      Map<String, Long> p = counts(pool, keys.get(d));
      Map<String, Long> r = counts(reference, keys.get(d));
      TreeMap<String, Long> all = new TreeMap<>(r);
      p.keySet().forEach(k -> all.putIfAbsent(k, 0L));
      for (String g : all.keySet()) {
        out.add(
            group(
                DIMENSIONS.get(d),
                g,
                p.getOrDefault(g, 0L),
                pool.size(),
                r.getOrDefault(g, 0L),
                reference.size(),
                z));
      }
    }
    return new Report(pool.size(), reference.size(), confidence, out);
  }

  static Group group(String dim, String g, long x1, long n1, long x2, long n2, double z) {
    double s1 = n1 == 0 ? Double.NaN : (double) x1 / n1;
    double s2 = (double) x2 / n2;
    if (x2 == 0 || n1 == 0) {
      // a group the reference lacks but the pool has is over-represented without a finite ratio
      Flag f = x2 == 0 && x1 > 0 ? Flag.OVER : Flag.ADEQUATE;
      return new Group(dim, g, x1, s1, x2, s2, Double.NaN, Double.NaN, Double.NaN, f);
    }
    double ratio = s1 / s2;
    // Haldane: 0.5 added to a zero count so the log interval exists.
    double a = x1 == 0 ? 0.5 : x1;
    double se = Math.sqrt(Math.max(0, 1 / a - 1.0 / n1 + 1.0 / x2 - 1.0 / n2));
    double center = Math.log(a / n1 / s2);
    double lo = Math.exp(center - z * se);
    double hi = Math.exp(center + z * se);
    Flag f = ratio < UNDER ? Flag.UNDER : ratio > OVER ? Flag.OVER : Flag.ADEQUATE;
    return new Group(dim, g, x1, s1, x2, s2, ratio, x1 == 0 ? 0 : lo, hi, f);
  }

  private static Map<String, Long> counts(
      Collection<Demographics> people, Function<Demographics, String> key) {
    Map<String, Long> m = new TreeMap<>();
    for (Demographics d : people) {
      m.merge(key.apply(d), 1L, Long::sum);
    }
    return m;
  }
}
