package dev.stratum.notebooks.commands.recruiter;

import dev.stratum.core.criteria.EligibilityCriterion;
import dev.stratum.core.criteria.TrialCriteria;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.nlp.criteria.CriteriaParser;
import dev.stratum.nlp.io.TrialFiles;
import dev.stratum.notebooks.paragraph.Arguments;
import dev.stratum.notebooks.paragraph.Display;
import dev.stratum.notebooks.paragraph.Invocation;
import dev.stratum.notebooks.paragraph.Numbers;
import dev.stratum.notebooks.paragraph.ParagraphCommand;
import dev.stratum.notebooks.paragraph.ParagraphOutput;
import dev.stratum.notebooks.paragraph.Syntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code criteria parse}: the CLI's {@code stratum criteria parse} on a criteria file ({@code
 * --in}, .txt/.json/.xml as the CLI reads them) or on pasted text ({@code --text '...'}, line
 * breaks kept inside single quotes); without either, a text box to paste into. Shows the
 * trial-level age and sex and a table of the structured criteria.
 */
public final class CriteriaParseCommand implements ParagraphCommand {
  static final String EXAMPLE =
      "Inclusion Criteria: - Age >= 18 years - HbA1c between 7.0% and 10.5% - eGFR >= 45"
          + " mL/min/1.73m2 Exclusion Criteria: - Pregnant or breastfeeding - History of"
          + " pancreatitis";

  private static final Syntax SYNTAX =
      Syntax.of(
              "criteria parse",
              "[--in FILE | --text TEXT]",
              "structured eligibility criteria from a criteria file or pasted text (form when"
                  + " neither)")
          .withOptions("in", "text", "format");

  static final List<String> COLUMNS =
      List.of(
          "id",
          "kind",
          "type",
          "concept",
          "code",
          "negated",
          "operator",
          "value",
          "value2",
          "unit",
          "window",
          "text");

  @Override
  public Syntax syntax() {
    return SYNTAX;
  }

  @Override
  public ParagraphOutput run(Invocation in) {
    Arguments a = in.arguments().expectPositionals(0, 0, SYNTAX.usage());
    a.option("format")
        .filter(f -> !f.equals("table"))
        .ifPresent(
            f -> {
              throw InvalidInputException.ofArgument(
                  "--format", "a paragraph shows a table; got '" + f + "'");
            });
    if (a.option("in").isPresent() && a.option("text").isPresent()) {
      throw InvalidInputException.ofArgument("--text", "give --in or --text, not both");
    }
    CriteriaParser parser = CriteriaParser.create();
    TrialCriteria tc;
    if (a.option("in").isPresent()) {
      Path p = Path.of(a.option("in").get());
      if (!Files.isRegularFile(p)) {
        throw InvalidInputException.ofArgument("--in", "file not found: " + p);
      }
      tc = parser.parse(TrialFiles.read(p));
    } else {
      String text = a.option("text").orElseGet(() -> in.forms().textbox("criteria", EXAMPLE));
      if (text.isBlank()) {
        throw InvalidInputException.ofArgument("--text", "is empty; paste criteria text");
      }
      tc = parser.parse("pasted", restoreLines(text));
    }
    List<List<String>> rows = new ArrayList<>();
    for (EligibilityCriterion c : tc.criteria()) {
      rows.add(
          List.of(
              c.id(),
              c.kind().label(),
              c.type().label(),
              c.concept(),
              c.code() == null ? "" : c.code().toString(),
              String.valueOf(c.negated()),
              c.operator() == null ? "" : c.operator().symbol(),
              Double.isNaN(c.value()) ? "" : Numbers.plain(c.value(), 4),
              Double.isNaN(c.value2()) ? "" : Numbers.plain(c.value2(), 4),
              c.unit(),
              c.window() == null ? "" : c.window().within() + " " + c.window().unitLabel(),
              c.text()));
    }
    if (rows.isEmpty()) {
      return ParagraphOutput.text("no criteria found in " + tc.trialId());
    }
    return ParagraphOutput.of(
        Display.table(COLUMNS, rows),
        Display.text(
            tc.trialId()
                + ": "
                + rows.size()
                + " criteria; age "
                + (Double.isNaN(tc.minAge()) ? "-" : Numbers.plain(tc.minAge(), 4))
                + " to "
                + (Double.isNaN(tc.maxAge()) ? "-" : Numbers.plain(tc.maxAge(), 4))
                + " years; sex "
                + (tc.sex() == null ? "any" : tc.sex())));
  }

  /**
   * Criteria text pasted into a one-line text box (or copied from a web page) lost its line breaks,
   * which the parser needs to tell criteria apart: without any line break, the section headings
   * ("Inclusion Criteria:") and the bullets (" - ") start new lines again. Text with line breaks is
   * left as it is.
   */
  static String restoreLines(String text) {
    if (text.contains("\n")) {
      return text;
    }
    return text.replaceAll("(?i)\\s*\\b(inclusion|exclusion) criteria\\s*:\\s*", "\n$1 Criteria:\n")
        .replaceAll("\\s+-\\s+", "\n- ")
        .strip();
  }
}
