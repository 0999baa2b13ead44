package dev.stratum.core.clinical;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A clinical note as the OMOP CDM {@code note} table holds it. The text is kept exactly as stored
 * (line breaks included) because note facts point into it by character offsets.
 *
 * @param noteId the note's identifier ({@code note_id})
 * @param personId the patient
 * @param date when the note was written ({@code note_date})
 * @param title the note title, e.g. {@code Oncology consult}; empty when none
 * @param text the full note text
 * @param sourceRecord where it came from, e.g. {@code note.csv:12}; empty when unknown
 */
public record Note(
    String noteId,
    String personId,
    LocalDate date,
    String title,
    String text,
    String sourceRecord) {
  public Note {
    Objects.requireNonNull(noteId, "noteId");
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(text, "text");
    title = title == null ? "" : title;
    sourceRecord = sourceRecord == null ? "" : sourceRecord;
  }
}
