package dev.stratum.datasets.io;

import dev.stratum.core.criteria.Trial;
import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a classic ClinicalTrials.gov study record ({@code clinical_study} XML, the format of the
 * legacy {@code AllPublicXML} download) into a {@link Trial} with the JDK's StAX parser. DTDs and
 * external entities are refused (no network access, no entity expansion).
 *
 * <p>Fields read: {@code id_info/nct_id}, {@code brief_title}, {@code condition} (repeated), {@code
 * phase}, {@code eligibility/criteria/textblock}, {@code eligibility/gender}, {@code
 * eligibility/minimum_age}, {@code eligibility/maximum_age} ("N/A" means no bound), {@code
 * eligibility/healthy_volunteers}. Paths in messages use dots: {@code
 * clinical_study.eligibility.criteria.textblock}.
 */
public final class TrialXmlReader extends RecordReader<Trial> {
  private static final String CS = "clinical_study";

  @Override
  public String format() {
    return "ctgov-xml";
  }

  /** One study from XML text, strictly. */
  public static Trial parse(String source, String xml) {
    Parsed<Trial> p = parseDocument(source, xml);
    if (!p.accepted()) {
      throw p.error();
    }
    return p.value();
  }

  @Override
  public RecordCursor<Trial> open(Path path) {
    String text;
    try (Reader r = Inputs.open(path)) {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
        sb.append(buf, 0, n);
      }
      text = sb.toString();
    } catch (IOException e) {
      throw Inputs.unreadable(path, 0, e);
    }
    Parsed<Trial> only = parseDocument(path.toString(), text);
    return new RecordCursor<>() {
      private boolean given;

      @Override
      public Parsed<Trial> next() {
        if (given) {
          return null;
        }
        given = true;
        return only;
      }

      @Override
      public void close() {}
    };
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  /** Parses the document; syntax errors throw, a study with bad content is returned as rejected. */
  static Parsed<Trial> parseDocument(String source, String xml) {
    if (xml.isBlank()) {
      throw InvalidInputException.at(source, 1, null, "invalid XML: empty file");
    }
    TrialFields f = null;
    XMLStreamReader x = null;
    try {
      x = factory().createXMLStreamReader(new StringReader(xml));
      Deque<String> path = new ArrayDeque<>();
      Deque<StringBuilder> text = new ArrayDeque<>();
      Deque<Long> lines = new ArrayDeque<>();
      while (x.hasNext()) {
        int e = x.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          long at = x.getLocation().getLineNumber();
          String name = x.getLocalName();
          String p = path.isEmpty() ? name : path.peek() + "." + name;
          if (f == null) {
            if (!name.equals(CS)) {
              throw InvalidInputException.at(
                  source, at, name, "root element is not clinical_study");
            }
            f = new TrialFields(source, at);
          }
          f.container(p, at);
          path.push(p);
          text.push(new StringBuilder());
          lines.push(at);
        } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
          if (!text.isEmpty()) {
            text.peek().append(x.getText());
          }
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          String p = path.pop();
          String t = text.pop().toString();
          long at = lines.pop();
          if (!t.isBlank()) {
            f.value(p, t, at);
          }
        }
      }
    } catch (XMLStreamException e) {
      long at = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      String msg = e.getMessage() == null ? "" : e.getMessage();
      int i = msg.indexOf("Message: ");
      throw InvalidInputException.at(
          source,
          Math.max(at, 0),
          null,
          "invalid XML: " + (i >= 0 ? msg.substring(i + 9) : msg),
          e);
    } finally {
      if (x != null) {
        try {
          x.close();
        } catch (XMLStreamException e) {
          // reading from a string: nothing to release
        }
      }
    }
    if (f == null) {
      throw InvalidInputException.at(source, 1, CS, "no clinical_study element");
    }
    try {
      return Parsed.ok(f.line(), xml, toTrial(f));
    } catch (InvalidInputException e) {
      return Parsed.bad(f.line(), xml, e);
    }
  }

  /**
   * Removes the indentation common to all non-blank lines: classic XML indents every line of a
   * textblock (typically 8-10 spaces), the API v2 JSON does not, and the criteria parser should see
   * the same text from both.
   */
  static String dedent(String text) {
    String[] lines = text.split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
          i++;
        }
        indent = Math.min(indent, i);
      }
    }
    if (indent == Integer.MAX_VALUE || indent == 0) {
      return text.strip();
    }
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < lines.length; k++) {
      String l = lines[k];
      sb.append(l.isBlank() ? "" : l.substring(indent));
      if (k < lines.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString().strip();
  }

  private static Trial toTrial(TrialFields f) {
    String el = CS + ".eligibility";
    String hv = f.text(el + ".healthy_volunteers").toLowerCase(Locale.ROOT);
    boolean healthy = hv.equals("yes") || hv.startsWith("accepts");
    Trial t =
        f.trial(
            CS + ".id_info.nct_id",
            CS + ".brief_title",
            CS + ".condition",
            phases(f.text(CS + ".phase")),
            el,
            el + ".criteria.textblock",
            el + ".gender",
            el + ".minimum_age",
            el + ".maximum_age",
            healthy);
    return new Trial(
        t.nctId(),
        t.briefTitle(),
        t.conditions(),
        t.phase(),
        dedent(t.eligibilityCriteria()),
        t.sex(),
        t.minimumAge(),
        t.maximumAge(),
        t.healthyVolunteers());
  }

  /** "Phase 1/Phase 2" -> [PHASE1, PHASE2], "Early Phase 1" -> [EARLY_PHASE1], "N/A" -> [NA]. */
  static List<String> phases(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    if (text.strip().equalsIgnoreCase("N/A")) {
      return List.of("NA");
    }
    return java.util.Arrays.stream(text.split("/"))
        .map(String::strip)
        .map(s -> s.toUpperCase(Locale.ROOT))
        .map(s -> s.replace("EARLY PHASE ", "EARLY_PHASE").replace("PHASE ", "PHASE"))
        .distinct()
        .toList();
  }
}
