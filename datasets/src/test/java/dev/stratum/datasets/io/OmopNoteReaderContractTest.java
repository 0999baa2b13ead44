package dev.stratum.datasets.io;

import dev.stratum.core.clinical.Note;
import java.util.List;

/** The note table, whose quoted note_text spans lines: records are reported at their first line. */
class OmopNoteReaderContractTest extends RecordReaderContract<Note> {
  static final String HEADER = String.join(",", OmopTable.NOTE.columns()) + "\n";

  static String row(String id, String date, String text) {
    return id + ",1," + date + ",,32817,0,Consult," + text + ",0,0,,,,,,\n";
  }

  @Override
  RecordReader<Note> reader() {
    return OmopCsvReader.of(OmopTable.NOTE);
  }

  @Override
  String fileName() {
    return "note.csv";
  }

  @Override
  String goodContent() {
    return HEADER
        + row("1", "2023-03-01", "\"Line one,\nline two\nline three\"")
        + row("2", "2023-03-02", "single line");
  }

  @Override
  int goodCount() {
    return 2;
  }

  @Override
  String mixedContent() {
    return HEADER
        + row("1", "2023-03-01", "\"Line one,\nline two\"") // lines 2-3
        + row("2", "03/01/2023", "\"bad date,\nsecond line\"") // lines 4-5
        + row("3", "2023-03-01", "ok") // line 6
        + row("4", "2023-03-01", "\"\"") // line 7: empty text
        + row("5", "2023-03-01", "\"multi\n\nline with a blank line\""); // lines 8-10
  }

  @Override
  List<Long> badLines() {
    return List.of(4L, 7L);
  }

  @Override
  int mixedCount() {
    return 5;
  }

  @Override
  String headerOnlyContent() {
    return HEADER;
  }
}
