package dev.stratum.stratification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the stratified patients came from and what is known about them beyond the features: the
 * source (omics files or a feature-store snapshot), the feature families used, the cohort rules
 * applied (consent), an approved protocol that allowed patients without research consent, and
 * demographics for the composition of each cluster. Recorded in {@code model.json} and the report.
 *
 * @param source human-readable source, e.g. {@code feature store /data/store, snapshot all-1a2b}
 * @param snapshotId the feature-store snapshot id, or null for omics files
 * @param families the feature families (layers) used
 * @param approvedProtocol the protocol id that approved using patients without research consent, or
 *     null when only consenting patients were used
 * @param cohortNotes what was done to the cohort before clustering (exclusions with counts)
 * @param demographics person id -> demographics (may be empty)
 */
public record StudyContext(
    String source,
    String snapshotId,
    List<String> families,
    String approvedProtocol,
    List<String> cohortNotes,
    Map<String, Demographics> demographics) {

  public StudyContext {
    Objects.requireNonNull(source, "source");
    families = List.copyOf(families);
    cohortNotes = List.copyOf(cohortNotes);
    demographics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(demographics));
  }

  /** A context with a source only (omics files). */
  public static StudyContext of(String source) {
    return new StudyContext(source, null, List.of(), null, List.of(), Map.of());
  }

  /**
   * Demographics of one patient; a null or blank value is unknown.
   *
   * @param sex male, female or unknown
   * @param race as recorded (OMOP race_source_value)
   * @param ethnicity as recorded (OMOP ethnicity_source_value)
   * @param ageGroup an age band such as {@code 55-64}
   */
  public record Demographics(String sex, String race, String ethnicity, String ageGroup) {
    /** The value of a variable by its name (sex, race, ethnicity, age group). */
    public String get(String variable) {
      return switch (variable) {
        case "sex" -> sex;
        case "race" -> race;
        case "ethnicity" -> ethnicity;
        case "age group" -> ageGroup;
        default -> throw new IllegalArgumentException("no demographic variable " + variable);
      };
    }
  }

  /**
   * The age band of an age in whole years: under 45, 45-54, 55-64, 65-74, 75 and over (the bands of
   * cancer registries' incidence tables), or null when unknown.
   */
  public static String ageGroup(Integer ageYears) {
    if (ageYears == null || ageYears < 0) {
      return null;
    }
    if (ageYears < 45) {
      return "<45";
    }
    if (ageYears < 55) {
      return "45-54";
    }
    if (ageYears < 65) {
      return "55-64";
    }
    if (ageYears < 75) {
      return "65-74";
    }
    return "75+";
  }
}
