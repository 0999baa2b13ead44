package dev.stratum.trialsim.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.SchemaMismatchException;
import dev.stratum.core.strata.StratumSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strata of a design taken from upstream files, read as plain JSON (trial-sim does not depend on
 * the modules that write them; docs/trial-design.md describes the fields read):
 *
 * <ul>
 *   <li>a stratification model ({@code stratum stratify} writes {@code model.json}, format {@code
 *       stratum-stratification-model} schema version 1): strata S1..Sk with prevalences from its
 *       {@code cluster_sizes};
 *   <li>the eligible-pool counts of a recruiter query ({@code stratum match} JSON): {@code
 *       counts.eligible} caps the sample size, and per-stratum counts, when present as {@code
 *       "eligible_by_stratum": {"S1": n, ...}}, replace the prevalences by the pool's composition.
 * </ul>
 */
public final class UpstreamStrata {
  /** The stratification model format read. */
  public static final String MODEL_FORMAT = "stratum-stratification-model";

  /** The model schema version read. */
  public static final int MODEL_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private UpstreamStrata() {}

  /**
   * The eligible pool of a recruiter query.
   *
   * @param eligible patients eligible for the trial
   * @param byStratum eligible patients per stratum name (empty when the query did not split them)
   */
  public record EligiblePool(long eligible, Map<String, Long> byStratum) {
    public EligiblePool {
      if (eligible < 0) {
        throw new IllegalArgumentException("eligible count must be >= 0, got " + eligible);
      }
      byStratum = Collections.unmodifiableMap(new LinkedHashMap<>(byStratum));
    }
  }

