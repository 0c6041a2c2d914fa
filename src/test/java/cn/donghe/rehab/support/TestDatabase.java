package cn.donghe.rehab.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The tests' PostgreSQL: a throw-away embedded server (real binaries), or, when TEST_DATABASE_URL
 * is set, a fresh database created on that server for this run and dropped afterwards.
 * Like production, the database belongs to an owner role (migrations) and the application under
 * test connects as a separate service role without ownership (see {@code DatabaseRoles}); both
 * roles are created for this run. {@link #connect()} is the server's administrator.
 */
public final class TestDatabase {
  private static String url;
  private static String user = "postgres";
  private static String password = "";
  private static String ownerUser;
  private static String serviceUser;
  private static final String ROLE_PASSWORD = "t-" + UUID.randomUUID();

  private TestDatabase() {}

  public static synchronized String url() {
    if (url != null) return url;
    try {
      String external = System.getenv("TEST_DATABASE_URL");
      String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      String name = "rehab_test_" + suffix;
      String owner = "rehab_test_owner_" + suffix;
      String service = "rehab_test_app_" + suffix;
      if (external != null && !external.isBlank()) {
        user = env("TEST_DATABASE_USER", "");
        password = env("TEST_DATABASE_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(external, user, password); Statement s = c.createStatement()) {
          createRolesAndDatabase(s, name, owner, service);
        }
        String base = external.contains("?") ? external.substring(0, external.indexOf('?')) : external;
        String query = external.contains("?") ? external.substring(external.indexOf('?')) : "";
        url = base.substring(0, base.lastIndexOf('/') + 1) + name + query;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try (Connection c = DriverManager.getConnection(external, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + service);
            s.execute("DROP ROLE IF EXISTS " + owner);
          } catch (Exception ignored) { }
        }));
      } else {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
          createRolesAndDatabase(s, name, owner, service);
        }
        url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { try { pg.close(); } catch (Exception ignored) { } }));
      }
      ownerUser = owner;
      serviceUser = service;
      return url;
    } catch (Exception e) {
      throw new IllegalStateException("test database could not be prepared: " + e.getMessage(), e);
    }
  }

  private static void createRolesAndDatabase(Statement s, String name, String owner, String service) throws java.sql.SQLException {
    s.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
    s.execute("CREATE ROLE " + service + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
    s.execute("CREATE DATABASE " + name + " OWNER " + owner);
  }

  /** The server's administrator (superuser on the embedded server). */
  public static String user() { url(); return user; }
  public static String password() { url(); return password; }
  /** The role that owns the schema and runs the migrations. */
  public static String ownerUser() { url(); return ownerUser; }
  /** The role the application under test connects as. */
  public static String serviceUser() { url(); return serviceUser; }
  public static String rolePassword() { url(); return ROLE_PASSWORD; }

  public static Connection connect() throws java.sql.SQLException {
    return DriverManager.getConnection(url(), user(), password());
  }

  public static Connection connectAsOwner() throws java.sql.SQLException {
    return DriverManager.getConnection(url(), ownerUser(), ROLE_PASSWORD);
  }

  private static String env(String k, String d) {
    String v = System.getenv(k);
    return v == null ? d : v;
  }
}
