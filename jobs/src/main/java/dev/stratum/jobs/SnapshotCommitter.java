package dev.stratum.jobs;

import dev.stratum.core.error.StratumException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Makes a snapshot visible atomically. The store layout:
 *
 * <pre>
 * STORE/CURRENT              id of the current snapshot (one line)
 * STORE/snapshots/ID/        complete, immutable snapshots
 * STORE/.tmp/                snapshots being written (never read)
 * STORE/.lock                held by the one job writing
 * </pre>
 *
 * <p>A snapshot is written under {@code .tmp}, every file and directory is fsynced, the directory
 * is renamed into {@code snapshots/} (rename(2) is atomic within a file system), and then {@code
 * CURRENT} is replaced by writing a temporary file, fsyncing it and renaming it over the old one
 * (POSIX rename replaces atomically). A crash before the last rename leaves the old pointer; a
 * crash after it leaves the new one; no reader ever follows a pointer to a partial snapshot.
 */
final class SnapshotCommitter implements AutoCloseable {
  static final String CURRENT = "CURRENT";
  static final String SNAPSHOTS = "snapshots";
  static final String TMP = ".tmp";

  private final Path store;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private SnapshotCommitter(Path store, FileChannel ch, FileLock lock) {
    this.store = store;
    this.lockChannel = ch;
    this.lock = lock;
  }

  /** Takes the store's writer lock; fails at once when another job holds it. */
  static SnapshotCommitter lock(Path store) {
    try {
      Files.createDirectories(store.resolve(SNAPSHOTS));
      Files.createDirectories(store.resolve(TMP));
      FileChannel ch =
          FileChannel.open(
              store.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        throw new StratumException(
            "another feature job is writing to "
                + store
                + " (lock "
                + store.resolve(".lock")
                + ")");
      }
      return new SnapshotCommitter(store, ch, l);
    } catch (IOException e) {
      throw new StratumException("cannot open feature store " + store + ": " + e, e);
    }
  }

  /** Removes leftovers of killed runs; safe because we hold the writer lock. */
  void cleanTemp() {
    deleteTree(store.resolve(TMP));
    try {
      Files.createDirectories(store.resolve(TMP));
      try (Stream<Path> s = Files.list(store)) {
        for (Path p :
            s.filter(p -> p.getFileName().toString().startsWith(CURRENT + ".")).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new StratumException("cannot clean " + store + ": " + e, e);
    }
  }

  Path newTempDir(String id) {
    Path d =
        store
            .resolve(TMP)
            .resolve(id + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new StratumException("cannot create " + d + ": " + e, e);
    }
    return d;
  }

  /** The store root. */
  Path store() {
    return store;
  }

  Path snapshotDir(String id) {
    return store.resolve(SNAPSHOTS).resolve(id);
  }

  /** Syncs the temporary snapshot and renames it into place. */
  void publish(Path temp, String id, FailurePoint failAt) {
    Path target = snapshotDir(id);
    try {
      fsyncTree(temp);
      FeatureJob.maybeFail(failAt, FailurePoint.AFTER_MANIFEST);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      fsync(target.getParent());
    } catch (IOException e) {
      throw new StratumException("cannot publish snapshot " + id + ": " + e, e);
    }
  }

  /** Points CURRENT at {@code id} with write-temp, fsync, atomic rename. */
  void switchCurrent(String id, FailurePoint failAt) {
    Path tmp = store.resolve(CURRENT + "." + ProcessHandle.current().pid() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(StandardCharsets.UTF_8.encode(id + "\n"));
      ch.force(true);
    } catch (IOException e) {
      throw new StratumException("cannot write " + tmp + ": " + e, e);
    }
    FeatureJob.maybeFail(failAt, FailurePoint.AFTER_POINTER_TEMP);
    try {
      Files.move(tmp, store.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
      fsync(store);
    } catch (IOException e) {
      throw new StratumException("cannot switch " + store.resolve(CURRENT) + ": " + e, e);
    }
  }

  static void fsyncTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            fsync(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            fsync(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void fsync(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new StratumException("cannot delete " + root + ": " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // the lock dies with the channel or the process anyway
    }
  }
}
