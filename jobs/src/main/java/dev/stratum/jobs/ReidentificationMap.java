package dev.stratum.jobs;

import dev.stratum.core.error.InvalidInputException;
import dev.stratum.core.error.StratumException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The re-identification map of a snapshot: pseudonym to source person id, written by the feature
 * job next to (not inside) the snapshot, as {@code STORE/reid/<snapshot>.csv} with header {@code
 * person_id,source_person_id}. The file is created owner-only (POSIX 0600, its folder 0700), so
 * that granting someone read access to the snapshot tables does not grant re-identification; only
 * the recruiter role reads it ({@code stratum reid}), and every read is audited. Deployments put
 * the {@code reid} folder under the data steward's account or a separate mount (docs/privacy.md).
 *
 * <p>The same folder discipline holds for {@code STORE/restricted/quarantine/<snapshot>}, the raw
 * quarantined records with their source ids ({@link #restrictedDir}).
 */
public final class ReidentificationMap {
  /** Folder under the store root holding the maps. */
  public static final String DIR = "reid";

  /** Folder under the store root holding other steward-only outputs (raw quarantine). */
  public static final String RESTRICTED = "restricted";

  private ReidentificationMap() {}

  /** The map file of a snapshot. */
  public static Path file(Path store, String snapshotId) {
    return store.resolve(DIR).resolve(snapshotId + ".csv");
  }

  /** An owner-only folder under {@code STORE/restricted}, created when missing. */
  public static Path restrictedDir(Path store, String... names) {
    Path d = store.resolve(RESTRICTED);
    ownerOnlyDir(d);
    for (String n : names) {
      d = d.resolve(n);
      ownerOnlyDir(d);
    }
    return d;
  }

  static void ownerOnlyDir(Path d) {
    try {
      if (!Files.isDirectory(d)) {
        if (isPosix()) {
          Files.createDirectories(
              d,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(d);
        }
      }
      if (isPosix()) {
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new StratumException("cannot create owner-only folder " + d + ": " + e, e);
    }
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Writes the map atomically (temporary file, then rename) with owner-only permissions.
   *
   * @param pseudonymToSource pseudonym to source person id
   */
  public static Path write(Path store, String snapshotId, Map<String, String> pseudonymToSource) {
    Path dir = store.resolve(DIR);
    ownerOnlyDir(dir);
    Path target = file(store, snapshotId);
    Path tmp = dir.resolve("." + snapshotId + ".csv.tmp");
    try {
      Files.deleteIfExists(tmp);
      if (isPosix()) {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(tmp);
      }
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write("person_id,source_person_id\n");
        for (Map.Entry<String, String> e : new TreeMap<>(pseudonymToSource).entrySet()) {
          w.write(e.getKey() + "," + e.getValue() + "\n");
        }
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new StratumException("cannot write re-identification map " + target + ": " + e, e);
    }
  }

  /**
   * Looks a pseudonym up in a snapshot's map.
   *
   * @throws InvalidInputException when the map is missing or unreadable (naming the file)
   */
  public static Optional<String> lookup(Path store, String snapshotId, String pseudonym) {
    Path f = file(store, snapshotId);
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      long n = 1;
      if (line == null || !line.equals("person_id,source_person_id")) {
        throw InvalidInputException.at(
            f.toString(), 1, null, "expected header person_id,source_person_id");
      }
      String want = pseudonym.strip() + ",";
      while ((line = r.readLine()) != null) {
        n++;
        if (line.startsWith(want)) {
          return Optional.of(line.substring(want.length()));
        }
      }
      return Optional.empty();
    } catch (NoSuchFileException e) {
      throw InvalidInputException.at(
          f.toString(), 0, null, "no re-identification map for snapshot " + snapshotId);
    } catch (AccessDeniedException e) {
      throw InvalidInputException.at(
          f.toString(),
          0,
          null,
          "permission denied (the map is readable by the data steward only)");
    } catch (IOException e) {
      throw new StratumException("cannot read " + f + ": " + e, e);
    }
  }
}
