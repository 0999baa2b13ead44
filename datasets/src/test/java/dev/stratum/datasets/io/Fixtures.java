package dev.stratum.datasets.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The hand-written raw-data directory under src/test/resources/raw/good. */
final class Fixtures {
  private Fixtures() {}

  static Path good() {
    try {
      return Path.of(Fixtures.class.getResource("/raw/good").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path good(String relative) {
    return good().resolve(relative);
  }
}
