package dev.stratum.nlp.context;

import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.nlp.lexicon.PhraseTrie;
import dev.stratum.nlp.text.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The ConText algorithm (Harkema, Dowling, Thornblade, Chapman, J Biomed Inform 2009;42:839-851): a
 * mention takes the assertion of every trigger whose scope covers it. A trigger's scope runs from
 * the trigger to the end of the sentence (forward) or to its start (backward), and ends early at a
 * termination term for that class ("but", ";", "which", ...). Pseudo-triggers ("no increase", "gram
 * negative") are matched first, by longest match, so their words trigger nothing. Section context
 * (Family History, Past Medical History, Plan) applies to every mention in the section.
 *
 * <p>Deviation from the paper: hypothetical is folded into {@code uncertain}, because {@link
 * AssertionStatus} has four attributes; and experiencer triggers are ended by the patient's own
 * pronouns ("and he has"), which the published lexicon leaves to the sentence end.
 */
public final class ConText {
  private final ContextRules rules;

  /** A trigger occurrence in a sentence, tokens {@code [start, end)}. */
  public record Trigger(int start, int end, List<TriggerRule> rules) {}

  public ConText(ContextRules rules) {
    this.rules = rules;
  }

  /** Trigger occurrences in a sentence, left to right, longest match first. */
  public List<Trigger> triggers(List<Token> tokens) {
    List<Trigger> out = new ArrayList<>();
    for (PhraseTrie.Match<TriggerRule> m : rules.triggers().findAll(tokens)) {
      out.add(new Trigger(m.start(), m.end(), m.values()));
    }
    return out;
  }

  /**
   * The assertion status of the mention at tokens {@code [ts, te)}.
   *
   * @param triggers the sentence's triggers ({@link #triggers})
   * @param section the enclosing section's effect (HISTORICAL, FAMILY, UNCERTAIN) or null
   */
  public AssertionStatus assess(List<Trigger> triggers, int ts, int te, TriggerClass section) {
    boolean negated = inScope(triggers, ts, te, TriggerClass.NEGATED);
    boolean uncertain =
        inScope(triggers, ts, te, TriggerClass.UNCERTAIN) || section == TriggerClass.UNCERTAIN;
    boolean historical =
        inScope(triggers, ts, te, TriggerClass.HISTORICAL) || section == TriggerClass.HISTORICAL;
    Experiencer who = Experiencer.PATIENT;
    if (inScope(triggers, ts, te, TriggerClass.FAMILY) || section == TriggerClass.FAMILY) {
      who = Experiencer.FAMILY;
    } else if (inScope(triggers, ts, te, TriggerClass.OTHER)) {
      who = Experiencer.OTHER;
    }
    return new AssertionStatus(negated, uncertain, historical, who);
  }

  private static boolean inScope(List<Trigger> triggers, int ts, int te, TriggerClass c) {
    for (int i = 0; i < triggers.size(); i++) {
      Trigger t = triggers.get(i);
      if (t.end() > ts && t.start() < te) {
        continue; // a trigger inside the mention says nothing about it
      }
      for (TriggerRule r : t.rules()) {
        if (r.triggerClass() != c) {
          continue;
        }
        if (r.adjacent()) {
          // An affix trigger ("non-", "-naive") negates only the word it is fused to.
          if (r.forward() && t.end() == ts || r.backward() && t.start() == te) {
            return true;
          }
          continue;
        }
        if (r.forward() && t.end() <= ts && !terminated(triggers, i + 1, ts, c, true)) {
          return true;
        }
        if (r.backward() && t.start() >= te && !terminated(triggers, i - 1, te, c, false)) {
          return true;
        }
      }
    }
    return false;
  }

  // Is there a terminator for class c between trigger index `from` and the mention boundary?
  private static boolean terminated(
      List<Trigger> triggers, int from, int boundary, TriggerClass c, boolean rightwards) {
    if (rightwards) {
      for (int j = from; j < triggers.size() && triggers.get(j).end() <= boundary; j++) {
        if (ends(triggers.get(j), c)) {
          return true;
        }
      }
    } else {
      for (int j = from; j >= 0 && triggers.get(j).start() >= boundary; j--) {
        if (ends(triggers.get(j), c)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean ends(Trigger t, TriggerClass c) {
    for (TriggerRule r : t.rules()) {
      if (r.ends(c)) {
        return true;
      }
    }
    return false;
  }

  public ContextRules rules() {
    return rules;
  }
}
