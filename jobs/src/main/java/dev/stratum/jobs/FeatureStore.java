package dev.stratum.jobs;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Read access to a feature store written by {@link FeatureJob}: list snapshots, follow the {@code
 * CURRENT} pointer, open any snapshot. Readers take no lock: snapshots are immutable and appear
 * only complete (atomic rename), and the pointer is replaced atomically.
 *
 * <pre>{@code
 * Dataset<Row> c = FeatureStore.open(Path.of("store")).current().table("conditions");
 * Table t = FeatureStore.open(Path.of("store")).current().tablesaw("patients");
 * }</pre>
 */
public final class FeatureStore {
  private final Path dir;

  private FeatureStore(Path dir) {
    this.dir = dir;
  }

  /** Opens the store at {@code dir}; fails when it holds no snapshot directory. */
  public static FeatureStore open(Path dir) {
    if (!Files.isDirectory(dir.resolve(SnapshotCommitter.SNAPSHOTS))) {
      throw InvalidInputException.ofArgument(
          "--store", "not a feature store (no snapshots/ directory): " + dir);
    }
    return new FeatureStore(dir.toAbsolutePath().normalize());
  }

  public Path dir() {
    return dir;
  }

  /** The id CURRENT points at, if any snapshot was ever made current. */
  public Optional<String> currentId() {
    Path p = dir.resolve(SnapshotCommitter.CURRENT);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      String id = Files.readString(p, StandardCharsets.UTF_8).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException e) {
      throw new StratumException("cannot read " + p + ": " + e, e);
    }
  }

  /** The current snapshot. */
  public FeatureSnapshot current() {
    String id =
        currentId()
            .orElseThrow(
                () ->
                    InvalidInputException.ofArgument(
                        "--store", "no current snapshot in " + dir + " (run stratum features)"));
    return snapshot(id);
  }

  /** A snapshot by id (current or older). */
  public FeatureSnapshot snapshot(String id) {
    Path d = dir.resolve(SnapshotCommitter.SNAPSHOTS).resolve(id);
    if (!id.matches("[A-Za-z0-9._-]+") || !Files.isRegularFile(d.resolve("manifest.json"))) {
      throw InvalidInputException.ofArgument("--snapshot", "no snapshot '" + id + "' in " + dir);
    }
    return new FeatureSnapshot(d, Manifest.read(d.resolve("manifest.json")));
  }

  /** Every complete snapshot, oldest first (by creation time). */
  public List<FeatureSnapshot> snapshots() {
    List<FeatureSnapshot> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir.resolve(SnapshotCommitter.SNAPSHOTS))) {
      for (Path d : s.sorted().toList()) {
        if (Files.isRegularFile(d.resolve("manifest.json"))) {
          out.add(new FeatureSnapshot(d, Manifest.read(d.resolve("manifest.json"))));
        }
      }
    } catch (IOException e) {
      throw new StratumException("cannot list snapshots in " + dir + ": " + e, e);
    }
    out.sort(Comparator.comparing(x -> x.manifest().createdAt()));
    return out;
  }
}
