package dev.stratum.nlp.criteria;

import dev.stratum.core.criteria.EligibilityCriterion;
import java.util.List;

/**
 * A criterion with the evidence the parser used: where its text is in the source, where the concept
 * was read, and every numeric comparison found (the criterion carries only the main one).
 *
 * @param criterion the structured criterion
 * @param begin offset of the criterion text in the source
 * @param end offset one past its end
 * @param conceptBegin offset of the concept mention, -1 when none
 * @param conceptEnd end of the concept mention, -1 when none
 * @param thresholds every comparison in the text, in text order
 */
public record ParsedCriterion(
    EligibilityCriterion criterion,
    int begin,
    int end,
    int conceptBegin,
    int conceptEnd,
    List<Threshold> thresholds) {
  public ParsedCriterion {
    thresholds = List.copyOf(thresholds);
  }
}
