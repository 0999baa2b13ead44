package dev.stratum.jobs;

import dev.stratum.core.nlp.NoteFact;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads clinical facts out of one note. The feature job runs it inside {@code mapPartitions}: the
 * {@link Factory} is shipped to the executors, and each partition creates one extractor (for the
 * NLP module, one CoreNLP pipeline), uses it for every note of the partition and closes it. The
 * extractor itself is never serialized, so it may hold non-serializable state such as a pipeline.
 *
 * <p>The clinical NLP module plugs in here with a factory whose {@code create()} builds its
 * pipeline; see docs/feature-store.md.
 */
public interface NoteFactExtractor extends AutoCloseable {

  /**
   * Facts asserted in one note.
   *
   * @param noteId the OMOP note_id
   * @param personId the pseudonymized person id (copy it into each fact)
   * @param noteDate the note's date, used for facts that state no date of their own
   * @param text the note text
   */
  List<NoteFact> extract(String noteId, String personId, LocalDate noteDate, String text);

  @Override
  default void close() {}

  /** Makes extractors on the executors; must be serializable and cheap to ship. */
  @FunctionalInterface
  interface Factory extends Serializable {
    NoteFactExtractor create();

    /** Name and version recorded in the manifest, e.g. {@code stratum-nlp 0.1.0}. */
    default String name() {
      return getClass().getName();
    }
  }
}
