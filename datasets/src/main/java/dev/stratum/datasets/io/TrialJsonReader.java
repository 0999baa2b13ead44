package dev.stratum.datasets.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.criteria.Trial;
import dev.stratum.core.error.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads ClinicalTrials.gov API v2 study JSON into {@link Trial}s: a file holding one study (as
 * {@code /api/v2/studies/NCT...} returns it) or a page of studies ({@code {"studies": [...]}} as
 * {@code /api/v2/studies} returns it), streamed study by study with Jackson.
 *
 * <p>Fields read: {@code protocolSection.identificationModule.{nctId, briefTitle}}, {@code
 * conditionsModule.conditions}, {@code designModule.phases}, {@code
 * eligibilityModule.{eligibilityCriteria, healthyVolunteers, sex, minimumAge, maximumAge}}. Syntax
 * errors report Jackson's line; a missing field is reported at the line of the object that should
 * hold it.
 */
public final class TrialJsonReader extends RecordReader<Trial> {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
  private static final String PS = "protocolSection";

  @Override
  public String format() {
    return "ctgov-json";
  }

  /** One study from JSON text, strictly; for callers holding the text (e.g. a pasted trial). */
  public static Trial parse(String source, String json) {
    try (Cursor c = new Cursor(source, new StringReader(json))) {
      Parsed<Trial> p = c.next();
      if (p == null) {
        throw InvalidInputException.at(source, 1, PS, "no study in the document");
      }
      if (!p.accepted()) {
        throw p.error();
      }
      return p.value();
    }
  }

  @Override
  public RecordCursor<Trial> open(Path path) {
    return new Cursor(path.toString(), Inputs.open(path));
  }

  static Trial toTrial(TrialFields f) {
    String id = PS + ".identificationModule";
    String el = PS + ".eligibilityModule";
    String hv = f.text(el + ".healthyVolunteers");
    if (!hv.isEmpty() && !hv.equals("true") && !hv.equals("false")) {
      throw f.error(el + ".healthyVolunteers", "not a boolean");
    }
    return f.trial(
        id + ".nctId",
        id + ".briefTitle",
        PS + ".conditionsModule.conditions",
        f.all(PS + ".designModule.phases"),
        el,
        el + ".eligibilityCriteria",
        el + ".sex",
        el + ".minimumAge",
        el + ".maximumAge",
        hv.equals("true"));
  }

  private static final class Cursor implements RecordCursor<Trial> {
    private final String source;
    private final Reader reader;
    private JsonParser parser;
    private TrialFields root;
    private ObjectNode rootNode;
    private boolean inStudies;
    private boolean sawStudies;
    private boolean done;

