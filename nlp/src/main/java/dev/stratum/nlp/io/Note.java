package dev.stratum.nlp.io;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A clinical note to read.
 *
 * @param noteId the note id
 * @param personId the patient id; empty when unknown
 * @param date the note date, null when unknown
 * @param text the note text
 */
public record Note(String noteId, String personId, LocalDate date, String text) {
  public Note {
    Objects.requireNonNull(noteId, "noteId");
    personId = personId == null ? "" : personId;
    text = text == null ? "" : text;
  }
}
