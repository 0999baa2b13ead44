package dev.stratum.jobs;

import dev.stratum.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Options of one feature-store build.
 *
 * @param raw the raw-data directory (layout of docs/data-formats.md; {@code omop/person.csv} is
 *     required, every other input optional)
 * @param store the feature-store directory (created when missing)
 * @param asOf point-in-time day: no event dated after it reaches any table; null uses all events
 * @param master Spark master URL ({@code local[*]}, {@code spark://host:port}); used only by {@link
 *     FeatureJob#run(FeatureJobOptions)}, which creates the session
 * @param pseudonymizer keyed pseudonyms for person ids (key from configuration)
 * @param noteFacts the note-facts extractor factory (the NLP module), or null to skip note facts
 * @param noteDeid the note de-identifier factory (the NLP module), or null: then the {@code notes}
 *     table keeps no text, and note facts are read from the source text
 * @param sparkConf extra Spark settings for the session {@link FeatureJob#run(FeatureJobOptions)}
 *     creates
 * @param failAt test hook: fail right after this commit step; null in normal use
 */
public record FeatureJobOptions(
    Path raw,
    Path store,
    LocalDate asOf,
    String master,
    Pseudonymizer pseudonymizer,
    NoteFactExtractor.Factory noteFacts,
    NoteDeidentifier.Factory noteDeid,
    Map<String, String> sparkConf,
    FailurePoint failAt) {

  public FeatureJobOptions {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    master = master == null || master.isBlank() ? "local[*]" : master;
    sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
    if (!Files.isDirectory(raw)) {
      throw InvalidInputException.ofArgument("--raw", "not a directory: " + raw);
    }
    if (!Files.isRegularFile(raw.resolve("omop").resolve("person.csv"))) {
      throw InvalidInputException.ofArgument(
          "--raw", "no omop/person.csv under " + raw + " (layout: docs/data-formats.md)");
    }
    if (asOf != null && asOf.getYear() < 1900) {
      throw InvalidInputException.ofArgument("--as-of", "must be 1900-01-01 or later, got " + asOf);
    }
  }

  /** Local mode, all events, no note facts. */
  public static FeatureJobOptions of(Path raw, Path store, Pseudonymizer pseudonymizer) {
    return new FeatureJobOptions(raw, store, null, null, pseudonymizer, null, null, Map.of(), null);
  }

  public FeatureJobOptions withAsOf(LocalDate day) {
    return new FeatureJobOptions(
        raw, store, day, master, pseudonymizer, noteFacts, noteDeid, sparkConf, failAt);
  }

  public FeatureJobOptions withMaster(String url) {
    return new FeatureJobOptions(
        raw, store, asOf, url, pseudonymizer, noteFacts, noteDeid, sparkConf, failAt);
  }

  public FeatureJobOptions withNoteFacts(NoteFactExtractor.Factory factory) {
    return new FeatureJobOptions(
        raw, store, asOf, master, pseudonymizer, factory, noteDeid, sparkConf, failAt);
  }

  public FeatureJobOptions withNoteDeidentifier(NoteDeidentifier.Factory factory) {
    return new FeatureJobOptions(
        raw, store, asOf, master, pseudonymizer, noteFacts, factory, sparkConf, failAt);
  }

  public FeatureJobOptions withSparkConf(Map<String, String> conf) {
    return new FeatureJobOptions(
        raw, store, asOf, master, pseudonymizer, noteFacts, noteDeid, conf, failAt);
  }

  FeatureJobOptions withFailAt(FailurePoint point) {
    return new FeatureJobOptions(
        raw, store, asOf, master, pseudonymizer, noteFacts, noteDeid, sparkConf, point);
  }

  /** Names of options for messages; the key is never printed. */
  @Override
  public String toString() {
    return "FeatureJobOptions[raw="
        + raw
        + ", store="
        + store
        + ", asOf="
        + asOf
        + ", master="
        + master
        + ", noteFacts="
        + (noteFacts == null ? "none" : noteFacts.name())
        + ", noteDeid="
        + (noteDeid == null ? "none" : noteDeid.name())
        + "]";
  }
}
