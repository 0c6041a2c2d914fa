package cn.donghe.rehab.hardening;

import cn.donghe.rehab.support.TestApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Proves that a refused request changed nothing in the database, cheaply enough to do it after every request.
 *
 * <p>A {@link Snapshot} is the row count of every application table (one query) plus the next transaction id
 * PostgreSQL will hand out. After the request: equal counts prove no net insert or delete; and every transaction
 * that wrote anything in between got an xid, so for each xid that COMMITTED in between we look for visible rows it
 * wrote ({@code xmin}) in any table. Rolled-back transactions (a refusal thrown inside a transaction) and
 * read-only work (no xid) pass; an UPDATE, an INSERT, or a DELETE compensated by an INSERT does not. That is as
 * strict as comparing a checksum of every table, at the cost of two small queries per request.
 *
 * <p>{@link #checksum()} is the literal byte-for-byte proof (md5 over every row of every table); the hostile-input
 * test takes it before and after each endpoint's batch of refused requests.
 */
final class DbState {
  private static volatile List<String> tables;

  private DbState() {}

  /** Every base table of the application (Liquibase's bookkeeping excluded). */
  static List<String> tables() {
    if (tables == null) {
      tables = TestApp.jdbi().withHandle(h -> h.createQuery("""
              SELECT table_name FROM information_schema.tables
              WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'databasechangelog%'
              ORDER BY table_name""").mapTo(String.class).list());
    }
    return tables;
  }

  record Snapshot(Map<String, Long> counts, long nextXid) {}

  static Snapshot snapshot() {
    String sql = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS n, NULL AS t UNION ALL "
        + tables().stream().map(t -> "SELECT count(*), '" + t + "' FROM " + t).collect(Collectors.joining(" UNION ALL "));
    return TestApp.jdbi().withHandle(h -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      long[] xid = {0};
      h.createQuery(sql).map((rs, ctx) -> {
        if (rs.getString(2) == null) xid[0] = rs.getLong(1);
        else counts.put(rs.getString(2), rs.getLong(1));
        return null;
      }).list();
      return new Snapshot(counts, xid[0]);
    });
  }

  /**
   * The tables that changed since {@code before} (empty = nothing changed), ignoring {@code allowed} ones
   * (e.g. {@code rate_limits}, which a refused login writes by design).
   */
  static Set<String> changedSince(Snapshot before, Set<String> allowed) {
    Snapshot after = snapshot();
    Set<String> changed = new TreeSet<>();
    after.counts().forEach((t, n) -> { if (!Objects.equals(n, before.counts().get(t))) changed.add(t + " (rows " + before.counts().get(t) + " -> " + n + ")"); });
    if (after.nextXid() > before.nextXid()) changed.addAll(writtenBy(before.nextXid(), after.nextXid()));
    changed.removeIf(c -> allowed.contains(c.split(" ")[0]));
    return changed;
  }

  /** The next transaction id PostgreSQL will assign (every writing transaction takes one). */
  static long nextXid() {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint").mapTo(Long.class).one());
  }

  /** Tables (other than {@code allowed}) holding rows written by a transaction that committed since {@code fromXid}. */
  static Set<String> committedWritesSince(long fromXid, Set<String> allowed) {
    long to = nextXid();
    if (to <= fromXid) return Set.of();
    Set<String> out = new TreeSet<>(writtenBy(fromXid, to));
    out.removeIf(c -> allowed.contains(c.split(" ")[0]));
    return out;
  }

  /** Tables holding visible rows written by a transaction with an id in [from, to) that committed. */
  private static Set<String> writtenBy(long from, long to) {
    return TestApp.jdbi().withHandle(h -> {
      List<Long> committed = h.createQuery("""
              SELECT x FROM generate_series(CAST(:from AS bigint), CAST(:to AS bigint) - 1) x
              WHERE pg_xact_status(CAST(CAST(x AS text) AS xid8)) = 'committed'""")
          .bind("from", from).bind("to", to).mapTo(Long.class).list();
      Set<String> out = new TreeSet<>();
      for (long x : committed) {
        String probe = tables().stream()
            .map(t -> "(SELECT '" + t + "' FROM " + t + " WHERE xmin = CAST(CAST(:x AS text) AS xid) LIMIT 1)")
            .collect(Collectors.joining(" UNION ALL "));
        h.createQuery(probe).bind("x", x & 0xFFFFFFFFL).mapTo(String.class).forEach(t -> out.add(t + " (rows written by xid " + x + ")"));
      }
      return out;
    });
  }

  /** md5 over every row of every table, per table (the literal byte-for-byte comparison). */
  static Map<String, String> checksum() {
    String sql = tables().stream()
        .map(t -> "SELECT '" + t + "' AS t, count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS s FROM " + t + " x")
        .collect(Collectors.joining(" UNION ALL "));
    return TestApp.jdbi().withHandle(h -> {
      Map<String, String> out = new LinkedHashMap<>();
      h.createQuery(sql).map((rs, ctx) -> out.put(rs.getString(1), rs.getLong(2) + ":" + rs.getString(3))).list();
      return out;
    });
  }

  /** Names the tables whose checksum differs. */
  static Set<String> differing(Map<String, String> before, Map<String, String> after, Set<String> allowed) {
    Set<String> out = new TreeSet<>();
    after.forEach((t, s) -> { if (!s.equals(before.get(t)) && !allowed.contains(t)) out.add(t); });
    return out;
  }
}
