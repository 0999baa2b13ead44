package dev.stratum.stratification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.SchemaMismatchException;
import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.core.strata.StratumAssignment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A frozen stratification: the per-layer preparation and the cluster centroids in clustering space.
 * {@link #assign} places new patients with the same preparation and the nearest centroid, using
 * only the layers a patient has (distances rescaled to the full width). Persisted as JSON with
 * format name {@value #FORMAT} and schema version {@value #SCHEMA_VERSION}; {@link #fromJson}
 * refuses other formats and versions.
 *
 * <p>For k-means the nearest-centroid rule is the model itself; for the other methods it is the
 * standard way to extend a partition to new patients (a nearest-centroid classifier trained on the
 * clusters), and {@link #trainingAgreement} says how often it reproduces the training labels.
 *
 * @param name stratification name, written into each {@link StratumAssignment}
 * @param method method used to find the clusters
 * @param seed seed of the fit
 * @param layers per-layer preparation, in clustering-space order
 * @param missingIndicators whether one missing-share column per layer follows the blocks
 * @param missingMean training mean of each layer's missing share (for the indicator columns)
 * @param missingSd training standard deviation of each layer's missing share
 * @param centroids {@code [cluster][dim]}
 * @param withinVariance mean squared distance to the own centroid per dimension (for confidence)
 * @param clusterSizes training patients per cluster
 * @param trainingAgreement share of training patients whose nearest centroid is their cluster
 */
public record StratificationModel(
    String name,
    String method,
    long seed,
    List<LayerTransform> layers,
    boolean missingIndicators,
    double[] missingMean,
    double[] missingSd,
    double[][] centroids,
    double withinVariance,
    int[] clusterSizes,
    double trainingAgreement) {

  /** The format name written into model.json. */
  public static final String FORMAT = "stratum-stratification-model";

  /** The schema version this build writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  public StratificationModel {
    layers = List.copyOf(layers);
    missingMean = missingMean.clone();
    missingSd = missingSd.clone();
    centroids = LayerTransform.deepCopy(centroids);
    clusterSizes = clusterSizes.clone();
    if (centroids.length != clusterSizes.length) {
      throw new IllegalArgumentException("one size per centroid expected");
    }
  }

  public int k() {
    return centroids.length;
  }

  @Override
  public double[][] centroids() {
    return LayerTransform.deepCopy(centroids);
  }

  @Override
  public int[] clusterSizes() {
    return clusterSizes.clone();
  }

  /**
   * Assigns every sample of {@code matrix} (its layers matched to the model's by name; layers the
   * model does not know are ignored). A sample with none of the model's layers is an error.
   */
  public List<StratumAssignment> assign(FeatureMatrix matrix) {
    Map<String, OmicsMatrix> byName = new HashMap<>();
    for (OmicsMatrix m : matrix.layers()) {
      byName.put(m.layer(), m);
    }
    List<StratumAssignment> out = new ArrayList<>();
    for (String id : matrix.sampleIds()) {
      double[][] blocks = new double[layers.size()][];
      double[] missing = new double[layers.size()];
      for (int l = 0; l < layers.size(); l++) {
        LayerTransform t = layers.get(l);
        OmicsMatrix m = byName.get(t.layer());
        Integer s = m == null ? null : m.sampleIndex().get(id);
        if (s == null) {
          missing[l] = 1;
          continue;
        }
        Map<String, Double> raw = new HashMap<>();
        for (int f = 0; f < m.featureCount(); f++) {
          raw.put(m.featureIds().get(f), m.get(f, s));
        }
        int miss = 0;
        for (String f : t.features()) {
          Double v = raw.get(f);
          if (v == null || v.isNaN()) {
            miss++;
          }
        }
        missing[l] = (double) miss / t.features().size();
        blocks[l] = t.project(t.standardize(raw));
      }
      out.add(assignOne(id, blocks, missing));
    }
    return out;
  }

  /** Cluster and confidence of one patient from prepared blocks (null = layer missing). */
  StratumAssignment assignOne(String id, double[][] blocks, double[] missing) {
    int k = centroids.length;
    double[] d2 = new double[k];
    int width = centroids[0].length;
    int used = 0;
    int layersPresent = 0;
    int off = 0;
    for (int l = 0; l < layers.size(); l++) {
      int dim = layers.get(l).dimension();
      if (blocks[l] != null) {
        used += dim;
        layersPresent++;
        for (int c = 0; c < k; c++) {
          for (int j = 0; j < dim; j++) {
            double t = blocks[l][j] - centroids[c][off + j];
            d2[c] += t * t;
          }
        }
      }
      off += dim;
    }
    if (missingIndicators) {
      for (int l = 0; l < layers.size(); l++) {
        double z = missingSd[l] > 0 ? (missing[l] - missingMean[l]) / missingSd[l] : 0;
        used++;
        for (int c = 0; c < k; c++) {
          double t = z - centroids[c][off + l];
          d2[c] += t * t;
        }
      }
    }
    if (layersPresent == 0) {
      throw InvalidInputException.ofArgument(
          "sample " + id, "has none of the model's layers " + layerNames());
    }
    int best = 0;
    for (int c = 0; c < k; c++) {
      d2[c] *= (double) width / used;
      if (d2[c] < d2[best]) {
        best = c;
      }
    }
    // Posterior under equal-weight spherical Gaussians with the training within-cluster variance.
    double sigma2 = Math.max(withinVariance, 1e-12) * width;
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += Math.exp(-(d2[c] - d2[best]) / (2 * sigma2));
    }
    return new StratumAssignment(id, name, best, Math.min(1, Math.max(0, 1 / sum)));
  }

  List<String> layerNames() {
    return layers.stream().map(LayerTransform::layer).toList();
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The model as JSON (format name, schema version, producer first). */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("schema_version", SCHEMA_VERSION);
    root.put("producer", "stratum-stratification");
    root.put("name", name);
    root.put("method", method);
    root.put("seed", seed);
    root.put("k", k());
    root.put("missing_indicators", missingIndicators);
    root.put("within_variance", withinVariance);
    root.put("training_agreement", trainingAgreement);
    ArrayNode sizes = root.putArray("cluster_sizes");
    for (int s : clusterSizes) {
      sizes.add(s);
    }
    putArray(root, "missing_mean", missingMean);
    putArray(root, "missing_sd", missingSd);
    ArrayNode cs = root.putArray("centroids");
    for (double[] c : centroids) {
      putArray(cs.addObject(), "center", c);
    }
    ArrayNode ls = root.putArray("layers");
    for (LayerTransform t : layers) {
      ObjectNode o = ls.addObject();
      o.put("layer", t.layer());
      o.put("log2", t.log2());
      o.put("weight", t.weight());
      ArrayNode f = o.putArray("features");
      t.features().forEach(f::add);
      putArray(o, "mean", t.mean());
      putArray(o, "sd", t.sd());
      ArrayNode rot = o.putArray("rotation");
      for (double[] r : t.rotation()) {
        ArrayNode a = rot.addArray();
        for (double v : r) {
          a.add(v);
        }
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putArray(ObjectNode o, String field, double[] v) {
    ArrayNode a = o.putArray(field);
    for (double x : v) {
      a.add(x);
    }
  }

  /** Writes {@link #toJson} to {@code file}. */
  public void write(Path file) {
    try {
      Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads a model file. */
  public static StratificationModel read(Path file) {
    try {
      return fromJson(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw InvalidInputException.at(file.toString(), 0, null, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Parses model JSON; {@code source} names it in error messages. Throws {@link
   * SchemaMismatchException} for another format or schema version, {@link InvalidInputException}
   * for malformed content.
   */
  public static StratificationModel fromJson(String source, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw InvalidInputException.at(
          source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, "not JSON");
    }
    String format = root.path("format").asText("");
    int version = root.path("schema_version").asInt(-1);
    if (!FORMAT.equals(format) || version != SCHEMA_VERSION) {
      throw new SchemaMismatchException(
          source, format + " v" + version, FORMAT + " v" + SCHEMA_VERSION);
    }
    try {
      List<LayerTransform> layers = new ArrayList<>();
      for (JsonNode o : required(root, "layers", source)) {
        List<String> feats = new ArrayList<>();
        required(o, "features", source).forEach(f -> feats.add(f.asText()));
        JsonNode rot = required(o, "rotation", source);
        double[][] r = new double[rot.size()][];
        for (int i = 0; i < r.length; i++) {
          r[i] = doubles(rot.get(i));
        }
        layers.add(
            new LayerTransform(
                required(o, "layer", source).asText(),
                required(o, "log2", source).asBoolean(),
                feats,
                doubles(required(o, "mean", source)),
                doubles(required(o, "sd", source)),
                r,
                required(o, "weight", source).asDouble()));
      }
      JsonNode cs = required(root, "centroids", source);
      double[][] centroids = new double[cs.size()][];
      for (int i = 0; i < centroids.length; i++) {
        centroids[i] = doubles(required(cs.get(i), "center", source));
      }
      JsonNode sz = required(root, "cluster_sizes", source);
      int[] sizes = new int[sz.size()];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = sz.get(i).asInt();
      }
      return new StratificationModel(
          required(root, "name", source).asText(),
          required(root, "method", source).asText(),
          required(root, "seed", source).asLong(),
          layers,
          required(root, "missing_indicators", source).asBoolean(),
          doubles(required(root, "missing_mean", source)),
          doubles(required(root, "missing_sd", source)),
          centroids,
          required(root, "within_variance", source).asDouble(),
          sizes,
          required(root, "training_agreement", source).asDouble());
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.at(source, 0, null, "inconsistent model: " + e.getMessage());
    }
  }

  private static JsonNode required(JsonNode o, String field, String source) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw InvalidInputException.at(source, 0, field, "missing field");
    }
    return v;
  }

  private static double[] doubles(JsonNode a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }
}
