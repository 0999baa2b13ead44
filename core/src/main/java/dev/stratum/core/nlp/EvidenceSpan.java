package dev.stratum.core.nlp;

import java.util.Objects;

/**
 * Where a fact was read: a character span in a source document, with the text it covers so that a
 * person can see the evidence without opening the source.
 *
 * @param sourceId the note id (or file name) the span is in
 * @param begin offset of the first character, 0-based, in UTF-16 code units
 * @param end offset one past the last character
 * @param text the covered text
 */
public record EvidenceSpan(String sourceId, int begin, int end, String text) {
  public EvidenceSpan {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(text, "text");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("invalid span [" + begin + ", " + end + ")");
    }
  }
}
