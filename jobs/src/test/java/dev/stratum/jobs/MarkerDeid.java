package dev.stratum.jobs;

/**
 * A test double for the NLP de-identifier: replaces the word "Patient" (which the fixture's note 1
 * starts with, standing in for a name) by {@code [NAME]}, and tags the text with the person id it
 * was given so the test sees that the pseudonym, not the source id, reaches it.
 */
final class MarkerDeid implements NoteDeidentifier {
  @Override
  public String deidentify(String personId, String text) {
    return text.replace("Patient", "[NAME]") + " {" + personId.length() + "}";
  }

  static final class Factory implements NoteDeidentifier.Factory {
    private static final long serialVersionUID = 1L;

    @Override
    public NoteDeidentifier create() {
      return new MarkerDeid();
    }

    @Override
    public String name() {
      return "marker-deid 1";
    }
  }
}
