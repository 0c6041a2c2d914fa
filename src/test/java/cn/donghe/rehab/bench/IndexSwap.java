package cn.donghe.rehab.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Drops the secondary indexes and the unique, exclusion and foreign-key constraints of an EMPTY
 * table before a bulk load and recreates them, with their original names and definitions, after
 * it. The primary key stays. A table that already holds rows is left alone (indexes maintained).
 */
final class IndexSwap {
  /** One statement that recreates an index or a constraint. */
  record Restore(String table, String name, String sql) {}

  private IndexSwap() {}

  /** Drops what can be rebuilt later and returns the statements that rebuild it (empty for a non-empty table). */
  static List<Restore> dropIfEmpty(Connection c, String table) throws SQLException {
    List<Restore> restores = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
        rs.next();
        if (rs.getBoolean(1)) return restores;
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
          WHERE conrelid = '%s'::regclass AND contype IN ('u', 'x', 'f') ORDER BY contype DESC, conname""".formatted(table))) {
        while (rs.next()) {
          restores.add(new Restore(table, rs.getString(1), "ALTER TABLE " + table + " ADD CONSTRAINT " + rs.getString(1) + " " + rs.getString(2)));
        }
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
          WHERE i.indrelid = '%s'::regclass AND NOT i.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)""".formatted(table))) {
        while (rs.next()) restores.add(new Restore(table, rs.getString(1), rs.getString(2)));
      }
      for (Restore r : restores) {
        s.execute(r.sql().startsWith("ALTER TABLE") ? "ALTER TABLE " + table + " DROP CONSTRAINT " + r.name() : "DROP INDEX " + r.name());
      }
    }
    return restores;
  }

  /**
   * Rebuilds everything that was dropped: the indexes and unique/exclusion constraints of each table
   * on their own connection, tables in parallel (up to {@code threads}), then the foreign keys.
   */
  static void restore(DataSource ds, List<Restore> restores, int threads) throws SQLException {
    Map<String, List<String>> byTable = new LinkedHashMap<>();
    for (Restore r : restores) {
      if (!r.sql().contains("FOREIGN KEY")) byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r.sql());
    }
    List<String> foreignKeys = restores.stream().map(Restore::sql).filter(sql -> sql.contains("FOREIGN KEY")).toList();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, Math.max(1, byTable.size()))));
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (List<String> statements : byTable.values()) done.add(pool.submit(() -> run(ds, statements)));
      for (Future<Void> f : done) f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException s) throw s;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rebuilding indexes", e);
    } finally {
      pool.shutdownNow();
    }
    run(ds, foreignKeys);
  }

  /** Indexes first, then the constraints (which may use them), in one session with a big sort memory. */
  private static Void run(DataSource ds, List<String> statements) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '256MB'");
      for (String sql : statements) if (!sql.startsWith("ALTER TABLE")) s.execute(sql);
      for (String sql : statements) if (sql.startsWith("ALTER TABLE")) s.execute(sql);
    }
    return null;
  }
}
