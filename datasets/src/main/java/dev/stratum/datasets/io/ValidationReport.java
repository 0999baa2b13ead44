package dev.stratum.datasets.io;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RawDataset#validate} found, file by file. Holds counts and reasons only, never record
 * contents, so it may be printed and shared.
 *
 * @param root the raw-data directory
 * @param files one entry per file read, in reading order
 * @param skipped files under the data folders that Stratum does not read (e.g.
 *     omop/visit_detail.csv)
 */
public record ValidationReport(String root, List<FileReport> files, List<String> skipped) {
  public ValidationReport {
    Objects.requireNonNull(root, "root");
    files = List.copyOf(files);
    skipped = List.copyOf(skipped);
  }

  /**
   * One problem: where and why, without the record's contents.
   *
   * @param line 1-based line, 0 when not tied to a line
   * @param field the field at fault, empty when the whole record is
   * @param reason why
   * @param message the one-line {@code path:line: field 'x': reason}
   */
  public record Problem(long line, String field, String reason, String message) {
    static Problem of(QuarantinedRecord q) {
      return new Problem(q.line(), q.field(), q.reason(), q.message());
    }
  }

  /**
   * The outcome for one file.
   *
   * @param path the file
   * @param format the reader's format name
   * @param read records found
   * @param accepted records valid
   * @param quarantined records rejected ({@code read = accepted + quarantined})
   * @param problems the first rejected records (at most the limit given to validate)
   * @param fileError a problem that stopped reading the file (bad header, syntax error); when set,
   *     the counts cover the records before it
   */
  public record FileReport(
      String path,
      String format,
      long read,
      long accepted,
      long quarantined,
      List<Problem> problems,
      Optional<Problem> fileError) {
    public FileReport {
      problems = List.copyOf(problems);
      Objects.requireNonNull(fileError, "fileError");
      if (read != accepted + quarantined) {
        throw new IllegalArgumentException("counts of " + path + " do not add up");
      }
    }

    public boolean clean() {
      return quarantined == 0 && fileError.isEmpty();
    }
  }

  /** Whether every file read completely with no rejected record. */
  public boolean clean() {
    return files.stream().allMatch(FileReport::clean);
  }

  public long read() {
    return files.stream().mapToLong(FileReport::read).sum();
  }

  public long accepted() {
    return files.stream().mapToLong(FileReport::accepted).sum();
  }

  public long quarantined() {
    return files.stream().mapToLong(FileReport::quarantined).sum();
  }

  /** The first problem in reading order, if any. */
  public Optional<Problem> firstProblem() {
    for (FileReport f : files) {
      if (!f.problems().isEmpty()) {
        if (f.fileError().isPresent() && f.fileError().get().line() < f.problems().get(0).line()) {
          return f.fileError();
        }
        return Optional.of(f.problems().get(0));
      }
      if (f.fileError().isPresent()) {
        return f.fileError();
      }
    }
    return Optional.empty();
  }
}
