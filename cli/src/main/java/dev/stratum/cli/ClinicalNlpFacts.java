package dev.stratum.cli;

import dev.stratum.core.nlp.NoteFact;
import dev.stratum.jobs.NoteFactExtractor;
import dev.stratum.nlp.ClinicalNlp;
import java.time.LocalDate;
import java.util.List;

/**
 * Plugs the clinical NLP module into the feature job: the job ships this factory to the executors
 * and each partition builds one {@link ClinicalNlp} pipeline (CoreNLP tokenizer and sentence
 * splitter, lexicon, ConText) that serves every note of the partition. The pipeline is never
 * serialized; only this stateless factory is.
 */
public final class ClinicalNlpFacts implements NoteFactExtractor.Factory {
  private static final long serialVersionUID = 1L;

  /** Used by the feature job and, by name, by {@code FeatureStoreBenchmark --note-facts}. */
  public ClinicalNlpFacts() {}

  @Override
  public NoteFactExtractor create() {
    ClinicalNlp nlp = ClinicalNlp.create();
    return new NoteFactExtractor() {
      @Override
      public List<NoteFact> extract(
          String noteId, String personId, LocalDate noteDate, String text) {
        return nlp.extract(noteId, personId, noteDate, text);
      }
    };
  }

  @Override
  public String name() {
    return "stratum-nlp " + VersionProvider.version();
  }
}
