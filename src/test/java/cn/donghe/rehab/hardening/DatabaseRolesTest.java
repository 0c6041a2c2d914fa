package cn.donghe.rehab.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import cn.donghe.rehab.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * The running service connects as a role that owns nothing and lacks UPDATE/DELETE/TRUNCATE on the
 * append-only tables: even with the service's own credentials (SQL injection, a stolen
 * DATABASE_PASSWORD) the audit trail and the aid ledger cannot be rewritten nor their triggers disabled.
 */
class DatabaseRolesTest {
  private static final List<String> APPEND_ONLY = List.of("audit_events", "aid_ledger");

  @Test
  void theServiceRole_ownsNoTable_andIsNoSuperuser_norTheMigrationOwner() {
    TestApp.admin(); // some rows exist
    TestApp.jdbi().useHandle(h -> {
      String me = h.createQuery("SELECT current_user").mapTo(String.class).one();
      assertNotEquals(TestDatabase.ownerUser(), me);
      assertFalse(h.createQuery("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user").mapTo(Boolean.class).one());
      assertEquals(0, h.createQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
          + "WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')").mapTo(Integer.class).one(),
          "tables, sequences or views owned by (or through) the service role");
      for (String t : APPEND_ONLY) {
        assertEquals(TestDatabase.ownerUser(), h.createQuery("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = CAST(:t AS regclass)")
            .bind("t", t).mapTo(String.class).one(), t);
      }
    });
  }

  @Test
  void theServiceRole_cannotDisableTheTriggers_norUpdateDeleteOrTruncate_theAuditTrailAndTheLedger() {
    TestApp.admin();
    for (String t : APPEND_ONLY) {
      for (String sql : List.of(
          "ALTER TABLE " + t + " DISABLE TRIGGER ALL",
          "ALTER TABLE " + t + " DISABLE TRIGGER " + t + "_append_only",
          "ALTER TABLE " + t + " OWNER TO current_user",
          "UPDATE " + t + " SET at = at",
          "DELETE FROM " + t,
          "TRUNCATE " + t,
          "DROP TABLE " + t)) {
        Exception e = assertThrows(Exception.class, () -> TestApp.jdbi().useHandle((Handle h) -> h.execute(sql)), sql);
        String m = e.getMessage();
        assertTrue(m.contains("permission denied") || m.contains("must be owner"), sql + ": " + m);
      }
    }
    for (String t : APPEND_ONLY) {
      for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE")) {
        boolean has = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT has_table_privilege(current_user, :t, :p)")
            .bind("t", t).bind("p", privilege).mapTo(Boolean.class).one());
        assertFalse(has, t + " " + privilege);
      }
    }
    // and what it may do: append
    assertTrue(Fixtures.count("audit_events") > 0);
  }

  @Test
  void theOwnerRole_isStillStoppedByTheTriggers() throws SQLException {
    TestApp.admin();
    try (Connection c = TestDatabase.connectAsOwner(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute("DELETE FROM audit_events"));
      assertTrue(e.getMessage().contains("append-only"), e.getMessage());
    }
  }

  @Test
  void tablesCreatedLater_byTheOwner_areUsableByTheService_throughDefaultPrivileges() throws SQLException {
    String t = "roles_probe_" + Long.toHexString(System.nanoTime());
    try (Connection c = TestDatabase.connectAsOwner(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id int PRIMARY KEY)");
    }
    try {
      TestApp.jdbi().useHandle(h -> {
        h.execute("INSERT INTO " + t + " VALUES (1)");
        h.execute("UPDATE " + t + " SET id = 2");
        assertEquals(1, h.execute("DELETE FROM " + t));
      });
    } finally {
      try (Connection c = TestDatabase.connectAsOwner(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE " + t);
      }
    }
  }
}
