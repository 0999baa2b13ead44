package dev.stratum.jobs;

import java.io.Serializable;

/**
 * Removes identifiers from a note's text before the feature store keeps it (issue 9). The feature
 * job runs it inside {@code mapPartitions} like {@link NoteFactExtractor}: the {@link Factory} is
 * shipped to the executors and each partition creates one de-identifier. The clinical NLP module
 * plugs in its rule-based de-identifier here (wired in the CLI); without one the {@code notes}
 * table keeps no text at all.
 */
public interface NoteDeidentifier {

  /**
   * The note text without identifiers.
   *
   * @param personId the pseudonymized person id (selects the patient's date shift)
   * @param text the note text as stored in the source
   */
  String deidentify(String personId, String text);

  /** Makes de-identifiers on the executors; must be serializable and cheap to ship. */
  @FunctionalInterface
  interface Factory extends Serializable {
    NoteDeidentifier create();

    /** Name and version recorded in the manifest and the snapshot id. */
    default String name() {
      return getClass().getName();
    }
  }
}
