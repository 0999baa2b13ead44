package dev.stratum.core.nlp;

import java.util.Objects;

/**
 * The ConText assertion attributes of a concept mention (Harkema et al., J Biomed Inform 2009):
 * whether it is negated, uncertain or hypothetical, historical, and who experiences it.
 *
 * @param negated "denies chest pain", "no evidence of metastasis"
 * @param uncertain "possible pneumonia", "rule out MI", "if symptoms recur"
 * @param historical "history of", "status post", past-history sections
 * @param experiencer the patient, a family member ("mother had breast cancer"), or someone else
 */
public record AssertionStatus(
    boolean negated, boolean uncertain, boolean historical, Experiencer experiencer) {

  /** Affirmed, current, about the patient. */
  public static final AssertionStatus AFFIRMED =
      new AssertionStatus(false, false, false, Experiencer.PATIENT);

  public AssertionStatus {
    Objects.requireNonNull(experiencer, "experiencer");
  }

  /** True when the mention asserts that the patient has the concept now. */
  public boolean isAffirmedForPatient() {
    return !negated && !uncertain && !historical && experiencer == Experiencer.PATIENT;
  }
}
