package dev.stratum.notebooks.paragraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.core.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paragraphs split into words as POSIX sh would split the same command line. */
class TokenizerTest {

  @Test
  void blanksAndLineBreaksSeparateWords() {
    assertEquals(
        List.of("sample-size", "means", "--delta", "0.5", "--sd", "1"),
        Tokenizer.split("  sample-size means\n  --delta 0.5\t--sd 1 \n"));
  }

  @Test
  void quotesKeepBlanksAsShDoes() {
    // sh: printf '[%s]' 'a b' "c \"d\" \\e" f'g h'  ->  [a b][c "d" \e][fg h]
    assertEquals(
        List.of("a b", "c \"d\" \\e", "fg h"),
        Tokenizer.split("'a b' \"c \\\"d\\\" \\\\e\" f'g h'"));
  }

  @Test
  void singleQuotesAreLiteralAndKeepLineBreaks() {
    assertEquals(
        List.of("criteria", "Inclusion:\n- age >= 18 \\n"),
        Tokenizer.split("criteria 'Inclusion:\n- age >= 18 \\n'"));
  }

  @Test
  void backslashEscapesAndJoinsLines() {
    assertEquals(List.of("a b", "c"), Tokenizer.split("a\\ b \\\nc"));
  }

  @Test
  void emptyQuotedWordIsAWord() {
    assertEquals(List.of("x", ""), Tokenizer.split("x ''"));
  }

  @Test
  void commentsRunToEndOfLine() {
    assertEquals(
        List.of("units", "list", "version", "a#b"),
        Tokenizer.split("# first line\nunits list # the units\nversion a#b"));
    assertTrue(Tokenizer.split("# only a comment").isEmpty());
  }

  @Test
  void unclosedQuoteIsAUserError() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Tokenizer.split("units 'mg/dL"));
    assertEquals("option 'paragraph': the ' quote opened is not closed", e.getMessage());
    assertThrows(InvalidInputException.class, () -> Tokenizer.split("units \"mg/dL"));
  }
}
