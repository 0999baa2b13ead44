package dev.stratum.nlp.text;

import java.util.List;

/**
 * A sentence of a note with its tokens and span.
 *
 * @param tokens the tokens in order
 * @param begin offset of the first character
 * @param end offset one past the last character
 */
public record Sentence(List<Token> tokens, int begin, int end) {
  public Sentence {
    tokens = List.copyOf(tokens);
  }

  public int size() {
    return tokens.size();
  }

  public Token get(int i) {
    return tokens.get(i);
  }
}
