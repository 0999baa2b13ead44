package dev.stratum.notebooks.commands.biostat;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import dev.stratum.datasets.io.RawDataset;
import dev.stratum.datasets.io.ReadPolicy;
import dev.stratum.datasets.io.SurvivalTable;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code survival}: the CLI's {@code stratum survival} (overall survival per patient from the OMOP
 * tables: days from the primary cancer diagnosis to death or last observation). In a notebook
 * {@code --out FILE} writes the CSV ({@code person_id,time,event}) that {@code stratify --survival}
 * reads; the paragraph shows the counts.
 */
public final class SurvivalCommand implements ParagraphCommand {
  private static final Syntax SYNTAX =
      Syntax.of(
              "survival",
              "--raw DIR --out FILE.csv",
              "overall survival per patient from OMOP, written as CSV for stratify --survival")
          .withOptions("raw", "out");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    Path raw = Path.of(a.required("raw"));
    if (!Files.isDirectory(raw)) {
      throw InvalidInputException.ofArgument("--raw", "not a directory: " + raw);
    }
    Path out = Path.of(a.required("out"));
    SurvivalTable.Result r = SurvivalTable.fromOmop(RawDataset.open(raw), ReadPolicy.strict());
    StringBuilder csv = new StringBuilder("person_id,time,event\n");
    long events = 0;
    for (SurvivalTable.Row row : r.rows()) {
      csv.append(row.personId())
          .append(',')
          .append(row.timeDays())
          .append(',')
          .append(row.event() ? 1 : 0)
          .append('\n');
      events += row.event() ? 1 : 0;
    }
    try {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StratumException("cannot write " + out + ": " + e.getMessage(), e);
    }
    return ParagraphOutput.of(
        Display.table(
            List.of("persons", "analysable", "deaths", "without_diagnosis_origin"),
            List.of(
                List.of(
                    String.valueOf(r.persons()),
                    String.valueOf(r.rows().size()),
                    String.valueOf(events),
                    String.valueOf(r.excluded())))),
        Display.text("wrote " + out));
  }
}
