package dev.stratum.notebooks.zeppelin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A Zeppelin note (.zpln JSON) shipped with Stratum: the notebooks in the repository's {@code
 * notebooks/notebooks/} folder, packaged inside the interpreter jar so that every copy of Stratum
 * can install them.
 *
 * @param id the note id Zeppelin stores it under
 * @param name the note's name (its path in Zeppelin's note tree)
 * @param json the note, as Zeppelin 0.10+ reads it from disk and from {@code POST
 *     /api/notebook/import}
 */
public record ShippedNotebook(String id, String name, String json) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FOLDER = "dev/stratum/notebooks/shipped/";

  /** Reads a note's id and name; {@code source} names it in error messages. */
  public static ShippedNotebook parse(String source, String json) {
    JsonNode note;
    try {
      note = JSON.readTree(json);
    } catch (IOException e) {
      throw InvalidInputException.at(source, 0, "note", "not JSON: " + e.getMessage(), e);
    }
    String id = note.path("id").asText("");
    String name = note.path("name").asText("");
    if (!id.matches("[A-Za-z0-9_]+") || name.isBlank() || !note.path("paragraphs").isArray()) {
      throw InvalidInputException.at(
          source, 0, "note", "a Zeppelin note needs an alphanumeric id, a name and paragraphs");
    }
    return new ShippedNotebook(id, name, json);
  }

  /**
   * The file name Zeppelin 0.10, 0.11 and 0.12 give a note in their notebook folder: the note path
   * and id joined by an underscore.
   */
  public String fileName() {
    return name + "_" + id + ".zpln";
  }

  /** The note as a JSON tree. */
  public JsonNode tree() {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new StratumException("shipped note " + name + " is not JSON", e);
    }
  }

  /** Every note shipped in this build, by name. */
  public static List<ShippedNotebook> all() {
    URL folder = ShippedNotebook.class.getClassLoader().getResource(FOLDER);
    if (folder == null) {
      throw new StratumException("no shipped notebooks on the class path (" + FOLDER + ")");
    }
    List<ShippedNotebook> notes = new ArrayList<>();
    try {
      if (folder.getProtocol().equals("jar")) {
        String path = folder.getPath();
        Path jar = Path.of(URI.create(path.substring(0, path.indexOf("!/"))));
        try (JarFile jf = new JarFile(jar.toFile())) {
          Enumeration<JarEntry> entries = jf.entries();
          while (entries.hasMoreElements()) {
            JarEntry e = entries.nextElement();
            if (e.getName().startsWith(FOLDER) && e.getName().endsWith(".zpln")) {
              try (InputStream in = jf.getInputStream(e)) {
                notes.add(
                    parse(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
              }
            }
          }
        }
      } else {
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
          for (Path f : files.filter(p -> p.toString().endsWith(".zpln")).toList()) {
            notes.add(parse(f.toString(), Files.readString(f)));
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new StratumException("could not read the shipped notebooks: " + e.getMessage(), e);
    }
    notes.sort(Comparator.comparing(ShippedNotebook::name));
    return List.copyOf(notes);
  }
}
