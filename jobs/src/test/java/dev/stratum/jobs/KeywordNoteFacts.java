package dev.stratum.jobs;

import dev.stratum.core.model.Code;
import dev.stratum.core.model.CodeSystem;
import dev.stratum.core.nlp.AssertionStatus;
import dev.stratum.core.nlp.EvidenceSpan;
import dev.stratum.core.nlp.Experiencer;
import dev.stratum.core.nlp.NoteFact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double for the NLP module: finds two phrases and treats a preceding "No " as negation. It
 * is deliberately not serializable, and counts how often it is created, so that the tests see one
 * extractor per partition.
 */
final class KeywordNoteFacts implements NoteFactExtractor {
  static final AtomicInteger CREATED = new AtomicInteger();
  static final AtomicInteger CLOSED = new AtomicInteger();

  /** Holds a non-serializable member on purpose. */
  private final Thread owner = Thread.currentThread();

  KeywordNoteFacts() {
    CREATED.incrementAndGet();
  }

  static final class Factory implements NoteFactExtractor.Factory {
    private static final long serialVersionUID = 1L;

    @Override
    public NoteFactExtractor create() {
      return new KeywordNoteFacts();
    }

    @Override
    public String name() {
      return "test-keywords 1";
    }
  }

  @Override
  public List<NoteFact> extract(String noteId, String personId, LocalDate day, String text) {
    assert owner != null;
    List<NoteFact> out = new ArrayList<>();
    find(out, noteId, personId, text, "lung adenocarcinoma", Code.of(CodeSystem.ICD10CM, "C34.90"));
    find(out, noteId, personId, text, "diabetes", Code.of(CodeSystem.ICD10CM, "E11.9"));
    return out;
  }

  private static void find(
      List<NoteFact> out, String noteId, String personId, String text, String phrase, Code code) {
    String lower = text.toLowerCase(Locale.ROOT);
    int i = lower.indexOf(phrase);
    if (i < 0) {
      return;
    }
    boolean negated = i >= 3 && lower.startsWith("no ", i - 3);
    out.add(
        new NoteFact(
            noteId,
            personId,
            "condition",
            phrase,
            code,
            Double.NaN,
            "",
            "",
            null,
            new AssertionStatus(negated, false, false, Experiencer.PATIENT),
            new EvidenceSpan(
                noteId, i, i + phrase.length(), text.substring(i, i + phrase.length()))));
  }

  @Override
  public void close() {
    CLOSED.incrementAndGet();
  }
}
