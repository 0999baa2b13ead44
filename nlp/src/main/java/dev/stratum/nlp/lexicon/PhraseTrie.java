package dev.stratum.nlp.lexicon;

import dev.stratum.nlp.text.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Longest-match dictionary look-up over token sequences. Phrases are stored as token paths; a
 * phrase written in capitals (an abbreviation such as {@code MI} or {@code ALL}) matches only in
 * capitals, every other phrase matches case-insensitively. Look-up is linear in the sentence length
 * times the longest phrase, which keeps extraction fast regardless of lexicon size.
 *
 * @param <V> what a phrase maps to
 */
public final class PhraseTrie<V> {
  private static final class Node<V> {
    final Map<String, Node<V>> next = new HashMap<>(4);
    final List<V> values = new ArrayList<>(1);
  }

  private final Node<V> root = new Node<>();

  /** A match of a phrase on tokens {@code [start, end)}. */
  public record Match<V>(int start, int end, List<V> values) {}

  /** Adds a phrase given as tokens (as written); returns false when it has no tokens. */
  public boolean add(List<Token> phrase, V value) {
    if (phrase.isEmpty()) {
      return false;
    }
    Node<V> n = root;
    for (Token t : phrase) {
      n = n.next.computeIfAbsent(key(t.text(), t.norm()), k -> new Node<>());
    }
    if (!n.values.contains(value)) {
      n.values.add(value);
    }
    return true;
  }

  // Capitalised abbreviations (2+ letters, all upper case) are keyed case-sensitively with a
  // prefix.
  private static String key(String text, String norm) {
    return isAbbreviation(text) ? "\u0001" + text : norm;
  }

  static boolean isAbbreviation(String w) {
    int letters = 0;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      if (Character.isLetter(c)) {
        letters++;
      }
    }
    return letters >= 1 && w.length() <= 5 && !w.chars().allMatch(Character::isDigit);
  }

  /** The longest phrase starting at token {@code start}, or null. */
  public Match<V> longestAt(List<Token> tokens, int start) {
    Node<V> n = root;
    Match<V> best = null;
    for (int i = start; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Node<V> nx = n.next.get("\u0001" + t.text());
      if (nx == null) {
        nx = n.next.get(t.norm());
      }
      if (nx == null) {
        break;
      }
      n = nx;
      if (!n.values.isEmpty()) {
        best = new Match<>(start, i + 1, n.values);
      }
    }
    return best;
  }

  /** Non-overlapping longest matches, left to right. */
  public List<Match<V>> findAll(List<Token> tokens) {
    List<Match<V>> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Match<V> m = longestAt(tokens, i);
      if (m == null) {
        i++;
      } else {
        out.add(m);
        i = m.end();
      }
    }
    return out;
  }
}
