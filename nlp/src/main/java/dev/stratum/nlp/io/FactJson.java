package dev.stratum.nlp.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.nlp.NoteFact;
import java.util.List;

/**
 * A note fact as a flat record with the columns of {@code truth/facts.csv} (docs/data-formats.md):
 * note_id, person_id, category, concept, code, value, unit, value_text, date, negated, uncertain,
 * historical, experiencer, begin, end, text.
 */
public final class FactJson {
  /** Column names, in order, for tables and CSV. */
  public static final List<String> COLUMNS =
      List.of(
          "note_id",
          "person_id",
          "category",
          "concept",
          "code",
          "value",
          "unit",
          "value_text",
          "date",
          "negated",
          "uncertain",
          "historical",
          "experiencer",
          "begin",
          "end",
          "text");

  private FactJson() {}

  /** The fact as a JSON object; a missing code, value or date is null. */
  public static ObjectNode toJson(NoteFact f) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("note_id", f.noteId());
    o.put("person_id", f.personId());
    o.put("category", f.category());
    o.put("concept", f.concept());
    if (f.code() == null) {
      o.putNull("code");
    } else {
      o.put("code", f.code().toString());
    }
    if (f.hasValue()) {
      o.put("value", f.value());
    } else {
      o.putNull("value");
    }
    o.put("unit", f.unit());
    o.put("value_text", f.valueText());
    if (f.date() == null) {
      o.putNull("date");
    } else {
      o.put("date", f.date().toString());
    }
    o.put("negated", f.status().negated());
    o.put("uncertain", f.status().uncertain());
    o.put("historical", f.status().historical());
    o.put("experiencer", f.status().experiencer().label());
    o.put("begin", f.evidence().begin());
    o.put("end", f.evidence().end());
    o.put("text", f.evidence().text());
    return o;
  }

  /** The fact as table cells in {@link #COLUMNS} order. */
  public static List<String> row(NoteFact f) {
    return List.of(
        f.noteId(),
        f.personId(),
        f.category(),
        f.concept(),
        f.code() == null ? "" : f.code().toString(),
        f.hasValue() ? stripZeros(f.value()) : "",
        f.unit(),
        f.valueText(),
        f.date() == null ? "" : f.date().toString(),
        String.valueOf(f.status().negated()),
        String.valueOf(f.status().uncertain()),
        String.valueOf(f.status().historical()),
        f.status().experiencer().label(),
        String.valueOf(f.evidence().begin()),
        String.valueOf(f.evidence().end()),
        f.evidence().text());
  }

  private static String stripZeros(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
