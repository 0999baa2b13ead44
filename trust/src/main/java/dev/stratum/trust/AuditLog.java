package dev.stratum.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.core.error.StratumException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only, hash-chained audit log (issue 9): JSON Lines, one entry per search, match,
 * export or re-identification. Each line is
 *
 * <pre>{"seq":n,"time":...,"user":...,"role":...,"action":...,"command":...,"query_sha256":...,
 * "counts":{...},"patients":[...],"prev":"&lt;hash of entry n-1&gt;","hash":"&lt;SHA-256&gt;"}
 * </pre>
 *
 * where {@code hash} is the SHA-256 of the line's text up to (not including) {@code ,"hash"},
 * closed with {@code }}, and {@code prev} is the previous entry's {@code hash} (64 zeros for the
 * first). Changing any entry breaks its own hash; removing, inserting or reordering entries breaks
 * the next entry's {@code prev} or the sequence numbers (a hash chain, Haber and Stornetta, "How to
 * time-stamp a digital document", J. Cryptology 3:99, 1991).
 *
 * <p>Cutting entries off the end leaves a valid shorter chain, so every append also rewrites an
 * anchor beside the log, {@code <log>.head} ({@link #anchorOf}): one JSON line {@code
 * {"entries":n,"head":"<hash of entry n>"}}, written to a temporary file and moved over the old
 * anchor atomically, so a reader sees the old anchor or the new one, never half of one. {@link
 * #verify} then reports a log shorter than its anchor, or whose entry n is not the anchored one.
 * The chain and its anchor have no secret: whoever may rewrite both can rebuild both, so
 * deployments also copy the head hash off the machine (docs/privacy.md) and check it with {@link
 * #verify(Path, Path)}.
 *
 * <p>Appends take an exclusive file lock (and a lock per file within the JVM), read the last
 * entry's hash, write the new line in one write and then the anchor, so concurrent appends from
 * several processes never interleave, fork the chain or leave an anchor behind an earlier one.
 */
public final class AuditLog {
  /** {@code prev} of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HASH_FIELD = ",\"hash\":\"";
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Clock clock;

  private AuditLog(Path file, Clock clock) {
    this.file = file.toAbsolutePath().normalize();
    this.clock = clock;
  }

  /** The log at this path (created on the first append), timestamps from the system clock. */
  public static AuditLog at(Path file) {
    return new AuditLog(file, Clock.systemUTC());
  }

  /** As {@link #at(Path)} with a given clock (tests). */
  public static AuditLog at(Path file, Clock clock) {
    return new AuditLog(file, clock);
  }

  public Path file() {
    return file;
  }

  /** The anchor file of a log: {@code <log>.head} in the same folder. */
  public static Path anchorOf(Path log) {
    Path abs = log.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".head");
  }

  /**
   * The anchor of a log: the number of entries and the hash of the last one.
   *
   * @param entries number of entries the log had when the anchor was written
   * @param head hash of entry {@code entries} ({@link #GENESIS} for none)
   */
  public record Anchor(long entries, String head) {
    /** The anchor's one line of JSON. */
    public String json() {
      return "{\"entries\":" + entries + ",\"head\":\"" + head + "\"}";
    }

    /**
     * Reads an anchor file (the sidecar, or an off-machine copy of it).
     *
     * @return empty when the file does not exist
     * @throws StratumException when it exists but is not an anchor
     */
    public static java.util.Optional<Anchor> read(Path f) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8).strip();
      } catch (NoSuchFileException e) {
        return java.util.Optional.empty();
      } catch (IOException e) {
        throw new StratumException("cannot read audit anchor " + f + ": " + e, e);
      }
      try {
        JsonNode n = JSON.readTree(text);
        if (n != null
            && n.path("entries").canConvertToLong()
            && n.path("entries").asLong() >= 0
            && n.path("head").asText("").matches("[0-9a-f]{64}")) {
          return java.util.Optional.of(
              new Anchor(n.path("entries").asLong(), n.path("head").asText()));
        }
      } catch (JsonProcessingException e) {
        // reported below
      }
      throw new StratumException(
          "audit anchor "
              + f
              + " is not an anchor (expected {\"entries\":N,\"head\":\"<64 hex>\"}): the anchor"
              + " itself was tampered with or damaged");
    }
  }

  /** What an append wrote. */
  public record Appended(long seq, String hash) {}

  /**
   * Appends an entry.
   *
   * @throws StratumException when the log cannot be written (the caller must then not show the
   *     result it was about to audit)
   */
  public Appended append(AuditEvent e) {
    ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
    local.lock();
    try {
      Path dir = file.getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      boolean created = !Files.exists(file);
      try (FileChannel ch =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        if (created) {
          restrict(file);
        }
        String last = lastLine(ch);
        long seq = 1;
        String prev = GENESIS;
        if (last != null) {
          JsonNode n = JSON.readTree(last);
          seq = n.path("seq").asLong() + 1;
          prev = n.path("hash").asText();
        }
        String content = content(seq, e, prev);
        String hash = AuditEvent.sha256(content);
        String line = content.substring(0, content.length() - 1) + HASH_FIELD + hash + "\"}\n";
        ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        long pos = ch.size();
        while (buf.hasRemaining()) {
          pos += ch.write(buf, pos);
        }
        ch.force(false);
        // Still under the lock: the anchor moves forward with the log, never past or behind it.
        writeAnchor(new Anchor(seq, hash));
        assert lock.isValid();
        return new Appended(seq, hash);
      }
    } catch (IOException ex) {
      throw new StratumException("cannot append to audit log " + file + ": " + ex, ex);
    } finally {
      local.unlock();
    }
  }

  /** Writes the anchor to a temporary file in the log's folder, then moves it over the old one. */
  private void writeAnchor(Anchor a) throws IOException {
    Path target = anchorOf(file);
    Path tmp =
        Files.createTempFile(target.getParent(), target.getFileName().toString() + ".", ".tmp");
    try {
      restrict(tmp);
      Files.writeString(tmp, a.json() + "\n", StandardCharsets.UTF_8);
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void restrict(Path f) {
    try {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the deployment's access control applies (docs/privacy.md)
    }
  }

  private String content(long seq, AuditEvent e, String prev) throws JsonProcessingException {
    ObjectNode o = JSON.createObjectNode();
    o.put("seq", seq);
    o.put("time", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
    o.put("user", e.user());
    o.put("role", e.role().cliName());
    o.put("action", e.action().jsonName());
    o.put("command", e.command());
    o.put("query_sha256", e.queryHash());
    ObjectNode c = o.putObject("counts");
    for (Map.Entry<String, Object> en : e.counts().entrySet()) {
      c.set(en.getKey(), JSON.valueToTree(en.getValue()));
    }
    ArrayNode p = o.putArray("patients");
    e.patients().forEach(p::add);
    o.put("prev", prev);
    return JSON.writeValueAsString(o);
  }

  /** The last non-empty line of the file, read backwards in blocks; null when empty. */
  private static String lastLine(FileChannel ch) throws IOException {
    long size = ch.size();
    long end = size;
    while (end > 0 && byteAt(ch, end - 1) == '\n') {
      end--;
    }
    if (end == 0) {
      return null;
    }
    long start = end;
    ByteBuffer block = ByteBuffer.allocate(8192);
    outer:
    while (start > 0) {
      long from = Math.max(0, start - block.capacity());
      block.clear().limit((int) (start - from));
      ch.read(block, from);
      for (int i = (int) (start - from) - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          start = from + i + 1;
          break outer;
        }
      }
      start = from;
    }
    ByteBuffer line = ByteBuffer.allocate((int) (end - start));
    ch.read(line, start);
    return new String(line.array(), StandardCharsets.UTF_8);
  }

  private static byte byteAt(FileChannel ch, long pos) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1);
    ch.read(b, pos);
    return b.get(0);
  }

  /**
   * The result of {@link #verify}.
   *
   * @param intact whether every entry's hash, link and sequence number hold and the log is not
   *     shorter than, or different from, its anchor
   * @param entries entries read (up to and including the first broken one)
   * @param brokenLine 1-based line of the first broken entry (for a truncated log: the first
   *     missing line), 0 when intact or when the anchor file itself is damaged
   * @param reason why it is broken, empty when intact
   * @param headHash the last entry's hash when intact (copy it off the machine), else empty
   * @param warnings what an intact verdict could not check: no anchor (entries cut off the end
   *     would go unnoticed), or entries after the anchor
   */
  public record Verification(
      boolean intact,
      long entries,
      long brokenLine,
      String reason,
      String headHash,
      List<String> warnings) {
    public Verification {
      warnings = List.copyOf(warnings);
    }

    static Verification broken(long entries, long line, String reason) {
      return new Verification(false, entries, line, reason, "", List.of());
    }
  }

  /**
   * Checks the whole chain and the log against its anchor {@code <log>.head} ({@link #anchorOf}); a
   * missing log with no anchor is an empty, intact log.
   */
  public static Verification verify(Path file) {
    return verify(file, anchorOf(file), false);
  }

  /**
   * Checks the chain against an anchor kept elsewhere (an off-machine copy of {@code <log>.head},
   * or the head hash and entry count a deployment recorded): the log must still hold that entry at
   * that position. Entries appended since are expected and not reported.
   *
   * @throws dev.stratum.core.error.InvalidInputException when the anchor file does not exist
   */
  public static Verification verify(Path file, Path anchor) {
    if (!Files.exists(anchor)) {
      throw dev.stratum.core.error.InvalidInputException.ofArgument(
          "--anchor", "no such anchor file: " + anchor);
    }
    return verify(file, anchor, true);
  }

  private static Verification verify(Path file, Path anchorFile, boolean external) {
    // The anchor is read before the log: an append between the two reads leaves the log ahead of
    // the anchor (a warning), never behind it (which would read as a truncation).
    java.util.Optional<Anchor> anchor;
    try {
      anchor = Anchor.read(anchorFile);
    } catch (StratumException e) {
      return Verification.broken(0, 0, e.getMessage());
    }
    long anchored = anchor.map(Anchor::entries).orElse(-1L);
    String prev = GENESIS;
    String atAnchor = anchored == 0 ? GENESIS : null; // the hash of entry `anchored`
    long n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        n++;
        String why = check(line, n, prev);
        if (why != null) {
          return Verification.broken(n, n, why);
        }
        prev = line.substring(line.length() - 66, line.length() - 2);
        if (n == anchored) {
          atAnchor = prev;
        }
      }
    } catch (NoSuchFileException e) {
      // no log: intact and empty unless an anchor says there were entries
    } catch (IOException e) {
      throw new StratumException("cannot read audit log " + file + ": " + e, e);
    }
    List<String> warnings = new ArrayList<>();
    if (anchor.isEmpty()) {
      if (n > 0) {
        warnings.add(
            "no anchor "
                + anchorFile
                + ": entries cut off the end of the log cannot be detected (a log written"
                + " before anchors, or the anchor was deleted); compare the head hash with a"
                + " copy kept off this machine. The next append writes the anchor.");
      }
      return new Verification(true, n, 0, "", prev, warnings);
    }
    Anchor a = anchor.get();
    if (n < a.entries()) {
      return Verification.broken(
          n,
          n + 1,
          "log truncated: it has "
              + n
              + " entries but its anchor "
              + anchorFile
              + " records "
              + a.entries()
              + " (entries "
              + (n + 1)
              + (a.entries() > n + 1 ? ".." + a.entries() : "")
              + " were removed from the end)");
    }
    if (!a.head().equals(atAnchor)) {
      return Verification.broken(
          n,
          a.entries(),
          "log differs from its anchor "
              + anchorFile
              + ": entry "
              + a.entries()
              + " does not have the anchored hash "
              + a.head()
              + " (the log was rewritten and its chain rebuilt)");
    }
    if (n > a.entries() && !external) {
      warnings.add(
          "the anchor records "
              + a.entries()
              + " of "
              + n
              + " entries: the last "
              + (n - a.entries())
              + " are not anchored (an append interrupted before its anchor was written; the"
              + " next append anchors them)");
    }
    return new Verification(true, n, 0, "", prev, warnings);
  }

  /** Why line n is broken, or null when it holds. */
  private static String check(String line, long n, String prev) {
    int h = line.lastIndexOf(HASH_FIELD);
    if (h < 0 || !line.endsWith("\"}") || line.length() - (h + HASH_FIELD.length()) != 66) {
      return "not an audit entry (no trailing \"hash\" field)";
    }
    String stated = line.substring(h + HASH_FIELD.length(), line.length() - 2);
    String content = line.substring(0, h) + "}";
    if (!AuditEvent.sha256(content).equals(stated)) {
      return "entry was changed: its hash does not match its content";
    }
    JsonNode node;
    try {
      node = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      return "not valid JSON";
    }
    if (!prev.equals(node.path("prev").asText())) {
      return "chain broken: prev does not match the hash of the entry before"
          + " (an entry was removed, inserted or reordered)";
    }
    if (node.path("seq").asLong() != n) {
      return "sequence number " + node.path("seq").asText() + " where " + n + " was expected";
    }
    return null;
  }
}
