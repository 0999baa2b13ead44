package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.nlp.NoteFact;
import dev.stratum.nlp.ClinicalNlp;
import dev.stratum.nlp.io.FactJson;
import dev.stratum.nlp.io.Note;
import dev.stratum.nlp.io.NoteFiles;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nlp extract}: the CLI's {@code stratum nlp extract} on a notes file ({@code --in}) or on
 * pasted text ({@code --text '...'}); without either, a text box to paste a note into. Shows one
 * row per fact with its assertion status (negated, uncertain, historical, experiencer; ConText,
 * Harkema et al. 2009) in the CLI's columns.
 */
public final class NlpExtractCommand implements ParagraphCommand {
  static final String EXAMPLE =
      "62 year old woman with type 2 diabetes, HbA1c 8.1%. Denies chest pain. Mother had breast"
          + " cancer. Possible pneumonia.";

  private static final Syntax SYNTAX =
      Syntax.of(
              "nlp extract",
              "[--in FILE | --text TEXT]",
              "facts with assertion status from notes or pasted text (form when neither)")
          .withOptions("in", "text");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    if (a.option("in").isPresent() && a.option("text").isPresent()) {
      throw InvalidInputException.ofArgument("--text", "give --in or --text, not both");
    }
    List<Note> notes;
    if (a.option("in").isPresent()) {
      Path p = Path.of(a.option("in").get());
      if (!Files.isRegularFile(p)) {
        throw InvalidInputException.ofArgument("--in", "file not found: " + p);
      }
      notes = NoteFiles.read(p);
    } else {
      String text = a.option("text").orElseGet(() -> in.forms().textbox("note", EXAMPLE));
      if (text.isBlank()) {
        throw InvalidInputException.ofArgument("--text", "is empty; paste a note");
      }
      notes = List.of(new Note("pasted", "", null, text));
    }
    ClinicalNlp nlp = ClinicalNlp.create();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      in.checkCancelled();
      Note n = notes.get(i);
      for (NoteFact f : nlp.extract(n.noteId(), n.personId(), n.date(), n.text())) {
        rows.add(FactJson.row(f));
      }
      in.progress((i + 1) / (double) notes.size());
    }
    if (rows.isEmpty()) {
      return ParagraphOutput.text("no facts found in " + notes.size() + " note(s)");
    }
    return ParagraphOutput.table(FactJson.COLUMNS, rows);
  }
}
