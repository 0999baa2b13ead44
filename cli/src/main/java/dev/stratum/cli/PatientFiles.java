package dev.stratum.cli;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Copies of patient-level input files restricted to the admitted patients (consent) and with their
 * ids in the role's view (source ids or pseudonyms), so that what a command computes and writes
 * never holds a patient it may not use nor an id its role may not see.
 */
final class PatientFiles {
  private PatientFiles() {}

  /** What the copies hold. */
  record Restricted(Map<String, Path> omics, Path survival, Set<String> kept, int leftOut) {}

  /**
   * Omics matrices (feature_id, then one column per sample id) and an optional survival CSV
   * (person_id,time,event), restricted and renamed into {@code dir}.
   */
  static Restricted restrict(
      Map<String, Path> omics,
      Path survival,
      Predicate<String> admitted,
      UnaryOperator<String> view,
      Path dir) {
    Set<String> kept = new LinkedHashSet<>();
    Set<String> out = new LinkedHashSet<>();
    Map<String, Path> copies = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
      int n = 0;
      for (Map.Entry<String, Path> e : omics.entrySet()) {
        Path copy = dir.resolve("layer" + (n++) + ".tsv");
        matrix(e.getValue(), copy, admitted, view, kept, out);
        copies.put(e.getKey(), copy);
      }
      Path s = null;
      if (survival != null) {
        s = dir.resolve("survival.csv");
        survivalCsv(survival, s, admitted, view);
      }
      return new Restricted(copies, s, kept, out.size());
    } catch (IOException e) {
      throw new StratumException("cannot write restricted inputs under " + dir + ": " + e, e);
    }
  }

  private static void matrix(
      Path in,
      Path copy,
      Predicate<String> admitted,
      UnaryOperator<String> view,
      Set<String> kept,
      Set<String> out)
      throws IOException {
    if (!Files.isRegularFile(in)) {
      throw InvalidInputException.ofArgument("--omics", "not a file: " + in);
    }
    try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw InvalidInputException.at(in.toString(), 1, null, "empty matrix");
      }
      String[] h = header.split("\t", -1);
      List<Integer> cols = new ArrayList<>();
      StringBuilder sb = new StringBuilder(h[0]);
      for (int i = 1; i < h.length; i++) {
        String id = h[i].strip();
        if (admitted.test(id)) {
          cols.add(i);
          kept.add(id);
          sb.append('\t').append(view.apply(id));
        } else {
          out.add(id);
        }
      }
      w.write(sb.append('\n').toString());
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          w.write(line + "\n"); // keep line numbers for error messages
          continue;
        }
        String[] f = line.split("\t", -1);
        StringBuilder row = new StringBuilder(f[0]);
        for (int c : cols) {
          row.append('\t').append(c < f.length ? f[c] : "");
        }
        w.write(row.append('\n').toString());
      }
    }
  }

  private static void survivalCsv(
      Path in, Path copy, Predicate<String> admitted, UnaryOperator<String> view)
      throws IOException {
    if (!Files.isRegularFile(in)) {
      throw InvalidInputException.ofArgument("--survival", "not a file: " + in);
    }
    try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw InvalidInputException.at(in.toString(), 1, null, "empty file");
      }
      w.write(header + "\n");
      String line;
      while ((line = r.readLine()) != null) {
        int comma = line.indexOf(',');
        if (comma < 0) {
          w.write(line + "\n");
          continue;
        }
        String id = line.substring(0, comma).strip();
        if (admitted.test(id)) {
          w.write(view.apply(id) + line.substring(comma) + "\n");
        }
      }
    }
  }

  /**
   * Re-points an input error in a copy at the original file (same line and field), so messages name
   * the user's file.
   */
  static InvalidInputException original(
      InvalidInputException e, Map<String, Path> originals, Restricted copies) {
    if (e.path().isEmpty()) {
      return e;
    }
    for (Map.Entry<String, Path> c : copies.omics().entrySet()) {
      if (c.getValue().toString().equals(e.path().get())) {
        return InvalidInputException.at(
            originals.get(c.getKey()).toString(), e.line(), e.field().orElse(null), e.reason(), e);
      }
    }
    return e;
  }

  /** Deletes a folder tree, ignoring what is already gone. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // temporary copies: the OS cleans the temp folder
    }
  }
}
