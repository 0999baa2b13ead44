package dev.stratum.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stratum.core.error.SchemaMismatchException;
import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The manifest of one feature-store snapshot ({@code manifest.json}): what was built from what.
 *
 * @param format always {@value #FORMAT}
 * @param schemaVersion the store schema version the snapshot was written with
 * @param id the snapshot id (a digest of inputs and options, so equal runs give equal ids)
 * @param createdAt when the snapshot was written (ISO instant, UTC)
 * @param asOf the point-in-time day, or null when all events were used
 * @param producer producer name and version ({@code stratum-jobs 0.1.0})
 * @param sparkVersion the Spark version that ran the job
 * @param pseudonymKey fingerprint of the pseudonym key (not the key)
 * @param noteFactExtractor the note-facts extractor, or null when notes were not read by NLP
 * @param inputs every raw input file with its size and SHA-256
 * @param sources record accounting per input
 * @param tables rows per table
 * @param features number of features in the catalog
 * @param parent for a derived snapshot (e.g. strata written back by {@link StrataWriteBack}), the
 *     snapshot it was derived from; null for a build from raw inputs
 * @param derivation for a derived snapshot, what was added (kind, model, method, ...); else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(
    @JsonProperty("format") String format,
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("id") String id,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("as_of") String asOf,
    @JsonProperty("producer") String producer,
    @JsonProperty("spark_version") String sparkVersion,
    @JsonProperty("pseudonym_key_fingerprint") String pseudonymKey,
    @JsonProperty("note_fact_extractor") String noteFactExtractor,
    @JsonProperty("inputs") List<InputFile> inputs,
    @JsonProperty("sources") Map<String, SourceCounts> sources,
    @JsonProperty("tables") Map<String, Long> tables,
    @JsonProperty("features") long features,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("parent") String parent,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("derivation")
        Map<String, String> derivation) {

  /** The format name written into manifests and Parquet footers. */
  public static final String FORMAT = "stratum-feature-store";

  /** The schema version this build writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Manifest {
    inputs = List.copyOf(inputs);
    sources = Map.copyOf(sources);
    tables = Map.copyOf(tables);
    derivation = derivation == null ? null : Map.copyOf(derivation);
  }

  /** A manifest of a build from raw inputs (no parent, no derivation). */
  public Manifest(
      String format,
      int schemaVersion,
      String id,
      String createdAt,
      String asOf,
      String producer,
      String sparkVersion,
      String pseudonymKey,
      String noteFactExtractor,
      List<InputFile> inputs,
      Map<String, SourceCounts> sources,
      Map<String, Long> tables,
      long features) {
    this(
        format,
        schemaVersion,
        id,
        createdAt,
        asOf,
        producer,
        sparkVersion,
        pseudonymKey,
        noteFactExtractor,
        inputs,
        sources,
        tables,
        features,
        null,
        null);
  }

  /** One raw input file. */
  public record InputFile(
      @JsonProperty("path") String path,
      @JsonProperty("bytes") long bytes,
      @JsonProperty("sha256") String sha256) {}

  /** Reads a manifest and refuses formats and schema versions this build cannot read. */
  public static Manifest read(Path file) {
    Manifest m;
    try {
      m = JSON.readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new StratumException("cannot read snapshot manifest " + file + ": " + e, e);
    }
    if (!FORMAT.equals(m.format()) || m.schemaVersion() != SCHEMA_VERSION) {
      throw new SchemaMismatchException(
          file.toString(), m.format() + " v" + m.schemaVersion(), FORMAT + " v" + SCHEMA_VERSION);
    }
    return m;
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new StratumException("cannot write manifest: " + e, e);
    }
  }
}
