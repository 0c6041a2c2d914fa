package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 3: rows stored with the old masks (which kept the sequence and check digits) are rewritten by a new
 * changeset, on a database migrated up to just before it; afterwards a revealing mask cannot be stored at all.
 */
class MaskMigrationTest {
  private static Liquibase liquibase(Connection c) throws Exception {
    liquibase.database.Database db = liquibase.database.DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
    return new Liquibase("db/changelog.xml", new ClassLoaderResourceAccessor(MaskMigrationTest.class.getClassLoader()), db);
  }

  /** A throw-away database migrated up to (not including) the changeset {@code stopBefore}; its URL. */
  @SuppressWarnings("deprecation")
  private static String databaseBefore(String name, String stopBefore) throws Exception {
    String base = TestDatabase.url();
    String query = base.contains("?") ? base.substring(base.indexOf('?')) : "";
    String noQuery = base.contains("?") ? base.substring(0, base.indexOf('?')) : base;
    String url = noQuery.substring(0, noQuery.lastIndexOf('/') + 1) + name + query;
    try (Connection admin = DriverManager.getConnection(base, TestDatabase.user(), TestDatabase.password()); Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    // Liquibase closes the connection after an update: one connection per step
    int before = 0;
    try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
         Liquibase lb = liquibase(c)) {
      List<ChangeSet> all = lb.getDatabaseChangeLog().getChangeSets();
      while (!all.get(before).getId().equals(stopBefore)) before++;
      lb.update(before, "");
    }
    return url;
  }

  @SuppressWarnings("deprecation")
  private static void migrateTheRest(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
         Liquibase lb = liquibase(c)) {
      lb.update("");
    }
  }

  private static void drop(String name) throws Exception {
    try (Connection admin = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), TestDatabase.password());
         Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static String newName() { return "mask_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10); }

  @Test
  void existingRowsGetTheNewMasks_andTheDatabaseRefusesOldOnes() throws Exception {
    String name = newName();
    try {
      String url = databaseBefore(name, "100-privacy-masks");
      try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password()); Statement s = c.createStatement()) {
        s.execute("INSERT INTO regions (code, name, level, parent_code) VALUES ('150202000000', 'd', 'DISTRICT', NULL)");
        s.execute("INSERT INTO regions (code, name, level, parent_code) VALUES ('150202001000', 't', 'TOWN', '150202000000')");
        s.execute("INSERT INTO regions (code, name, level, parent_code) VALUES ('150202001001', 'c', 'COMMUNITY', '150202001000')");
        s.execute("""
            INSERT INTO persons (id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, certificate_enc,
              certificate_hash, certificate_masked, category, grade, region_code, created_at, updated_at)
            VALUES (gen_random_uuid(), '甲', 'F', DATE '2019-06-01', '\\x00', '\\x01', '150202********0026', '\\x02', '\\x03',
              '150202********002641', 'MENTAL', 1, '150202001001', now(), now()),
                   (gen_random_uuid(), '乙', 'M', DATE '2020-01-02', '\\x04', '\\x05', '150202********001X', NULL, NULL,
              NULL, 'PHYSICAL', NULL, '150202001001', now(), now())""");
      }
      migrateTheRest(url);
      try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT id_number_masked, coalesce(certificate_masked, '-') FROM persons ORDER BY gender")) {
          assertTrue(rs.next());
          assertEquals("150202************", rs.getString(1));
          assertEquals("150202************41", rs.getString(2));
          assertTrue(rs.next());
          assertEquals("150202************", rs.getString(1));
          assertEquals("-", rs.getString(2));
        }
        try (Statement s = c.createStatement()) {
          assertThrows(java.sql.SQLException.class, () -> s.execute("UPDATE persons SET id_number_masked = '150202********0026'"));
        }
      }
    } finally {
      drop(name);
    }
  }

  /**
   * Person snapshots in the audit trail written before the new masks keep the old ones (with the birth date beside
   * them, the number): the 180 changeset rewrites them, leaves everything else alone, records the redaction, and
   * the trail is append-only again afterwards.
   */
  @Test
  void oldMasksInTheAuditTrail_getTheNewMasks_theRedactionIsAudited_andTheTrailStaysAppendOnly() throws Exception {
    String name = newName();
    try {
      String url = databaseBefore(name, "180-audit-old-masks");
      try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password()); Statement s = c.createStatement()) {
        s.execute("""
            INSERT INTO audit_events (id, at, actor_role, action, entity, entity_id, before, after) VALUES
              ('00000000-0000-0000-0000-000000000001', now(), 'ADMIN', 'CREATE', 'person', 'p1', NULL,
               '{"name":"甲","birthDate":"2019-06-01","idNumber":"150202********0026","certificateNo":"150202********002641"}'),
              ('00000000-0000-0000-0000-000000000002', now(), 'ADMIN', 'UPDATE', 'person', 'p2',
               '{"idNumber":"150202********001X","phone":"13800000000"}', '{"phone":"13900000000"}'),
              ('00000000-0000-0000-0000-000000000003', now(), 'ADMIN', 'CREATE', 'user', 'u1', NULL, '{"idNumber":"150202********0026"}'),
              ('00000000-0000-0000-0000-000000000004', now(), 'ADMIN', 'CREATE', 'person', 'p4', NULL, '{"idNumber":"150202************"}')""");
      }
      migrateTheRest(url);
      try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password()); Statement s = c.createStatement()) {
        List<String> rows = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT coalesce(before::text, '-') || ' ' || coalesce(after::text, '-') FROM audit_events "
            + "WHERE id::text LIKE '00000000-%' ORDER BY id")) {
          while (rs.next()) rows.add(rs.getString(1));
        }
        assertEquals("- {\"name\": \"甲\", \"idNumber\": \"150202************\", \"birthDate\": \"2019-06-01\", "
            + "\"certificateNo\": \"150202************41\"}", rows.get(0));
        assertEquals("{\"phone\": \"13800000000\", \"idNumber\": \"150202************\"} {\"phone\": \"13900000000\"}", rows.get(1));
        assertEquals("- {\"idNumber\": \"150202********0026\"}", rows.get(2), "only person snapshots are rewritten");
        assertEquals("- {\"idNumber\": \"150202************\"}", rows.get(3));
        try (ResultSet rs = s.executeQuery("SELECT after->>'rows' FROM audit_events WHERE action = 'REDACT_OLD_MASKS'")) {
          assertTrue(rs.next());
          assertEquals("2", rs.getString(1));
        }
        assertThrows(java.sql.SQLException.class, () -> s.execute("UPDATE audit_events SET after = NULL WHERE entity = 'person'"));
      }
    } finally {
      drop(name);
    }
  }
}
