package cn.donghe.rehab.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The tests' PostgreSQL: a throw-away embedded server (real binaries), or, when TEST_DATABASE_URL
 * is set, a fresh database created on that server for this run and dropped afterwards.
 */
public final class TestDatabase {
  private static String url;
  private static String user = "postgres";
  private static String password = "";

  private TestDatabase() {}

  public static synchronized String url() {
    if (url != null) return url;
    try {
      String external = System.getenv("TEST_DATABASE_URL");
      String name = "rehab_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      if (external != null && !external.isBlank()) {
        user = env("TEST_DATABASE_USER", "");
        password = env("TEST_DATABASE_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(external, user, password); Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
        String base = external.contains("?") ? external.substring(0, external.indexOf('?')) : external;
        String query = external.contains("?") ? external.substring(external.indexOf('?')) : "";
        url = base.substring(0, base.lastIndexOf('/') + 1) + name + query;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try (Connection c = DriverManager.getConnection(external, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
          } catch (Exception ignored) { }
        }));
      } else {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
        url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { try { pg.close(); } catch (Exception ignored) { } }));
      }
      return url;
    } catch (Exception e) {
      throw new IllegalStateException("test database could not be prepared: " + e.getMessage(), e);
    }
  }

  public static String user() { url(); return user; }
  public static String password() { url(); return password; }

  public static Connection connect() throws java.sql.SQLException {
    return DriverManager.getConnection(url(), user(), password());
  }

  private static String env(String k, String d) {
    String v = System.getenv(k);
    return v == null ? d : v;
  }
}
