package dev.stratum.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.stratum.nlp.criteria.CriteriaParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing a user can type makes extraction, assertion or criteria parsing throw: seeded random
 * strings built from clinical words, numbers, units, operators, bullets, brackets and odd
 * characters (seed printed on failure), plus the TSV contract on malformed rows.
 */
class RobustnessTest {
  static ClinicalNlp nlp;
  static CriteriaParser parser;

  private static final String[] PIECES = {
    "no ",
    "not ",
    "denies ",
    "possible ",
    "history of ",
    "mother ",
    "but ",
    "; ",
    ") ",
    "(",
    "if ",
    "HbA1c ",
    "8.2",
    "%",
    " mg/dL",
    "≥",
    "<=",
    " ~ ",
    "-",
    "–",
    "x ULN ",
    "10^9/L",
    "EGFR ",
    "L858R ",
    "exon 19 deletion ",
    "HER2 ",
    "3+ ",
    "PD-L1 TPS ",
    "50%",
    "ECOG ",
    "0-1",
    "years ",
    "within ",
    "4 weeks ",
    "T2DM ",
    "NSCLC ",
    "\n",
    "\n\n",
    "  1. ",
    "- ",
    "* ",
    "Inclusion Criteria:",
    "Exclusion Criteria:",
    ":",
    ".",
    ",",
    "\t",
    "[**2148-10-1**] ",
    "2024-02-30 ",
    "\u00a0",
    "é",
    "\uD83D\uDE00",
    "\u0000",
    "\\",
    "\"",
    "between ",
    " and ",
    "18 ",
    "999999999999999999999 ",
    "FH: ",
    "PMH: ",
    "Plan: ",
    "s/p ",
    "c/o ",
    "?",
    "Age ",
    "male ",
    "female ",
  };

  @BeforeAll
  static void build() {
    nlp = ClinicalNlp.create();
    parser = CriteriaParser.using(nlp);
  }

  @Test
  void randomTextNeverThrows() {
    long seed = 20261127L;
    SplittableRandom root = new SplittableRandom(seed);
    for (int i = 0; i < 400; i++) {
      SplittableRandom r = root.split();
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(1, 40);
      for (int k = 0; k < n; k++) {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      }
      String text = sb.toString();
      String target = PIECES[r.nextInt(PIECES.length)];
      try {
        assertNotNull(nlp.extract("n" + i, "p", null, text));
        assertNotNull(nlp.assertion(text, target));
        assertNotNull(parser.parse("t" + i, text));
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("seed " + seed + " case " + i + ": " + text, e);
      }
    }
  }

  @Test
  void tsvGivesOneRowPerInputRow() throws IOException {
    String in =
        "\uFEFFid\tsentence\ttarget\n"
            + "1\tNo fever.\tfever\n"
            + "\n"
            + "2\n"
            + "3\t\t\n"
            + "4\tPossible pneumonia.\tpneumonia\textra\tcolumns\n"
            + "5\t"
            + "word ".repeat(5000)
            + "\tword\r\n"
            + "6\tHis mother had breast cancer.\tnot in the sentence at all\n";
    StringWriter out = new StringWriter();
    int rows = AssertionTsv.process(new BufferedReader(new StringReader(in)), out, nlp);
    List<String> lines = out.toString().lines().toList();
    assertEquals(7, rows);
    assertEquals(AssertionTsv.HEADER, lines.get(0));
    assertEquals("1\ttrue\tfalse\tfalse\tpatient", lines.get(1));
    assertEquals("\tfalse\tfalse\tfalse\tpatient", lines.get(2));
    assertEquals("2\tfalse\tfalse\tfalse\tpatient", lines.get(3));
    assertEquals("4\tfalse\ttrue\tfalse\tpatient", lines.get(5));
    assertEquals("5\tfalse\tfalse\tfalse\tpatient", lines.get(6));
    assertEquals(8, lines.size());
  }
}
