package dev.stratum.matching;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The answer to one trial's criteria over an index: counts per status, the screening funnel and the
 * ranked patients with every criterion's result and evidence. Immutable; {@link #withoutPatients()}
 * and {@link #mapPatients} let a caller apply a role's view (counts only, pseudonyms) without
 * re-running the match.
 *
 * @param trialId the trial (NCT id or the criteria file's id)
 * @param snapshotId the feature-store snapshot the index was built from
 * @param evaluationDate the day windows and ages are computed on
 * @param counts patients per status (every indexed patient not excluded at query time)
 * @param funnel patients remaining after each criterion, in the order that narrows fastest
 * @param patients ranked patients (eligible, then needs review, by score), at most the limit
 * @param criteria the criteria evaluated, in their registered order
 */
public record MatchResult(
    String trialId,
    String snapshotId,
    LocalDate evaluationDate,
    Counts counts,
    List<FunnelStep> funnel,
    List<PatientMatch> patients,
    List<MatchCriterion> criteria) {

  public MatchResult {
    Objects.requireNonNull(trialId, "trialId");
    Objects.requireNonNull(counts, "counts");
    funnel = List.copyOf(funnel);
    patients = List.copyOf(patients);
    criteria = List.copyOf(criteria);
  }

  /** The same result with no patient-level rows (a counts-only view). */
  public MatchResult withoutPatients() {
    return new MatchResult(
        trialId, snapshotId, evaluationDate, counts, funnel, List.of(), criteria);
  }

  /** The same result with patients kept by {@code keep} and rewritten by {@code map}. */
  public MatchResult mapPatients(
      Predicate<PatientMatch> keep, Function<PatientMatch, PatientMatch> map) {
    return new MatchResult(
        trialId,
        snapshotId,
        evaluationDate,
        counts,
        funnel,
        patients.stream().filter(keep).map(map).toList(),
        criteria);
  }

  /** Patients per status. */
  public record Counts(long eligible, long needsReview, long ineligible) {
    public long total() {
      return eligible + needsReview + ineligible;
    }
  }

  /** Patients still in the pool after applying {@code criterionId} and every step before it. */
  public record FunnelStep(String criterionId, String text, long remaining) {}

  /** A patient's status for a trial. */
  public enum Status {
    ELIGIBLE,
    NEEDS_REVIEW,
    INELIGIBLE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether a criterion's statement holds for a patient. */
  public enum Result {
    MET,
    NOT_MET,
    UNKNOWN;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One patient's result.
   *
   * @param personId the indexed (pseudonymized) person id
   * @param status eligible, needs review or ineligible
   * @param score strength of evidence in [0, 1]: the mean over criteria of 1 (decided on structured
   *     data), 0.8 (decided on a note only), 0 (unknown)
   * @param criteria every criterion's result with evidence
   */
  public record PatientMatch(
      String personId, Status status, double score, List<CriterionResult> criteria) {
    public PatientMatch {
      Objects.requireNonNull(personId, "personId");
      criteria = List.copyOf(criteria);
    }

    public PatientMatch withPersonId(String id) {
      return new PatientMatch(id, status, score, criteria);
    }
  }

  /**
   * A criterion's result for one patient.
   *
   * @param id criterion id
   * @param kind inclusion or exclusion
   * @param text criterion text
   * @param result met, not met or unknown
   * @param reason why it is unknown when the criterion could not be structured; empty otherwise
   * @param evidence the records that decided it (and negated, family or uncertain mentions)
   */
  public record CriterionResult(
      String id, String kind, String text, Result result, String reason, List<Evidence> evidence) {
    public CriterionResult {
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * A piece of evidence: a structured record or a note span.
   *
   * @param kind {@code structured}, {@code note} or {@code absence} (no record of it)
   * @param source the table or note id it was read from
   * @param code the code, e.g. {@code C34.90}; empty when none
   * @param date the record's date, null when undated
   * @param value the numeric value, NaN when none
   * @param unit the value's unit, empty when none
   * @param text what it says: the note's sentence, or a label for a record
   * @param begin start of the mention in the note (UTF-16 offset), -1 for structured records
   * @param end end of the mention in the note, -1 for structured records
   * @param assertion for note mentions: affirmed, negated, uncertain, historical or family
   */
  public record Evidence(
      String kind,
      String source,
      String code,
      LocalDate date,
      double value,
      String unit,
      String text,
      int begin,
      int end,
      String assertion) {}
}
