package dev.stratum.nlp.eval;

import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A brat standoff document (Stenetorp et al., EACL 2012): the text and its {@code .ann} file of
 * text-bound annotations ({@code T}), events ({@code E}) with role arguments, and attributes
 * ({@code A}). Discontinuous spans ({@code 10 15;20 25}) keep their first and last offsets.
 */
public record BratDocument(
    String id,
    String text,
    Map<String, Span> spans,
    Map<String, Event> events,
    Map<String, Map<String, String>> attributes) {

  /** A text-bound annotation. */
  public record Span(String id, String type, int begin, int end, String text) {}

  /** An event: its type, trigger span id, and role arguments (role, annotation id) in order. */
  public record Event(String id, String type, String trigger, List<String[]> args) {
    /**
     * The first argument with role {@code role} (digits stripped: Value2 stays Value2), or null.
     */
    public String arg(String role) {
      for (String[] a : args) {
        if (a[0].equals(role)) {
          return a[1];
        }
      }
      return null;
    }
  }

  /** Reads {@code dir/id.txt} and {@code dir/id.ann}. */
  public static BratDocument read(Path txt) {
    String name = txt.getFileName().toString();
    String id = name.substring(0, name.lastIndexOf('.'));
    Path ann = txt.resolveSibling(id + ".ann");
    String text;
    List<String> lines;
    try {
      text = Files.readString(txt, StandardCharsets.UTF_8);
      lines = Files.readAllLines(ann, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InvalidInputException.at(txt.toString(), 0, null, "cannot read: " + e.getMessage(), e);
    }
    Map<String, Span> spans = new LinkedHashMap<>();
    Map<String, Event> events = new LinkedHashMap<>();
    Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
    int no = 0;
    for (String line : lines) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        switch (line.charAt(0)) {
          case 'T' -> {
            String[] head = f[1].split(" ", 2);
            String[] pieces = head[1].split(";");
            int b = Integer.parseInt(pieces[0].split(" ")[0]);
            String[] lastPiece = pieces[pieces.length - 1].split(" ");
            int e = Integer.parseInt(lastPiece[lastPiece.length - 1]);
            spans.put(f[0], new Span(f[0], head[0], b, e, f.length > 2 ? f[2] : ""));
          }
          case 'E' -> {
            String[] parts = f[1].strip().split("\\s+");
            String[] trig = parts[0].split(":");
            List<String[]> args = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
              String[] a = parts[i].split(":");
              if (a.length == 2) {
                args.add(new String[] {a[0], a[1]});
              }
            }
            events.put(f[0], new Event(f[0], trig[0], trig[1], args));
          }
          case 'A' -> {
            String[] parts = f[1].split(" ");
            attrs
                .computeIfAbsent(parts[1], k -> new LinkedHashMap<>())
                .put(parts[0], parts.length > 2 ? parts[2] : "true");
          }
          default -> {
            // relations (R), notes (#) and equivalences (*) are not used by the evaluation
          }
        }
      } catch (RuntimeException e) {
        throw InvalidInputException.at(ann.toString(), no, null, "malformed brat line: " + line, e);
      }
    }
    return new BratDocument(id, text, spans, events, attrs);
  }

  /** The span an annotation id stands for: a T directly, or an event's trigger. */
  public Span spanOf(String annId) {
    if (annId == null) {
      return null;
    }
    if (annId.startsWith("E")) {
      Event e = events.get(annId);
      return e == null ? null : spans.get(e.trigger());
    }
    return spans.get(annId);
  }

  /** Attribute {@code name} of annotation {@code annId} (T or E), or null. */
  public String attribute(String annId, String name) {
    Map<String, String> m = attributes.get(annId);
    return m == null ? null : m.get(name);
  }
}
