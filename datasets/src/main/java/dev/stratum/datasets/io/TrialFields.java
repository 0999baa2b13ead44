package dev.stratum.datasets.io;

import dev.stratum.core.criteria.Trial;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.model.Sex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of one trial document keyed by path ({@code protocolSection.eligibilityModule.sex} for
 * JSON, {@code clinical_study.eligibility.gender} for XML), each with the line it was read on, so
 * that a missing or bad field is reported where its parent starts.
 */
final class TrialFields {
  record Located(String text, long line) {}

  private final String source;
  private final long line;
  private final Map<String, List<Located>> values = new HashMap<>();
  private final Map<String, Long> containers = new HashMap<>();

  TrialFields(String source, long line) {
    this.source = source;
    this.line = line;
  }

  long line() {
    return line;
  }

  void value(String path, String text, long at) {
    values.computeIfAbsent(path, k -> new ArrayList<>()).add(new Located(text, at));
  }

  void container(String path, long at) {
    containers.putIfAbsent(path, at);
  }

  boolean has(String path) {
    return containers.containsKey(path) || values.containsKey(path);
  }

  /** Line of the nearest enclosing container of {@code path} that exists (or the record's). */
  long lineOf(String path) {
    for (String p = path; !p.isEmpty(); p = parent(p)) {
      if (containers.containsKey(p)) {
        return containers.get(p);
      }
      if (values.containsKey(p)) {
        return values.get(p).get(0).line();
      }
    }
    return line;
  }

  private static String parent(String p) {
    int dot = p.lastIndexOf('.');
    return dot < 0 ? "" : p.substring(0, dot);
  }

  InvalidInputException error(String path, String reason) {
    return InvalidInputException.at(source, lineOf(path), path, reason);
  }

  /** The first value at {@code path}, stripped; "" when absent. */
  String text(String path) {
    List<Located> l = values.get(path);
    return l == null ? "" : l.get(0).text().strip();
  }

  String required(String path) {
    String v = text(path);
    if (v.isEmpty()) {
      throw error(path, has(path) ? "required value is empty" : "required field missing");
    }
    return v;
  }

  List<String> all(String path) {
    List<Located> l = values.get(path);
    return l == null ? List.of() : l.stream().map(x -> x.text().strip()).toList();
  }

  double age(String path) {
    try {
      return TrialAges.years(text(path));
    } catch (IllegalArgumentException e) {
      throw error(path, e.getMessage());
    }
  }

  /** ClinicalTrials.gov sex: ALL/FEMALE/MALE (API v2) or All/Both/Female/Male (classic XML). */
  Sex sex(String path) {
    String v = text(path).toUpperCase(Locale.ROOT);
    return switch (v) {
      case "", "ALL", "BOTH" -> null;
      case "FEMALE" -> Sex.FEMALE;
      case "MALE" -> Sex.MALE;
      default ->
          throw error(path, "'" + text(path) + "' is not a sex (expected ALL, FEMALE or MALE)");
    };
  }

  Trial trial(
      String nctPath,
      String titlePath,
      String conditionsPath,
      List<String> phases,
      String eligibilityPath,
      String criteriaPath,
      String sexPath,
      String minAgePath,
      String maxAgePath,
      boolean healthyVolunteers) {
    String nct = required(nctPath);
    if (!has(eligibilityPath)) {
      throw error(eligibilityPath, "missing: the trial has no eligibility section");
    }
    String criteria = required(criteriaPath);
    double min = age(minAgePath);
    double max = age(maxAgePath);
    if (!Double.isNaN(min) && !Double.isNaN(max) && min > max) {
      throw error(maxAgePath, "maximum age is below the minimum age");
    }
    return new Trial(
        nct,
        text(titlePath),
        all(conditionsPath),
        String.join("/", phases),
        criteria,
        sex(sexPath),
        min,
        max,
        healthyVolunteers);
  }
}
