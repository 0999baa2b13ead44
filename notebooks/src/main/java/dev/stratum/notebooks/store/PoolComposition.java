package dev.stratum.notebooks.store;

import dev.stratum.core.criteria.CriterionKind;
import dev.stratum.core.criteria.CriterionType;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.matching.MatchCriterion;
import dev.stratum.matching.MatchOptions;
import dev.stratum.matching.MatchResult;
import dev.stratum.matching.Matcher;
import dev.stratum.matching.PatientIndex;
import dev.stratum.matching.PatientRecord;
import dev.stratum.trust.Representativeness;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trial's eligible pool against its reference population (issue 9), computed once for the CLI's
 * {@code match --representativeness} and the notebooks' {@code match --representativeness}: the
 * reference is the consented, living patients of the index (minus the revoked and excluded) who
 * meet every inclusion criterion of type condition; composition by sex, race, ethnicity and age
 * group on the evaluation day ({@link Representativeness#of}, 95% intervals).
 *
 * @param report the composition, ratios and flags
 * @param referenceCriteria ids of the condition criteria that define the reference
 * @param evaluatedOn the evaluation day (ages are taken on it)
 */
public record PoolComposition(
    Representativeness.Report report, List<String> referenceCriteria, LocalDate evaluatedOn) {

  /** Most reference patients read record by record. */
  public static final int MAX_REFERENCE = 100_000;

  /**
   * The composition of {@code full}'s eligible patients (every one of them must be listed in it)
   * against the reference population.
   *
   * @param options the options {@code full} was matched with (exclusions, evaluation day)
   */
  public static PoolComposition of(
      PatientIndex idx,
      String trialId,
      List<MatchCriterion> criteria,
      MatchOptions options,
      MatchResult full) {
    List<MatchCriterion> cond =
        criteria.stream()
            .filter(c -> c.kind() == CriterionKind.INCLUSION && c.type() == CriterionType.CONDITION)
            .toList();
    String id = trialId + ":reference";
    MatchResult ref = Matcher.match(idx, id, cond, options.withFreeText("").withLimit(0));
    if (ref.counts().eligible() > MAX_REFERENCE) {
      throw InvalidInputException.ofArgument(
          "--representativeness",
          "at most " + MAX_REFERENCE + " reference patients, got " + ref.counts().eligible());
    }
    // eligible patients are ranked first, so this limit lists every one of them
    ref =
        Matcher.match(
            idx, id, cond, options.withFreeText("").withLimit((int) ref.counts().eligible()));
    LocalDate day = full.evaluationDate();
    List<Representativeness.Demographics> pool = demographics(idx, full, day);
    List<Representativeness.Demographics> reference = demographics(idx, ref, day);
    List<String> ids = cond.stream().map(MatchCriterion::id).toList();
    if (reference.isEmpty()) {
      throw InvalidInputException.ofArgument(
          "--representativeness",
          "no indexed patient meets the trial's condition criteria "
              + ids
              + ": there is no reference population to compare with");
    }
    return new PoolComposition(Representativeness.of(pool, reference, 0.95), ids, day);
  }

  private static List<Representativeness.Demographics> demographics(
      PatientIndex idx, MatchResult r, LocalDate day) {
    List<Representativeness.Demographics> out = new ArrayList<>();
    for (MatchResult.PatientMatch p : r.patients()) {
      if (p.status() != MatchResult.Status.ELIGIBLE) {
        continue;
      }
      PatientRecord rec = idx.record(p.personId());
      assert rec != null : p.personId();
      int age =
          rec.birthDate() == null || rec.birthDate().isAfter(day)
              ? -1
              : Period.between(rec.birthDate(), day).getYears();
      String sex = rec.sex().name().toLowerCase(Locale.ROOT);
      out.add(
          new Representativeness.Demographics(
              sex.equals("unknown") ? "" : sex, rec.race(), rec.ethnicity(), age));
    }
    return out;
  }
}
