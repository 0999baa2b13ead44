package dev.stratum.notebooks.paragraph;

import dev.stratum.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a paragraph into words the way a POSIX shell does, so a paragraph reads exactly like the
 * CLI command it mirrors: words are separated by blanks or line breaks; single quotes keep
 * everything literally; double quotes keep blanks and allow {@code \"} and {@code \\}; a backslash
 * outside quotes escapes the next character (a backslash before a line break joins the lines); a
 * {@code #} that starts a word begins a comment that runs to the end of the line.
 */
public final class Tokenizer {
  private Tokenizer() {}

  /**
   * The words of {@code paragraph}.
   *
   * @throws InvalidInputException when a quote is not closed
   */
  public static List<String> split(String paragraph) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = paragraph.length();
    while (i < n) {
      char c = paragraph.charAt(i);
      if (c == '\'') {
        int end = paragraph.indexOf('\'', i + 1);
        if (end < 0) {
          throw InvalidInputException.ofArgument("paragraph", "the ' quote opened is not closed");
        }
        word.append(paragraph, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char d = paragraph.charAt(i);
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\\'
              && i + 1 < n
              && (paragraph.charAt(i + 1) == '"' || paragraph.charAt(i + 1) == '\\')) {
            word.append(paragraph.charAt(i + 1));
            i += 2;
          } else {
            word.append(d);
            i++;
          }
        }
        if (!closed) {
          throw InvalidInputException.ofArgument("paragraph", "the \" quote opened is not closed");
        }
        inWord = true;
      } else if (c == '\\') {
        if (i + 1 < n) {
          char next = paragraph.charAt(i + 1);
          if (next == '\n') {
            i += 2;
            continue;
          }
          word.append(next);
          inWord = true;
        }
        i += 2;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '#' && !inWord) {
        int end = paragraph.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return List.copyOf(words);
  }
}