    Cursor(String source, Reader reader) {
      this.source = source;
      this.reader = reader;
      try {
        parser = JSON.createParser(reader);
        JsonToken t = parser.nextToken();
        if (t == null) {
          throw InvalidInputException.at(source, 1, null, "invalid JSON: empty file");
        }
        if (t != JsonToken.START_OBJECT) {
          throw InvalidInputException.at(
              source, line(), null, "invalid JSON: expected an object with a protocolSection");
        }
        root = new TrialFields(source, line());
        rootNode = JsonNodeFactory.instance.objectNode();
      } catch (IOException e) {
        close();
        throw syntax(e);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    private long line() {
      return parser.currentTokenLocation().getLineNr();
    }

    private InvalidInputException syntax(IOException e) {
      if (e instanceof JsonProcessingException j) {
        long at = j.getLocation() == null ? 0 : j.getLocation().getLineNr();
        String field = parser == null ? null : currentPath();
        return InvalidInputException.at(
            source, Math.max(at, 0), field, "invalid JSON: " + j.getOriginalMessage(), e);
      }
      return InvalidInputException.at(source, 0, null, "cannot read: " + e.getMessage(), e);
    }

    private String currentPath() {
      StringBuilder sb = new StringBuilder();
      for (var c = parser.getParsingContext(); c != null; c = c.getParent()) {
        if (c.getCurrentName() != null) {
          sb.insert(0, sb.length() == 0 ? c.getCurrentName() : c.getCurrentName() + ".");
        }
      }
      return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public Parsed<Trial> next() {
      if (done) {
        return null;
      }
      try {
        while (true) {
          if (inStudies) {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
              inStudies = false;
              continue;
            }
            if (t != JsonToken.START_OBJECT) {
              throw InvalidInputException.at(
                  source, line(), "studies", "expected a study object in the studies array");
            }
            TrialFields study = new TrialFields(source, line());
            JsonNode node = walk("", study);
            return parsed(study, node);
          }
          JsonToken t = parser.nextToken();
          if (t == JsonToken.END_OBJECT) {
            done = true;
            if (parser.nextToken() != null) {
              throw InvalidInputException.at(
                  source, line(), null, "invalid JSON: content after the top-level object");
            }
            if (root.has(PS)) {
              return parsed(root, rootNode);
            }
            if (!sawStudies) {
              throw InvalidInputException.at(
                  source,
                  root.line(),
                  PS,
                  "not a ClinicalTrials.gov study: no protocolSection (or studies list)");
            }
            return null;
          }
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (name.equals("studies") && value == JsonToken.START_ARRAY) {
            inStudies = true;
            sawStudies = true;
            continue;
          }
          rootNode.set(name, walk(name, root));
        }
      } catch (IOException e) {
        done = true;
        throw syntax(e);
      }
    }

    private Parsed<Trial> parsed(TrialFields f, JsonNode node) {
      try {
        return Parsed.ok(f.line(), node.toString(), toTrial(f));
      } catch (InvalidInputException e) {
        return Parsed.bad(f.line(), node.toString(), e);
      }
    }

    /** Reads the value at the current token into {@code f} and returns it as a tree. */
    private JsonNode walk(String path, TrialFields f) throws IOException {
      JsonToken t = parser.currentToken();
      long at = line();
      JsonNodeFactory n = JsonNodeFactory.instance;
      switch (t) {
        case START_OBJECT -> {
          if (!path.isEmpty()) {
            f.container(path, at);
          }
          ObjectNode o = n.objectNode();
          while (parser.nextToken() != JsonToken.END_OBJECT) {
            String name = parser.currentName();
            parser.nextToken();
            o.set(name, walk(path.isEmpty() ? name : path + "." + name, f));
          }
          return o;
        }
        case START_ARRAY -> {
          f.container(path, at);
          ArrayNode a = n.arrayNode();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            // Elements share their array's path: conditions and phases are lists of strings.
            a.add(walk(path, f));
          }
          return a;
        }
        case VALUE_NULL -> {
          return n.nullNode();
        }
        case VALUE_TRUE, VALUE_FALSE -> {
          f.value(path, parser.getText(), at);
          return n.booleanNode(t == JsonToken.VALUE_TRUE);
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          f.value(path, parser.getText(), at);
          return n.numberNode(parser.getDecimalValue());
        }
        default -> {
          f.value(path, parser.getText(), at);
          return n.textNode(parser.getText());
        }
      }
    }

    @Override
    public void close() {
      Inputs.closeQuietly(parser);
      Inputs.closeQuietly(reader);
    }
  }

  /** Paths read, for documentation and tests. */
  static List<String> fieldsRead() {
    return List.of(
        PS + ".identificationModule.nctId",
        PS + ".identificationModule.briefTitle",
        PS + ".conditionsModule.conditions",
        PS + ".designModule.phases",
        PS + ".eligibilityModule.eligibilityCriteria",
        PS + ".eligibilityModule.healthyVolunteers",
        PS + ".eligibilityModule.sex",
        PS + ".eligibilityModule.minimumAge",
        PS + ".eligibilityModule.maximumAge");
  }
}
