package dev.stratum.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Finds planted identifiers in text (issue 9: "a scan that finds none left in the store, the index
 * or any output"): every needle at once with an Aho-Corasick automaton (Aho and Corasick,
 * "Efficient string matching", CACM 18:333, 1975), so megabytes of values are scanned in one pass
 * each. A hit counts only on word boundaries (an MRN inside a 32-hex-digit pseudonym is not an
 * MRN).
 *
 * <p>Scoped needles: a date of service is a date like any other, and the store keeps structured
 * event dates by design (docs/privacy.md, "limited data set"), so a date needle counts only in free
 * text (a value that is not itself exactly a date) belonging to its own note or patient ({@link
 * Needle#scope}): elsewhere the same calendar day is some other patient's unrelated date.
 */
final class IdentifierScanner {
  /**
   * @param text the identifier as planted
   * @param kind name, mrn, phone, email, address, date
   * @param scope empty: searched everywhere; else the keys ({@code note:ID}, {@code person:ID}) of
   *     the values it is searched in
   */
  record Needle(String text, String kind, Set<String> scope) {}

  /** A planted identifier found in a value. */
  record Hit(String where, String kind, String text, String context) {
    @Override
    public String toString() {
      return where + ": " + kind + " '" + text + "' in '" + context + "'";
    }
  }

  private static final class Node {
    final Map<Character, Node> next = new HashMap<>();
    Node fail;
    final List<Needle> out = new ArrayList<>();
  }

  private final Node root = new Node();
  private final int needles;

  IdentifierScanner(Collection<Needle> needles) {
    this.needles = needles.size();
    for (Needle n : needles) {
      Node at = root;
      for (char c : n.text().toCharArray()) {
        at = at.next.computeIfAbsent(c, k -> new Node());
      }
      at.out.add(n);
    }
    Queue<Node> q = new ArrayDeque<>();
    root.fail = root;
    for (Node child : root.next.values()) {
      child.fail = root;
      q.add(child);
    }
    while (!q.isEmpty()) {
      Node n = q.remove();
      for (Map.Entry<Character, Node> e : n.next.entrySet()) {
        Node f = n.fail;
        while (f != root && !f.next.containsKey(e.getKey())) {
          f = f.fail;
        }
        Node target = f.next.get(e.getKey());
        e.getValue().fail = target != null && target != e.getValue() ? target : root;
        e.getValue().out.addAll(e.getValue().fail.out);
        q.add(e.getValue());
      }
    }
  }

  int size() {
    return needles;
  }

  /**
   * The planted identifiers in one value.
   *
   * @param where what the value is (table and column, index field, output), for the report
   * @param scope keys of the note and patient the value belongs to (empty when unknown)
   */
  List<Hit> scan(String where, String value, Set<String> scope) {
    List<Hit> hits = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return hits;
    }
    boolean structuredDate = isDate(value);
    Node at = root;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      while (at != root && !at.next.containsKey(c)) {
        at = at.fail;
      }
      at = at.next.getOrDefault(c, root);
      for (Needle n : at.out) {
        int begin = i + 1 - n.text().length();
        if (!boundary(value, begin - 1) || !boundary(value, i + 1)) {
          continue;
        }
        if (!n.scope().isEmpty()
            && (structuredDate || scope.stream().noneMatch(n.scope()::contains))) {
          continue;
        }
        int from = Math.max(0, begin - 30);
        int to = Math.min(value.length(), i + 31);
        hits.add(new Hit(where, n.kind(), n.text(), value.substring(from, to).replace('\n', ' ')));
      }
    }
    return hits;
  }

  private static boolean boundary(String s, int i) {
    return i < 0 || i >= s.length() || !Character.isLetterOrDigit(s.charAt(i));
  }

  private static boolean isDate(String s) {
    if (s.length() != 10) {
      return false;
    }
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