  /**
   * What applying upstream strata did, for the user.
   *
   * @param design the design with the new strata (and sample size)
   * @param notes one line per change made (prevalences, effects, capped sample size)
   */
  public record Applied(TrialDesign design, List<String> notes) {
    public Applied {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Strata S1..Sk of a stratification model, prevalence = cluster size / total (sizes kept).
   *
   * @throws SchemaMismatchException for another format or schema version
   * @throws InvalidInputException naming the file and field when a needed field is missing or bad
   */
  public static List<StratumSummary> readModel(Path modelJson) {
    JsonNode root = readJson(modelJson);
    String where = modelJson.toString();
    String format = root.path("format").asText("");
    if (!MODEL_FORMAT.equals(format)) {
      throw new SchemaMismatchException(
          where, "format '" + format + "'", MODEL_FORMAT + " schema version " + MODEL_VERSION);
    }
    int version = root.path("schema_version").asInt(-1);
    if (version != MODEL_VERSION) {
      throw new SchemaMismatchException(
          where, MODEL_FORMAT + " schema version " + version, "schema version " + MODEL_VERSION);
    }
    JsonNode sizes = root.get("cluster_sizes");
    if (sizes == null || !sizes.isArray() || sizes.isEmpty()) {
      throw InvalidInputException.at(
          where, 0, "cluster_sizes", "must be a non-empty array of cluster sizes");
    }
    long total = 0;
    int[] n = new int[sizes.size()];
    for (int i = 0; i < n.length; i++) {
      JsonNode s = sizes.get(i);
      if (!s.canConvertToInt() || !s.isIntegralNumber() || s.asInt() < 0) {
        throw InvalidInputException.at(
            where, 0, "cluster_sizes[" + i + "]", "must be a whole number >= 0, got " + s);
      }
      n[i] = s.asInt();
      total += n[i];
    }
    if (total == 0) {
      throw InvalidInputException.at(where, 0, "cluster_sizes", "all clusters are empty");
    }
    if (root.has("k") && root.get("k").asInt() != n.length) {
      throw InvalidInputException.at(
          where,
          0,
          "cluster_sizes",
          "has " + n.length + " clusters but k is " + root.get("k").asInt());
    }
    List<StratumSummary> out = new ArrayList<>();
    for (int i = 0; i < n.length; i++) {
      // the stratification names its strata S1..Sk after clusters 1..k (docs/stratification.md)
      out.add(new StratumSummary("S" + (i + 1), (double) n[i] / total, n[i]));
    }
    return out;
  }

  /**
   * The eligible pool of a recruiter query: {@code {"counts": {"eligible": n, ...}}} as {@code
   * stratum match} writes it, optionally with {@code "eligible_by_stratum": {"S1": n, ...}}.
   * Suppressed counts ({@code "<11"} of the counts-only role) are refused: they cannot size a
   * trial.
   */
  public static EligiblePool readPool(Path matchJson) {
    JsonNode root = readJson(matchJson);
    String where = matchJson.toString();
    JsonNode counts = root.get("counts");
    if (counts == null || !counts.isObject()) {
      throw InvalidInputException.at(
          where, 0, "counts", "missing: expected {\"counts\": {\"eligible\": n, ...}}");
    }
    long eligible = count(where, "counts.eligible", counts.get("eligible"));
    Map<String, Long> by = new LinkedHashMap<>();
    JsonNode strata = root.get("eligible_by_stratum");
    if (strata != null && !strata.isNull()) {
      if (!strata.isObject()) {
        throw InvalidInputException.at(
            where, 0, "eligible_by_stratum", "must be an object {\"S1\": n, ...}");
      }
      long sum = 0;
      for (Map.Entry<String, JsonNode> e : strata.properties()) {
        long c = count(where, "eligible_by_stratum." + e.getKey(), e.getValue());
        by.put(e.getKey(), c);
        sum += c;
      }
      if (sum > eligible) {
        throw InvalidInputException.at(
            where,
            0,
            "eligible_by_stratum",
            "per-stratum counts sum to " + sum + ", more than counts.eligible = " + eligible);
      }
    }
    return new EligiblePool(eligible, by);
  }

  /**
   * The design with upstream strata: prevalences from {@code strata} (or from the pool's
   * per-stratum counts when it has them for every stratum), one effect per stratum from {@code
   * effects} (or, when null, the design's own strata effects in order when it has as many strata,
   * else the endpoint's effect in every stratum), and the sample size capped by the pool.
   *
   * @param design the design file's design
   * @param strata strata from a stratification model, or null to keep the design's strata
   * @param effects one effect per stratum (hazard ratio, mean difference or experimental rate), or
   *     null
   * @param pool eligible pool, or null
   */
  public static Applied apply(
      TrialDesign design, List<StratumSummary> strata, double[] effects, EligiblePool pool) {
    List<String> notes = new ArrayList<>();
    TrialDesign d = design;
    List<StratumSummary> summaries = strata;
    if (summaries == null) {
      summaries = new ArrayList<>();
      for (DesignStratum s : design.strata()) {
        summaries.add(new StratumSummary(s.name(), s.prevalence(), 0));
      }
    }
    if (pool != null && !pool.byStratum().isEmpty() && !summaries.isEmpty()) {
      List<StratumSummary> fromPool = new ArrayList<>();
      long total = 0;
      for (StratumSummary s : summaries) {
        Long c = pool.byStratum().get(s.name());
        if (c == null) {
          throw InvalidInputException.ofArgument(
              "--pool",
              "eligible_by_stratum has no count for stratum '"
                  + s.name()
                  + "' (has "
                  + pool.byStratum().keySet()
                  + ")");
        }
        total += c;
      }
      if (total == 0) {
        throw InvalidInputException.ofArgument("--pool", "no eligible patient in any stratum");
      }
      for (StratumSummary s : summaries) {
        long c = pool.byStratum().get(s.name());
        fromPool.add(new StratumSummary(s.name(), (double) c / total, (int) Math.min(c, 1L << 30)));
      }
      summaries = fromPool;
      notes.add("prevalences from the eligible pool's per-stratum counts");
    }
    if (summaries.isEmpty() && effects != null) {
      throw InvalidInputException.ofArgument(
          "--stratum-effects",
          "the design has no strata (give --strata-from or strata in the file)");
    }
    if (!summaries.isEmpty()) {
      double[] eff = effects;
      if (eff == null) {
        List<DesignStratum> own = design.strata();
        eff = new double[summaries.size()];
        boolean inherit = own.size() == summaries.size();
        for (int i = 0; i < eff.length; i++) {
          double e = inherit ? own.get(i).effect() : Double.NaN;
          eff[i] = Double.isNaN(e) ? design.endpoint().effect() : e;
        }
        notes.add(
            inherit
                ? "stratum effects from the design's strata, in order"
                : "no stratum effects given: every stratum has the endpoint's effect "
                    + design.endpoint().effect());
      } else if (eff.length != summaries.size()) {
        throw InvalidInputException.ofArgument(
            "--stratum-effects",
            "need one effect per stratum: " + summaries.size() + " strata, got " + eff.length);
      }
      if (strata != null) {
        notes.add(summaries.size() + " strata from the stratification model");
      }
      try {
        d = d.withStrata(summaries, eff);
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.ofArgument("--strata-from", e.getMessage());
      }
    }
    if (pool != null && pool.eligible() < d.sampleSize()) {
      try {
        d = d.withSampleSize((int) pool.eligible());
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.ofArgument(
            "--pool",
            "the eligible pool ("
                + pool.eligible()
                + " patients) is too small for this design: "
                + e.getMessage());
      }
      notes.add(
          "sample size capped at the eligible pool: "
              + pool.eligible()
              + " (design: "
              + design.sampleSize()
              + ")");
    }
    return new Applied(d, notes);
  }

  private static long count(String where, String field, JsonNode v) {
    if (v == null || v.isNull()) {
      throw InvalidInputException.at(where, 0, field, "missing");
    }
    if (v.isTextual()) {
      throw InvalidInputException.at(
          where,
          0,
          field,
          "'"
              + v.asText()
              + "' is not a count (suppressed counts of the counts-only role cannot size a trial)");
    }
    if (!v.isIntegralNumber() || v.asLong() < 0) {
      throw InvalidInputException.at(where, 0, field, "must be a whole number >= 0, got " + v);
    }
    return v.asLong();
  }

  private static JsonNode readJson(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage(), e);
    }
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || !root.isObject()) {
        throw InvalidInputException.at(file.toString(), 1, null, "expected a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw InvalidInputException.at(
          file.toString(), line, null, "not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
