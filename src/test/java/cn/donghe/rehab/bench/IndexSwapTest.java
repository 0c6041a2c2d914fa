package cn.donghe.rehab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.db.Database;
import cn.donghe.rehab.support.TestApp;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Indexes and constraints dropped for a bulk load come back with the same names and definitions. */
class IndexSwapTest {
  private static final String DEFINITIONS = """
      SELECT string_agg(d, E'\\n' ORDER BY d) FROM (
        SELECT indexrelid::regclass::text || ' ' || pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = '%1$s'::regclass
        UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '%1$s'::regclass) x""";

  private final DataSource ds = Database.ownerDataSource(TestApp.context().config().getDatabase());

  @Test
  void emptyTable_losesItsSecondaryIndexes_andGetsThemBackIdentically() throws SQLException {
    String table = scratchTable();
    String before = definitions(table);
    List<IndexSwap.Restore> restores;
    try (Connection c = ds.getConnection()) {
      restores = IndexSwap.dropIfEmpty(c, table);
    }
    assertEquals(5, restores.size(), restores.toString()); // unique, exclusion, foreign key, plain index, partial index
    assertTrue(definitions(table).lines().count() == 2, definitions(table)); // primary key index and constraint stay
    IndexSwap.restore(ds, restores, 2);
    assertEquals(before, definitions(table));
    exec("INSERT INTO " + table + " (id, code, region, during, note) VALUES (1, 'a', NULL, '[2026-01-01,2026-02-01)', 'x')");
    assertThrows(SQLException.class, () -> exec("INSERT INTO " + table + " (id, code, during) VALUES (2, 'a', '[2027-01-01,2027-02-01)')"));
  }

  @Test
  void tableWithRows_isLeftAlone() throws SQLException {
    String table = scratchTable();
    exec("INSERT INTO " + table + " (id, code, during) VALUES (1, 'a', '[2026-01-01,2026-02-01)')");
    String before = definitions(table);
    try (Connection c = ds.getConnection()) {
      assertTrue(IndexSwap.dropIfEmpty(c, table).isEmpty());
    }
    assertEquals(before, definitions(table));
  }

  private String scratchTable() throws SQLException {
    String t = "bench_swap_" + Math.abs(ThreadLocalRandom.current().nextLong() % 1_000_000);
    exec("CREATE TABLE " + t + " (id int PRIMARY KEY, code text NOT NULL UNIQUE, region varchar(12) REFERENCES regions (code), "
        + "during daterange NOT NULL, note text, EXCLUDE USING gist (code WITH =, during WITH &&))");
    exec("CREATE INDEX " + t + "_note_idx ON " + t + " (note text_pattern_ops)");
    exec("CREATE INDEX " + t + "_partial_idx ON " + t + " (id) WHERE note IS NULL");
    return t;
  }

  private String definitions(String table) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(DEFINITIONS.formatted(table))) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void exec(String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
