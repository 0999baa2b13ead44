package dev.stratum.stratification;

import dev.stratum.core.genomics.OmicsMatrix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The input of a stratification: one or more feature layers (omics matrices or feature-store
 * families), each with its own set of samples. A sample absent from a layer is "missing the whole
 * layer". The sample order is the union in first-seen order. Where the layers come from does not
 * matter here: {@link FeatureSource} implementations (omics TSV files today, a feature-store
 * snapshot reader later) produce this.
 *
 * @param layers the layers, with distinct names
 */
public record FeatureMatrix(List<OmicsMatrix> layers) {
  public FeatureMatrix {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a feature matrix needs at least one layer");
    }
    Set<String> names = new HashSet<>();
    for (OmicsMatrix m : layers) {
      if (!names.add(m.layer())) {
        throw new IllegalArgumentException("duplicate layer name '" + m.layer() + "'");
      }
    }
  }

  /** A feature matrix from the given layers. */
  public static FeatureMatrix of(List<OmicsMatrix> layers) {
    return new FeatureMatrix(layers);
  }

  /** The union of sample ids over layers, in first-seen order. */
  public List<String> sampleIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (OmicsMatrix m : layers) {
      ids.addAll(m.sampleIds());
    }
    return List.copyOf(ids);
  }

  /** Layer names in order. */
  public List<String> layerNames() {
    List<String> n = new ArrayList<>();
    for (OmicsMatrix m : layers) {
      n.add(m.layer());
    }
    return n;
  }
}
