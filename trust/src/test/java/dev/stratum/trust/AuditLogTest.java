package dev.stratum.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratum.trust.AuditEvent.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  static AuditEvent event(int i) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("eligible", i);
    counts.put("needs_review", "<11");
    return new AuditEvent(
        "alice",
        Role.RECRUITER,
        Action.values()[i % 4],
        "test",
        AuditEvent.sha256("criteria " + i),
        counts,
        List.of("p" + i, "q" + i));
  }

  private Path logOf(int n) {
    Path log = dir.resolve("audit.jsonl");
    AuditLog a = AuditLog.at(log);
    for (int i = 0; i < n; i++) {
      assertEquals(i + 1, a.append(event(i)).seq());
    }
    return log;
  }

  private static List<String> lines(Path p) throws IOException {
    return new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
  }

  private static void write(Path p, List<String> lines) throws IOException {
    Files.write(p, lines, StandardCharsets.UTF_8);
  }

  @Test
  void anIntactChainVerifiesAndIsOwnerOnly() throws IOException {
    Path log = logOf(5);
    AuditLog.Verification v = AuditLog.verify(log);
    assertTrue(v.intact(), v.reason());
    assertEquals(5, v.entries());
    assertEquals(64, v.headHash().length());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    String first = lines(log).get(0);
    assertTrue(first.startsWith("{\"seq\":1,"), first);
    assertTrue(first.contains("\"prev\":\"" + AuditLog.GENESIS + "\""), first);
    assertTrue(first.contains("\"action\":\"search\""), first);
    assertTrue(AuditLog.verify(dir.resolve("none.jsonl")).intact());
  }

  @Test
  void aChangedEntryIsDetected() throws IOException {
    Path log = logOf(5);
    List<String> l = lines(log);
    l.set(2, l.get(2).replace("\"eligible\":2", "\"eligible\":3"));
    write(log, l);
    AuditLog.Verification v = AuditLog.verify(log);
    assertFalse(v.intact());
    assertEquals(3, v.brokenLine());
    assertTrue(v.reason().contains("changed"), v.reason());
  }

  @Test
  void aChangedLastEntryIsDetected() throws IOException {
    Path log = logOf(3);
    List<String> l = lines(log);
    l.set(2, l.get(2).replace("\"user\":\"alice\"", "\"user\":\"mallory\""));
    write(log, l);
    assertEquals(3, AuditLog.verify(log).brokenLine());
  }

  @Test
  void aRemovedEntryIsDetected() throws IOException {
    Path log = logOf(5);
    List<String> l = lines(log);
    l.remove(1);
    write(log, l);
    AuditLog.Verification v = AuditLog.verify(log);
    assertFalse(v.intact());
    assertEquals(2, v.brokenLine());
    l = lines(logOf(0));
    // the first entry removed: the new first does not start the chain
    Path other = dir.resolve("b.jsonl");
    AuditLog b = AuditLog.at(other);
    b.append(event(0));
    b.append(event(1));
    List<String> bl = lines(other);
    write(other, bl.subList(1, 2));
    assertEquals(1, AuditLog.verify(other).brokenLine());
  }

  @Test
  void reorderedEntriesAreDetected() throws IOException {
    Path log = logOf(5);
    List<String> l = lines(log);
    Collections.swap(l, 1, 3);
    write(log, l);
    assertEquals(2, AuditLog.verify(log).brokenLine());
  }

  @Test
  void anInsertedEntryIsDetected() throws IOException {
    Path log = logOf(4);
    List<String> l = lines(log);
    // a copy of entry 2 inserted after entry 3: its prev links to entry 1, not entry 3
    l.add(3, l.get(1));
    write(log, l);
    assertEquals(4, AuditLog.verify(log).brokenLine());
    // a forged line that is not an entry at all
    List<String> m = lines(log);
    m.add(1, "{\"seq\":2}");
    write(log, m);
    assertEquals(2, AuditLog.verify(log).brokenLine());
  }

  @Test
  void everyAppendRewritesTheAnchorOwnerOnly() throws IOException {
    Path log = logOf(3);
    Path anchor = AuditLog.anchorOf(log);
    assertEquals(dir.resolve("audit.jsonl.head"), anchor);
    AuditLog.Anchor a = AuditLog.Anchor.read(anchor).orElseThrow();
    assertEquals(3, a.entries());
    assertEquals(AuditLog.verify(log).headHash(), a.head());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(anchor)));
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of("audit.jsonl", "audit.jsonl.head"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary anchor left behind");
    }
    assertTrue(
        AuditLog.verify(log).warnings().isEmpty(), AuditLog.verify(log).warnings()::toString);
  }

  @Test
  void aRemovedLastEntryIsDetectedThroughTheAnchor() throws IOException {
    Path log = logOf(5);
    List<String> l = lines(log);
    write(log, l.subList(0, 4));
    // the shorter chain is itself valid: only the anchor tells
    AuditLog.Verification v = AuditLog.verify(log);
    assertFalse(v.intact());
    assertEquals(5, v.brokenLine());
    assertTrue(v.reason().contains("truncated") && v.reason().contains("records 5"), v.reason());
    write(log, l.subList(0, 2));
    v = AuditLog.verify(log);
    assertEquals(3, v.brokenLine());
    assertTrue(v.reason().contains("entries 3..5 were removed"), v.reason());
    // the whole log deleted while its anchor stays
    Files.delete(log);
    v = AuditLog.verify(log);
    assertFalse(v.intact());
    assertEquals(1, v.brokenLine());
  }

  @Test
  void aRebuiltChainDiffersFromItsAnchor() throws IOException {
    // Entry 3 removed and the chain rebuilt by re-appending the rest to a fresh log: a valid chain
    // of 4 entries whose entry 4 is not the anchored one. The old anchor is put back.
    Path log = logOf(5);
    String anchor = Files.readString(AuditLog.anchorOf(log));
    Files.delete(log);
    AuditLog again = AuditLog.at(log);
    for (int i : new int[] {0, 1, 3, 4, 5}) {
      again.append(event(i));
    }
    Files.writeString(AuditLog.anchorOf(log), anchor);
    AuditLog.Verification v = AuditLog.verify(log);
    assertFalse(v.intact());
    assertEquals(5, v.brokenLine());
    assertTrue(v.reason().contains("differs from its anchor"), v.reason());
  }

  @Test
  void aMissingAnchorIsAWarningNotASilentPass() throws IOException {
    Path log = logOf(4);
    Files.delete(AuditLog.anchorOf(log));
    AuditLog.Verification v = AuditLog.verify(log);
    assertTrue(v.intact(), "an old log without an anchor still verifies its chain");
    assertEquals(1, v.warnings().size());
    assertTrue(v.warnings().get(0).contains("no anchor"), v.warnings().get(0));
    // the next append anchors the whole log again
    AuditLog.at(log).append(event(9));
    v = AuditLog.verify(log);
    assertTrue(v.intact() && v.warnings().isEmpty(), v.toString());
    assertEquals(5, AuditLog.Anchor.read(AuditLog.anchorOf(log)).orElseThrow().entries());
  }

  @Test
  void anAnchorOneEntryBehindIsAWarningAndADamagedAnchorIsBroken() throws IOException {
    Path log = logOf(3);
    String three = Files.readString(AuditLog.anchorOf(log));
    AuditLog.at(log).append(event(3));
    Files.writeString(AuditLog.anchorOf(log), three); // as if the append stopped before the anchor
    AuditLog.Verification v = AuditLog.verify(log);
    assertTrue(v.intact(), v.reason());
    assertTrue(v.warnings().get(0).contains("not anchored"), v.warnings().toString());
    Files.writeString(AuditLog.anchorOf(log), "{\"entries\":\"x\"}");
    v = AuditLog.verify(log);
    assertFalse(v.intact());
    assertTrue(v.reason().contains("not an anchor"), v.reason());
  }

  @Test
  void anOffMachineCopyOfTheAnchorCatchesWhatTheSidecarCannot() throws IOException {
    Path log = logOf(4);
    Path copy = dir.resolve("offsite.head");
    Files.copy(AuditLog.anchorOf(log), copy);
    AuditLog a = AuditLog.at(log);
    a.append(event(4));
    a.append(event(5));
    // later entries are expected against an older copy
    AuditLog.Verification ok = AuditLog.verify(log, copy);
    assertTrue(ok.intact() && ok.warnings().isEmpty(), ok.toString());
    // someone cuts the log to 3 entries and deletes the sidecar: only a warning locally
    write(log, lines(log).subList(0, 3));
    Files.delete(AuditLog.anchorOf(log));
    assertTrue(AuditLog.verify(log).intact());
    AuditLog.Verification v = AuditLog.verify(log, copy);
    assertFalse(v.intact());
    assertEquals(4, v.brokenLine());
  }

  @Test
  void concurrentAppendsFromTwoProcessesKeepOneChain() throws Exception {
    Path log = dir.resolve("shared.jsonl");
    int per = 60;
    List<Process> ps = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      ps.add(
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  AuditAppender.class.getName(),
                  log.toString(),
                  Integer.toString(per),
                  "proc" + p)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("out" + p + ".txt").toFile())
              .start());
    }
    // and a third writer in this JVM, on two threads
    Thread t1 = new Thread(() -> AuditAppender.appendMany(log, per, "thread1"));
    Thread t2 = new Thread(() -> AuditAppender.appendMany(log, per, "thread2"));
    t1.start();
    t2.start();
    t1.join();
    t2.join();
    for (Process p : ps) {
      assertTrue(p.waitFor(90, TimeUnit.SECONDS), "appender process did not finish");
      assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out0.txt")));
    }
    AuditLog.Verification v = AuditLog.verify(log);
    assertTrue(v.intact(), v.reason() + " at line " + v.brokenLine());
    assertEquals(4L * per, v.entries());
  }
}
