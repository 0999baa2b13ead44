package dev.stratum.cli;

import dev.stratum.core.error.StratumException;
import dev.stratum.jobs.FeatureSnapshot;
import dev.stratum.matching.EligibilitySql;
import dev.stratum.matching.MatchCriterion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DuckDB peer of the matcher (issue 5's speed comparison): a trial's eligibility computed by
 * SQL ({@link EligibilitySql}) straight over a feature-store snapshot's Parquet files with {@code
 * read_parquet}, in an in-memory DuckDB. Per run: one temporary table of every patient's per
 * criterion results, then the counts and funnel from a histogram of failure masks, and the top N
 * patients (eligible, then needs review, then ineligible; by score, then person id).
 *
 * <p>The DuckDB JDBC jar carries its native library for each platform and extracts it to the
 * temporary directory when the driver loads; nothing is downloaded.
 */
final class DuckDbEligibility implements AutoCloseable {
  private final Connection db;
  private final FeatureSnapshot snapshot;

  private DuckDbEligibility(Connection db, FeatureSnapshot snapshot) {
    this.db = db;
    this.snapshot = snapshot;
  }

  /** An in-memory DuckDB with the helper tables for {@code snapshot}. */
  static DuckDbEligibility open(FeatureSnapshot snapshot) {
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = c.createStatement()) {
        // Parquet is built into the JDBC build; never fetch an extension from the network.
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET autoload_known_extensions = false");
      }
      DuckDbEligibility d = new DuckDbEligibility(c, snapshot);
      Set<String> units = new LinkedHashSet<>();
      units.add("");
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT DISTINCT coalesce(unit, '') FROM "
                      + d.table("measurements")
                      + " UNION SELECT DISTINCT coalesce(unit, '') FROM "
                      + d.table("observations")
                      + " UNION SELECT DISTINCT coalesce(unit, '') FROM "
                      + d.table("note_facts"))) {
        while (r.next()) {
          units.add(r.getString(1));
        }
      }
      try (Statement s = c.createStatement()) {
        for (String sql : EligibilitySql.setupStatements(units)) {
          s.execute(sql);
        }
      }
      return d;
    } catch (SQLException e) {
      throw new StratumException("DuckDB: " + e.getMessage(), e);
    }
  }

  /** The SQL relation of a snapshot table: {@code read_parquet} over its files. */
  String table(String name) {
    Path dir = snapshot.tableDir(name);
    String glob = dir.resolve("*.parquet").toString().replace("'", "''");
    if (!hasParquet(dir)) {
      throw new StratumException("snapshot " + snapshot.id() + " has no Parquet files in " + dir);
    }
    return "read_parquet('" + glob + "')";
  }

  private static boolean hasParquet(Path dir) {
    try (var s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The SQL of one trial against this snapshot. */
  EligibilitySql sql(String trialId, List<MatchCriterion> criteria, java.time.LocalDate day) {
    return EligibilitySql.of(trialId, criteria, day, this::table);
  }

  /**
   * One trial's result.
   *
   * @param eligible eligible patients
   * @param needsReview patients with no failed criterion and some unknown
   * @param ineligible the rest
   * @param funnel (criterion id, remaining) in greedy order
   * @param top the top patients: person id and status
   */
  record Result(
      long eligible,
      long needsReview,
      long ineligible,
      List<Map.Entry<String, Long>> funnel,
      List<String[]> top) {}

  /** Runs one trial: counts, funnel and the top {@code limit} patients with their results. */
  Result run(EligibilitySql q, int limit) {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE OR REPLACE TEMP TABLE elig AS " + q.perPatient());
      Map<Long, long[]> hist = new HashMap<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT fail_mask, any_unknown, count(*) FROM elig GROUP BY fail_mask, any_unknown")) {
        while (r.next()) {
          hist.computeIfAbsent(r.getLong(1), k -> new long[2])[r.getBoolean(2) ? 1 : 0] +=
              r.getLong(3);
        }
      }
      long total = 0;
      for (long[] v : hist.values()) {
        total += v[0] + v[1];
      }
      long[] pass = hist.getOrDefault(0L, new long[2]);
      List<MatchCriterion> crit = q.criteria();
      // Greedy funnel, as the matcher's: the criterion failing most of the remaining comes next.
      List<Map.Entry<String, Long>> funnel = new ArrayList<>();
      long removedMask = 0;
      boolean[] used = new boolean[crit.size()];
      for (int step = 0; step < crit.size(); step++) {
        int best = -1;
        long bestRemoved = -1;
        for (int i = 0; i < crit.size(); i++) {
          if (used[i]) {
            continue;
          }
          long removed = 0;
          for (Map.Entry<Long, long[]> e : hist.entrySet()) {
            long m = e.getKey();
            if ((m & removedMask) == 0 && (m & (1L << i)) != 0) {
              removed += e.getValue()[0] + e.getValue()[1];
            }
          }
          if (removed > bestRemoved) {
            best = i;
            bestRemoved = removed;
          }
        }
        used[best] = true;
        removedMask |= 1L << best;
        long remaining = 0;
        for (Map.Entry<Long, long[]> e : hist.entrySet()) {
          if ((e.getKey() & removedMask) == 0) {
            remaining += e.getValue()[0] + e.getValue()[1];
          }
        }
        funnel.add(Map.entry(crit.get(best).id(), remaining));
      }
      List<String[]> top = new ArrayList<>();
      StringBuilder cols = new StringBuilder();
      for (int i = 0; i < crit.size(); i++) {
        cols.append(", r").append(i);
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT person_id, CASE WHEN fail_mask <> 0 THEN 2 WHEN any_unknown THEN 1 ELSE 0"
                  + " END AS status, score"
                  + cols
                  + " FROM elig ORDER BY status, score DESC, person_id LIMIT "
                  + limit)) {
        while (r.next()) {
          String[] row = new String[3 + crit.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = r.getString(i + 1);
          }
          top.add(row);
        }
      }
      return new Result(pass[0], pass[1], total - pass[0] - pass[1], funnel, top);
    } catch (SQLException e) {
      throw new StratumException("DuckDB, trial " + q.trialId() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StratumException("DuckDB: " + e.getMessage(), e);
    }
  }
}
