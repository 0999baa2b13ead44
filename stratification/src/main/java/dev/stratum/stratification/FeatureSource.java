package dev.stratum.stratification;

import dev.stratum.core.genomics.OmicsMatrix;
import dev.stratum.stratification.io.OmicsTsvReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link FeatureMatrix} comes from. Omics TSV files are read by {@link #omicsFiles}; a
 * feature-store snapshot reader (jobs module) implements this interface to plug in the store.
 */
@FunctionalInterface
public interface FeatureSource {
  /** Reads the layers. Throws {@code InvalidInputException} for bad input. */
  FeatureMatrix read();

  /** Omics matrices, one TSV file per named layer (in the given order). */
  static FeatureSource omicsFiles(Map<String, Path> layers) {
    Map<String, Path> copy = new LinkedHashMap<>(layers);
    return () -> {
      List<OmicsMatrix> ms = new ArrayList<>();
      copy.forEach((name, path) -> ms.add(OmicsTsvReader.read(name, path)));
      return FeatureMatrix.of(ms);
    };
  }
}
