package cn.donghe.rehab.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The embedded default: both roles are created, an existing database made by postgres (a checkout
 * from before the roles) is handed over to the owner, and after migration + grants the service role
 * cannot touch the append-only tables.
 */
class EmbeddedRolesTest {
  private static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void anOldPostgresOwnedDatabase_isHandedOver_andTheServiceRoleIsRestricted() throws Exception {
    Path dir = Files.createTempDirectory("embedded-roles");
    int port;
    try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
    EmbeddedDatabase.Endpoint e = EmbeddedDatabase.ensureRunning(dir.resolve("pg").toString(), port, "rehab");
    assertEquals(EmbeddedDatabase.SERVICE_ROLE, e.user());
    assertEquals(EmbeddedDatabase.OWNER_ROLE, e.ownerUser());

    // what an old checkout looks like: everything owned by postgres
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
         Statement s = admin.createStatement()) {
      s.execute("ALTER DATABASE rehab OWNER TO postgres");
    }
    try (Connection pg = DriverManager.getConnection(e.jdbcUrl(), "postgres", ""); Statement s = pg.createStatement()) {
      s.execute("CREATE TABLE old_table (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)");
      s.execute("CREATE FUNCTION old_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'");
    }

    EmbeddedDatabase.ensureRunning(dir.resolve("pg").toString(), port, "rehab"); // the next start
    try (Connection pg = DriverManager.getConnection(e.jdbcUrl(), "postgres", "")) {
      assertEquals("rehab_owner", one(pg, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'rehab'"));
      assertEquals("rehab_owner", one(pg, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'old_table'"));
      assertEquals("rehab_owner", one(pg, "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'old_fn'"));
    }

    var owner = new org.postgresql.ds.PGSimpleDataSource();
    owner.setUrl(e.jdbcUrl());
    owner.setUser(e.ownerUser());
    Database.migrate(owner);
    DatabaseRoles.grantServiceRole(owner, e.user());
    try (Connection app = DriverManager.getConnection(e.jdbcUrl(), e.user(), "")) {
      assertTrue(DatabaseRoles.excessPrivileges(app).isEmpty(), DatabaseRoles.excessPrivileges(app).toString());
      try (Statement s = app.createStatement()) {
        s.execute("INSERT INTO old_table (note) VALUES ('x')");
        for (String sql : new String[] {"DELETE FROM audit_events", "ALTER TABLE aid_ledger DISABLE TRIGGER ALL", "TRUNCATE audit_events"}) {
          try {
            s.execute(sql);
            throw new AssertionError("the service role could: " + sql);
          } catch (SQLException refused) {
            assertTrue(refused.getMessage().contains("permission denied") || refused.getMessage().contains("must be owner"), refused.getMessage());
          }
        }
      }
    }
  }
}
