package dev.stratum.cli;

import dev.stratum.jobs.NoteDeidentifier;
import dev.stratum.nlp.deid.Deidentifier;

/**
 * The NLP module's rule-based de-identifier plugged into the feature job (jobs does not depend on
 * nlp). Shipped to Spark executors with its date-shift key, which is derived from the pseudonym key
 * ({@code Pseudonymizer.deriveKey("date-shift")}) and travels like the pseudonym key does.
 */
final class NlpNoteDeidentifier implements NoteDeidentifier.Factory {
  private static final long serialVersionUID = 1L;
  private final byte[] key;

  NlpNoteDeidentifier(byte[] dateShiftKey) {
    this.key = dateShiftKey.clone();
  }

  @Override
  public NoteDeidentifier create() {
    Deidentifier d = Deidentifier.builtIn(key);
    return (personId, text) -> d.deidentify(personId, text).text();
  }

  @Override
  public String name() {
    return "stratum-nlp deid/rules.tsv 1";
  }

  @Override
  public String toString() {
    return name();
  }
}
