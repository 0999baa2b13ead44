package dev.stratum.nlp;

import dev.stratum.nlp.text.Sentence;
import dev.stratum.nlp.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a target phrase in a text the way a person would, tolerating case, spacing and typos. */
final class TargetLocator {
  private TargetLocator() {}

  /** Character span {@code [begin, end)} of {@code target} in {@code text}. */
  static int[] locate(String text, String target, List<Sentence> sentences) {
    String t = target.strip();
    if (t.isEmpty()) {
      return new int[] {text.length(), text.length()};
    }
    int i = text.indexOf(t);
    if (i >= 0) {
      return new int[] {i, i + t.length()};
    }
    String lowText = text.toLowerCase(Locale.ROOT);
    String lowTarget = t.toLowerCase(Locale.ROOT);
    i = lowText.indexOf(lowTarget);
    if (i >= 0 && lowText.length() == text.length()) {
      return new int[] {i, i + t.length()};
    }
    List<String> words = new ArrayList<>();
    for (String w : lowTarget.split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    if (!words.isEmpty()) {
      StringBuilder re = new StringBuilder();
      for (String w : words) {
        re.append(re.length() == 0 ? "" : "[^\\p{L}\\p{N}]*").append(Pattern.quote(w));
      }
      Matcher m =
          Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
              .matcher(text);
      if (m.find()) {
        return new int[] {m.start(), m.end()};
      }
    }
    // Best window of tokens sharing word stems (first five letters) with the target.
    int bestScore = 0;
    int bestBegin = text.length();
    int bestEnd = text.length();
    for (Sentence s : sentences) {
      List<Token> toks = s.tokens();
      for (int a = 0; a < toks.size(); a++) {
        int score = 0;
        int lastHit = -1;
        for (int b = a; b < Math.min(toks.size(), a + words.size() + 2); b++) {
          if (matchesAny(toks.get(b).norm(), words)) {
            score++;
            lastHit = b;
          }
        }
        if (score > bestScore && matchesAny(toks.get(a).norm(), words)) {
          bestScore = score;
          bestBegin = toks.get(a).begin();
          bestEnd = toks.get(lastHit).end();
        }
      }
    }
    return new int[] {bestBegin, bestEnd};
  }

  private static boolean matchesAny(String token, List<String> words) {
    for (String w : words) {
      if (stem(w).equals(stem(token)) || (w.length() >= 4 && levenshteinAtMostOne(w, token))) {
        return true;
      }
    }
    return false;
  }

  private static String stem(String w) {
    return w.length() <= 5 ? w : w.substring(0, 5);
  }

  private static boolean levenshteinAtMostOne(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 1) {
      return false;
    }
    int i = 0;
    int j = 0;
    int edits = 0;
    while (i < a.length() && j < b.length()) {
      if (a.charAt(i) == b.charAt(j)) {
        i++;
        j++;
        continue;
      }
      if (++edits > 1) {
        return false;
      }
      if (a.length() > b.length()) {
        i++;
      } else if (a.length() < b.length()) {
        j++;
      } else {
        i++;
        j++;
      }
    }
    return edits + (a.length() - i) + (b.length() - j) <= 1;
  }
}
