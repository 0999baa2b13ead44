package dev.stratum.trust;

import dev.stratum.trust.AuditEvent.Action;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A separate process for {@link AuditLogTest}: appends N entries to a log. */
public final class AuditAppender {
  private AuditAppender() {}

  public static void main(String[] args) {
    appendMany(Path.of(args[0]), Integer.parseInt(args[1]), args[2]);
  }

  static void appendMany(Path log, int n, String who) {
    AuditLog a = AuditLog.at(log);
    for (int i = 0; i < n; i++) {
      a.append(
          new AuditEvent(
              who,
              Role.COUNTS_ONLY,
              Action.SEARCH,
              "test",
              AuditEvent.sha256(who + i),
              Map.of("n", i),
              List.of()));
    }
  }
}
