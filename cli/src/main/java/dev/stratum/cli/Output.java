package dev.stratum.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.StratumException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes results to stdout in the three formats every tabular subcommand offers. JSON goes through
 * Jackson; tables and CSV are built from the same rows so the formats never disagree.
 */
public final class Output {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Output() {}

  /** A shared mapper configured for Stratum's JSON output (indented, UTF-8). */
  public static ObjectMapper json() {
    return JSON;
  }

  /** A new empty JSON object to fill. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Writes {@code value} (a Jackson tree, record, map or list) as indented JSON. */
  public static void writeJson(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new StratumException("could not write JSON: " + e.getOriginalMessage(), e);
    }
    out.flush();
  }

  /** Writes rows as an aligned table (header underlined) or as CSV. */
  public static void writeTable(
      PrintWriter out, OutputFormat format, List<String> header, List<List<String>> rows) {
    if (format == OutputFormat.CSV) {
      out.println(csvLine(header));
      for (List<String> r : rows) {
        out.println(csvLine(r));
      }
    } else {
      int[] w = new int[header.size()];
      List<List<String>> all = new ArrayList<>();
      all.add(header);
      all.addAll(rows);
      for (List<String> r : all) {
        for (int i = 0; i < w.length && i < r.size(); i++) {
          w[i] = Math.max(w[i], r.get(i).length());
        }
      }
      out.println(pad(header, w));
      StringBuilder rule = new StringBuilder();
      for (int i = 0; i < w.length; i++) {
        rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
      }
      out.println(rule);
      for (List<String> r : rows) {
        out.println(pad(r, w));
      }
    }
    out.flush();
  }

  private static String pad(List<String> r, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < r.size(); i++) {
      if (i > 0) {
        sb.append("  ");
      }
      String c = r.get(i);
      sb.append(c);
      if (i < r.size() - 1) {
        sb.append(" ".repeat(Math.max(0, w[i] - c.length())));
      }
    }
    return sb.toString();
  }

  /** One RFC 4180 CSV line: fields with commas, quotes or line breaks are quoted. */
  public static String csvLine(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      if (f.indexOf(',') >= 0
          || f.indexOf('"') >= 0
          || f.indexOf('\n') >= 0
          || f.indexOf('\r') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.toString();
  }

  /** A number for people: up to {@code digits} significant decimals, no trailing zeros. */
  public static String num(double x, int digits) {
    if (Double.isNaN(x)) {
      return "NA";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "Inf" : "-Inf";
    }
    String s = String.format(Locale.ROOT, "%." + digits + "f", x);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.equals("-0") ? "0" : s;
  }
}
