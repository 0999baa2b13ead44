package dev.stratum.nlp.context;

import java.util.Set;

/**
 * A ConText trigger term's rule.
 *
 * @param phrase the phrase as written in the rules file (after alternation expansion)
 * @param triggerClass what the trigger asserts
 * @param forward whether its scope runs to the right
 * @param backward whether its scope runs to the left
 * @param adjacent whether its scope is only a mention that touches it: the word a prefix such as
 *     "non-" is fused to, or that a suffix such as "-naive" follows (direction {@code next} or
 *     {@code previous} in the rules file)
 * @param terminates for {@link TriggerClass#TERMINATE}: the classes whose scope it ends
 */
public record TriggerRule(
    String phrase,
    TriggerClass triggerClass,
    boolean forward,
    boolean backward,
    boolean adjacent,
    Set<TriggerClass> terminates) {
  public TriggerRule {
    terminates = Set.copyOf(terminates);
  }

  /** Whether this rule ends the scope of a trigger of class {@code c}. */
  public boolean ends(TriggerClass c) {
    return triggerClass == TriggerClass.TERMINATE && terminates.contains(c);
  }
}
