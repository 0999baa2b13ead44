package dev.stratum.stratification.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kaplan-Meier, log-rank and Cox against R 4.2 {@code survival} 3.5-3 on the {@code aml} data
 * (Miller 1981; acute myelogenous leukaemia, maintenance chemotherapy) and the {@code lung} data
 * (NCCTG advanced lung cancer, Loprinzi et al. 1994) restricted to ph.ecog 0-2. Reference values
 * printed with options(digits = 10).
 */
class SurvivalReferenceTest {

  // aml: time, status for x = Maintained (group 0) and Nonmaintained (group 1).
  static final double[] AML_TIME = {
    9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161, 5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45
  };
  static final int[] AML_STATUS = {
    1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1
  };
  static final int[] AML_GROUP = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
  };

  // lung (survival package), rows with ph.ecog in 0..2, as time:event:ph.ecog
  // (R: l <- subset(lung, !is.na(ph.ecog) & ph.ecog < 3); paste(l$time, l$status-1, l$ph.ecog)).
  static final String LUNG =
      "306:1:1 455:1:0 1010:0:0 210:1:1 883:1:0 1022:0:1 310:1:2 361:1:2 218:1:1 166:1:2 170:1:1 654:1:2 728:1:1 567:1:1 144:1:1 613:1:1 707:1:2 61:1:2 88:1:1 301:1:1 81:1:0 624:1:1 371:1:0 394:1:0 520:1:1 574:1:0 390:1:1 12:1:2 473:1:1 26:1:2 533:1:2 107:1:2 53:1:2 122:1:2 814:1:2 965:0:1 93:1:2 731:1:1 460:1:1 153:1:2 433:1:0 145:1:2 583:1:1 95:1:2 303:1:0 519:1:1 643:1:0 765:1:1 735:1:1 189:1:0 53:1:0 246:1:0 689:1:1 65:1:0 5:1:0 132:1:2 687:1:1 345:1:1 444:1:2 223:1:1 175:1:1 60:1:1 163:1:1 65:1:2 208:1:2 821:0:0 428:1:0 230:1:1 840:0:0 305:1:1 11:1:2 132:1:1 226:1:1 426:1:1 705:1:0 363:1:1 11:1:0 176:1:0 791:1:0 95:1:1 196:0:1 167:1:1 806:0:1 284:1:1 641:1:1 147:1:0 740:0:1 163:1:2 655:1:0 239:1:1 88:1:1 245:1:1 588:0:0 30:1:2 179:1:1 310:1:1 477:1:1 166:1:0 559:0:0 450:1:1 364:1:1 107:1:1 177:1:2 156:1:1 529:0:1 11:1:1 429:1:1 351:1:2 15:1:0 181:1:1 283:1:1 201:1:0 524:1:1 13:1:2 212:1:2 524:1:2 288:1:2 363:1:1 442:1:0 199:1:2 550:1:1 54:1:2 558:1:0 207:1:1 92:1:1 60:1:1 551:0:2 543:0:0 293:1:1 202:1:1 353:1:0 511:0:1 267:1:0 511:0:2 371:1:1 387:1:2 457:1:1 337:1:0 201:1:2 404:0:1 222:1:2 62:1:1 458:0:1 356:0:1 353:1:0 163:1:1 31:1:0 340:1:0 229:1:1 444:0:0 315:0:0 182:1:1 156:1:2 329:1:2 364:0:1 291:1:2 179:1:1 376:0:1 384:0:0 268:1:1 292:0:2 142:1:1 413:0:1 266:0:0 194:1:1 320:1:0 181:1:1 285:1:0 301:0:1 348:1:0 197:1:1 382:0:0 303:0:1 296:0:1 180:1:2 186:1:1 145:1:1 269:0:0 300:0:0 284:0:0 350:1:0 272:0:1 292:0:0 332:0:0 285:1:2 259:0:0 110:1:1 286:1:0 270:1:1 81:1:2 131:1:1 225:0:1 269:1:1 225:0:0 243:0:1 279:0:1 276:0:0 135:1:1 79:1:1 59:1:1 240:0:0 202:0:0 235:0:0 105:1:2 224:0:0 239:1:2 237:0:1 173:0:1 252:0:0 221:0:1 185:0:1 92:0:2 13:1:1 222:0:1 192:0:1 183:1:2 211:0:2 175:0:0 197:0:1 203:0:1 116:1:1 188:0:1 191:0:0 105:0:2 174:0:1 177:0:1";

  static List<SurvivalData.Observation> aml() {
    List<SurvivalData.Observation> o = new ArrayList<>();
    for (int i = 0; i < AML_TIME.length; i++) {
      o.add(new SurvivalData.Observation(AML_TIME[i], AML_STATUS[i] == 1));
    }
    return o;
  }

  @Test
  void kaplanMeierMatchesSurvfitOnAmlMaintained() {
    // R: summary(survfit(Surv(time, status) ~ x, data = aml)), stratum x=Maintained.
    KaplanMeier km = KaplanMeier.fit(aml().subList(0, 11));
    double[] eventTimes = {9, 13, 18, 23, 31, 34, 48};
    int[] nRisk = {11, 10, 8, 7, 5, 4, 2};
    double[] surv = {
      0.90909090909,
      0.81818181818,
      0.71590909091,
      0.61363636364,
      0.49090909091,
      0.36818181818,
      0.18409090909
    };
    double[] se = {
      0.08667841720,
      0.11629129983,
      0.13966497056,
      0.15263233103,
      0.16419326722,
      0.16266888583,
      0.15349274579
    };
    for (int i = 0; i < eventTimes.length; i++) {
      int at = java.util.Arrays.binarySearch(km.time(), eventTimes[i]);
      assertEquals(nRisk[i], km.atRisk()[at], "n.risk at " + eventTimes[i]);
      assertEquals(surv[i], km.survival()[at], 1e-10, "surv at " + eventTimes[i]);
      assertEquals(se[i], km.stdErr()[at], 1e-10, "std.err at " + eventTimes[i]);
    }
    // R: print(survfit(...)) gives median 31 for Maintained.
    assertEquals(31, km.median(), 0);
    assertEquals(10, km.atRiskAt(10));
  }

  @Test
  void kaplanMeierNonmaintainedWithTiedEvents() {
    // R: same call, stratum x=Nonmaintained: two deaths at 5 and at 8.
    KaplanMeier km = KaplanMeier.fit(aml().subList(11, 23));
    assertEquals(0.83333333333, km.survivalAt(5), 1e-10);
    assertEquals(0.10758287073, km.stdErr()[0], 1e-10);
    assertEquals(0.66666666667, km.survivalAt(8), 1e-10);
    assertEquals(0.09722222222, km.survivalAt(43), 1e-10);
    assertEquals(0.0, km.survivalAt(45), 1e-12);
  }

  @Test
  void logRankMatchesSurvdiffOnAml() {
    // R: survdiff(Surv(time, status) ~ x, data = aml): chisq 3.396388699, obs 7 11,
    // exp 10.689335992 7.310664008, p = 0.07 (1 df).
    LogRankTest t = LogRankTest.test(aml(), AML_GROUP, 0, 1);
    assertEquals(3.396388699, t.chiSquare(), 1e-8);
    assertEquals(1, t.df());
    assertEquals(7, t.observed()[0], 0);
    assertEquals(11, t.observed()[1], 0);
    assertEquals(10.689335992, t.expected()[0], 1e-8);
    assertEquals(7.310664008, t.expected()[1], 1e-8);
    // 1 - pchisq(3.396388699, 1) = 0.06534...
    assertEquals(0.0653393, t.p(), 1e-6);
  }

  @Test
  void coxMatchesCoxphOnAml() {
    // R: coxph(Surv(time, status) ~ x, data = aml) (Efron ties): coef 0.915532575,
    // se 0.5119342752, loglik -41.03261560, p 0.07371486064.
    double[][] x = new double[23][1];
    for (int i = 0; i < 23; i++) {
      x[i][0] = AML_GROUP[i];
    }
    CoxRegression c = CoxRegression.fit(aml(), x);
    assertEquals(0.915532575, c.beta()[0], 1e-6);
    assertEquals(0.5119342752, c.se()[0], 1e-6);
    assertEquals(-41.03261560, c.logLikelihood(), 1e-6);
    assertEquals(2.498105326, c.hazardRatio(0), 1e-5);
    assertEquals(0.07371486064, c.p()[0], 1e-6);
  }

  static List<SurvivalData.Observation> lung(int[] group) {
    String[] rows = LUNG.trim().split("\\s+");
    List<SurvivalData.Observation> o = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      String[] f = rows[i].split(":");
      o.add(new SurvivalData.Observation(Double.parseDouble(f[0]), f[1].equals("1")));
      group[i] = Integer.parseInt(f[2]);
    }
    return o;
  }

  @Test
  void threeGroupLogRankAndCoxMatchROnLung() {
    int[] g = new int[226];
    List<SurvivalData.Observation> o = lung(g);
    assertEquals(226, o.size());
    // R: survdiff(Surv(time, status) ~ ph.ecog, data = l): chisq 18.01209669, obs 37 82 44,
    // exp 53.90469628 83.09294223 26.00236149.
    LogRankTest t = LogRankTest.test(o, g, 0, 1);
    assertEquals(18.01209669, t.chiSquare(), 1e-7);
    assertEquals(2, t.df());
    assertEquals(53.90469628, t.expected()[0], 1e-7);
    assertEquals(26.00236149, t.expected()[2], 1e-7);
    // R: pchisq(18.01209669, 2, lower.tail = FALSE) = 0.0001226656318
    assertEquals(0.0001226656318, t.p(), 1e-12);
    // R: coxph(Surv(time, status) ~ factor(ph.ecog), data = l): coef 0.3686405022, 0.9153018499;
    // se 0.1986588566, 0.2245590948.
    double[][] x = new double[g.length][2];
    for (int i = 0; i < g.length; i++) {
      x[i][0] = g[i] == 1 ? 1 : 0;
      x[i][1] = g[i] == 2 ? 1 : 0;
    }
    CoxRegression c = CoxRegression.fit(o, x);
    assertEquals(0.3686405022, c.beta()[0], 1e-6);
    assertEquals(0.9153018499, c.beta()[1], 1e-6);
    assertEquals(0.1986588566, c.se()[0], 1e-6);
    assertEquals(0.2245590948, c.se()[1], 1e-6);
    assertEquals(4.581791348e-05, c.p()[1], 1e-8);
  }

  @Test
  void tinyPValuesDoNotUnderflowToZero() {
    // Strata this different give chi-square near 100 on 3 df: R pchisq(100, 3, lower.tail =
    // FALSE) = 1.554159431e-21, which 1 - cdf would round to 0.
    assertEquals(1.554159431e-21, org.hipparchus.special.Gamma.regularizedGammaQ(1.5, 50.0), 1e-30);
    int[] g = new int[40];
    List<SurvivalData.Observation> o = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      g[i] = i % 4;
      o.add(new SurvivalData.Observation(1 + g[i] * 10 + i * 0.01, true));
    }
    LogRankTest t = LogRankTest.test(o, g, 0, 1);
    assertTrue(t.p() > 0 && t.p() < 1e-10, "p " + t.p());
  }

  @Test
  void permutationPValueAgreesWithChiSquareWithinMonteCarloError() {
    // Under the permutation null the p-value estimates P(chi2 >= observed); with B = 2000 its
    // Monte-Carlo SD is sqrt(p(1-p)/B); the asymptotic chi-square p (0.0653 on aml) should lie
    // within 4 SD plus the asymptotic approximation error, which for n = 23 we bound by 0.03.
    LogRankTest t = LogRankTest.test(aml(), AML_GROUP, 2000, 42);
    double sd = Math.sqrt(t.p() * (1 - t.p()) / 2000);
    assertTrue(
        Math.abs(t.permutationP() - t.p()) < 4 * sd + 0.03,
        "permutation p " + t.permutationP() + " vs chi-square p " + t.p());
    LogRankTest again = LogRankTest.test(aml(), AML_GROUP, 2000, 42);
    assertEquals(t.permutationP(), again.permutationP(), 0, "same seed, same p");
  }
}
