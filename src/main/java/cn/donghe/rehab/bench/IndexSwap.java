package cn.donghe.rehab.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

  /** Rebuilds everything that was dropped, indexes before constraints (foreign keys last). */
  static void restore(DataSource ds, List<Restore> restores) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '256MB'");
      for (Restore r : restores) if (!r.sql().startsWith("ALTER TABLE")) s.execute(r.sql());
      for (Restore r : restores) if (r.sql().startsWith("ALTER TABLE") && !r.sql().contains("FOREIGN KEY")) s.execute(r.sql());
      for (Restore r : restores) if (r.sql().contains("FOREIGN KEY")) s.execute(r.sql());
    }
  }
}
