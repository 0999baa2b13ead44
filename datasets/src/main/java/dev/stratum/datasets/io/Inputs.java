package dev.stratum.datasets.io;

import dev.stratum.core.error.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening input files: UTF-8 that fails loudly on bad bytes, gzip by file name. */
final class Inputs {
  private Inputs() {}

  /**
   * A UTF-8 reader of {@code path}, decompressing {@code .gz} files. Malformed bytes raise {@link
   * CharacterCodingException} from {@code read} instead of turning into U+FFFD silently.
   */
  static Reader open(Path path) {
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      String name = String.valueOf(path.getFileName());
      if (name.endsWith(".gz") || name.endsWith(".bgz")) { // BGZF is multi-member gzip
        in = new GZIPInputStream(in, 1 << 16);
      }
      return new InputStreamReader(
          in,
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT));
    } catch (NoSuchFileException e) {
      throw InvalidInputException.at(path.toString(), 0, null, "no such file", e);
    } catch (IOException e) {
      throw unreadable(path, 0, e);
    }
  }

  /** The error for an I/O failure while reading {@code path} near {@code line}. */
  static InvalidInputException unreadable(Path path, long line, IOException e) {
    String reason =
        e instanceof CharacterCodingException
            ? "not valid UTF-8"
            : "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage();
    return InvalidInputException.at(path.toString(), line, null, reason, e);
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception e) {
      // Closing a file we only read cannot lose data; nothing useful to report.
    }
  }
}
