package dev.stratum.datasets.synth;

import java.util.List;

/**
 * The planted effects of each latent stratum. Four base profiles are defined; with K strata,
 * stratum s uses base profile {@code s mod 4} for its clinical and genomic effects, while its omics
 * signature (its own informative features) is always unique. Every number here is listed in
 * docs/dataset-card.md.
 *
 * <ol start="0">
 *   <li>"proliferative / TP53": high TP53 prevalence, anaemia, high LDH, poor prognosis untreated,
 *       good response to immunotherapy
 *   <li>"RTK-driven": EGFR, ALK and ERBB2 alterations, mostly NSCLC, long survival, little
 *       immunotherapy benefit
 *   <li>"DNA-repair deficient": BRCA1/2 and PIK3CA, mostly breast cancer
 *   <li>"MAPK-driven": KRAS and BRAF, mostly colorectal, high CEA, shortest survival, largest
 *       immunotherapy benefit
 * </ol>
 */
public final class StratumProfile {
  private StratumProfile() {}

  /** Cancer types of the cohort. */
  public enum Cancer {
    NSCLC,
    BREAST,
    COLORECTAL
  }

  /** Names of the base profiles, index = base profile. */
  public static final List<String> NAMES =
      List.of("proliferative-TP53", "RTK-driven", "DNA-repair-deficient", "MAPK-driven");

  /** P(cancer type | base profile): NSCLC, breast, colorectal. */
  private static final double[][] CANCER = {
    {0.45, 0.30, 0.25},
    {0.70, 0.25, 0.05},
    {0.15, 0.70, 0.15},
    {0.35, 0.10, 0.55}
  };

  /**
   * Variant groups: alternatives within a group are mutually exclusive (one gene, one driver).
   * Prevalence of each alternative per base profile.
   */
  record VariantGroup(List<String> ids, double[][] prevalence) {}

  static final List<VariantGroup> VARIANT_GROUPS =
      List.of(
          new VariantGroup(
              List.of("EGFR_L858R", "EGFR_EX19DEL"),
              new double[][] {{0.02, 0.02}, {0.22, 0.22}, {0.01, 0.01}, {0.01, 0.01}}),
          new VariantGroup(
              List.of("KRAS_G12C", "KRAS_G12D"),
              new double[][] {{0.08, 0.06}, {0.01, 0.01}, {0.03, 0.03}, {0.30, 0.25}}),
          new VariantGroup(List.of("BRAF_V600E"), new double[][] {{0.02}, {0.01}, {0.01}, {0.20}}),
          new VariantGroup(
              List.of("PIK3CA_H1047R", "PIK3CA_E545K"),
              new double[][] {{0.06, 0.04}, {0.04, 0.03}, {0.15, 0.08}, {0.05, 0.04}}),
          new VariantGroup(
              List.of("TP53_R175H", "TP53_R273H", "TP53_R248Q"),
              new double[][] {
                {0.24, 0.24, 0.22}, {0.09, 0.08, 0.08}, {0.14, 0.13, 0.13}, {0.10, 0.10, 0.10}
              }),
          new VariantGroup(List.of("BRCA1_E23FS"), new double[][] {{0.02}, {0.01}, {0.28}, {0.01}}),
          new VariantGroup(
              List.of("BRCA2_S1982FS"), new double[][] {{0.02}, {0.01}, {0.22}, {0.01}}),
          new VariantGroup(
              List.of("ALK_EML4_FUSION"), new double[][] {{0.01}, {0.12}, {0.005}, {0.005}}),
          new VariantGroup(List.of("ERBB2_AMP"), new double[][] {{0.05}, {0.18}, {0.04}, {0.03}}));

  /** Share of EGFR-sensitising carriers who also carry the T790M resistance mutation. */
  static final double T790M_GIVEN_EGFR = 0.15;

  /** Median overall survival in months without immunotherapy (before covariate effects). */
  private static final double[] MEDIAN_OS_MONTHS = {24, 48, 36, 18};

  /** Hazard ratio of immunotherapy (treated vs not) per base profile. */
  private static final double[] TREATMENT_HR = {0.60, 0.95, 0.80, 0.45};

  /** Objective response probability untreated / treated, per base profile. */
  private static final double[][] RESPONSE = {
    {0.30, 0.50}, {0.35, 0.38}, {0.30, 0.40}, {0.20, 0.55}
  };

  /** P(metastatic at diagnosis) per base profile. */
  private static final double[] METASTATIC = {0.45, 0.50, 0.35, 0.55};

  /** Additive hemoglobin shift (g/dL) and multiplicative LDH and CEA factors per base profile. */
  private static final double[] HGB_SHIFT = {-1.0, 0.0, -0.3, -0.5};

  private static final double[] LDH_FACTOR = {1.35, 1.0, 1.1, 1.5};
  private static final double[] CEA_FACTOR = {1.0, 0.8, 1.0, 2.5};

  /** Base profile of stratum {@code s}. */
  public static int base(int stratum) {
    return stratum % 4;
  }

  /** Name of stratum {@code s}, e.g. {@code S1-RTK-driven}. */
  public static String name(int stratum) {
    return "S" + stratum + "-" + NAMES.get(base(stratum));
  }

  /**
   * Stratum weights for K strata: proportional to K, K-1, ..., 1 (40/30/20/10 % for K = 4).
   *
   * @return probabilities summing to 1
   */
  public static double[] weights(int k) {
    double[] w = new double[k];
    double total = k * (k + 1) / 2.0;
    for (int s = 0; s < k; s++) {
      w[s] = (k - s) / total;
    }
    return w;
  }

  public static double[] cancerProbabilities(int stratum) {
    return CANCER[base(stratum)].clone();
  }

  /**
   * Planted prevalence of a hotspot variant in a stratum (before sequencing coverage): the
   * probability that a patient of the stratum truly carries it. T790M is conditional (see {@link
   * #T790M_GIVEN_EGFR}); unknown ids have prevalence 0.
   */
  public static double variantPrevalence(int stratum, String variantId) {
    for (VariantGroup g : VARIANT_GROUPS) {
      int i = g.ids().indexOf(variantId);
      if (i >= 0) {
        return g.prevalence()[base(stratum)][i];
      }
    }
    if (variantId.equals("EGFR_T790M")) {
      double[] egfr = VARIANT_GROUPS.get(0).prevalence()[base(stratum)];
      return (egfr[0] + egfr[1]) * T790M_GIVEN_EGFR;
    }
    return 0;
  }

  public static double medianSurvivalMonths(int stratum) {
    return MEDIAN_OS_MONTHS[base(stratum)];
  }

  public static double treatmentHazardRatio(int stratum) {
    return TREATMENT_HR[base(stratum)];
  }

  public static double responseProbability(int stratum, boolean treated) {
    return RESPONSE[base(stratum)][treated ? 1 : 0];
  }

  public static double metastaticProbability(int stratum) {
    return METASTATIC[base(stratum)];
  }

  static double hemoglobinShift(int stratum) {
    return HGB_SHIFT[base(stratum)];
  }

  static double ldhFactor(int stratum) {
    return LDH_FACTOR[base(stratum)];
  }

  static double ceaFactor(int stratum) {
    return CEA_FACTOR[base(stratum)];
  }
}
