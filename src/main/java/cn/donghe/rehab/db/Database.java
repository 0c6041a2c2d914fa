package cn.donghe.rehab.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.postgres.PostgresPlugin;

/** Schema migration and JDBI set-up shared by the server and the CLI commands. */
public final class Database {
  public static final String CHANGELOG = "db/changelog.xml";

  private Database() {}

  /** Applies the Liquibase changelog (idempotent; Liquibase's lock serialises concurrent starts). */
  @SuppressWarnings("deprecation")
  public static void migrate(DataSource ds) {
    System.setProperty("liquibase.command.showSummary", "OFF");
    System.setProperty("liquibase.showBanner", "false");
    // no phoning home (and no 1.5 s wait for an unreachable analytics endpoint)
    if (System.getProperty("liquibase.analytics.enabled") == null) System.setProperty("liquibase.analytics.enabled", "false");
    try (Connection c = ds.getConnection()) {
      liquibase.database.Database db = liquibase.database.DatabaseFactory.getInstance()
          .findCorrectDatabaseImplementation(new JdbcConnection(c));
      try (Liquibase lb = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(Database.class.getClassLoader()), db)) {
        lb.update("");
      }
    } catch (SQLException | LiquibaseException e) {
      throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
    }
  }

  /**
   * Start-up: migrations (unless switched off) and the service role's grants as the owner; with one
   * user for both (an external server without DATABASE_OWNER_USER) migrations run as that user and
   * a warning says what is lost. Then checks what the service's own connection may do.
   */
  public static void prepare(DatabaseConfig config, DataSource service) {
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Database.class);
    if (config.hasSeparateOwner()) {
      DataSource owner = ownerDataSource(config);
      if (config.isMigrateOnStart()) migrate(owner);
      DatabaseRoles.grantServiceRole(owner, config.serviceUser());
    } else {
      if (config.isMigrateOnStart()) migrate(service);
      log.warn("DATABASE_OWNER_USER is not set: the service runs as the user that owns its tables, so the append-only "
          + "audit trail and aid ledger rest on triggers that this user can disable. Give migrations their own owner role "
          + "(see docs/security.md).");
    }
    try (Connection c = service.getConnection()) {
      java.util.List<String> excess = DatabaseRoles.excessPrivileges(c);
      if (!excess.isEmpty() && config.hasSeparateOwner()) {
        log.warn("The service's database user {} {}: it should own nothing and only append to audit_events and aid_ledger",
            config.serviceUser(), String.join(", ", excess));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Database unreachable as the service user: " + e.getMessage(), e);
    }
  }

  /** Installs the plugins Dropwizard's JdbiFactory leaves out. */
  public static Jdbi configure(Jdbi jdbi, ObjectMapper mapper) {
    // SQL is never templated here (no <attr> definitions): skip the template engine's lexing pass
    jdbi.setTemplateEngine(org.jdbi.v3.core.statement.TemplateEngine.NOP);
    jdbi.installPlugin(new PostgresPlugin());
    jdbi.installPlugin(new Jackson2Plugin());
    jdbi.getConfig(Jackson2Config.class).setMapper(mapper);
    return jdbi;
  }

  /** A standalone JDBI for CLI commands. */
  public static Jdbi open(DatabaseConfig config, ObjectMapper mapper) {
    var f = config.dataSourceFactory();
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(f.getUrl());
    if (f.getUser() != null && !f.getUser().isEmpty()) ds.setUser(f.getUser());
    if (f.getPassword() != null && !f.getPassword().isEmpty()) ds.setPassword(f.getPassword());
    return configure(Jdbi.create(ds), mapper);
  }

  /** A plain (unpooled) data source as the service role. */
  public static DataSource dataSource(DatabaseConfig config) {
    return simple(config.dataSourceFactory());
  }

  /**
   * A plain data source as the schema owner: migrations, grants and bulk loads (COPY with insert
   * triggers disabled, dropping and rebuilding indexes, ANALYZE) need ownership the service lacks.
   */
  public static DataSource ownerDataSource(DatabaseConfig config) {
    return simple(config.ownerDataSourceFactory());
  }

  private static DataSource simple(io.dropwizard.db.DataSourceFactory f) {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(f.getUrl());
    if (f.getUser() != null && !f.getUser().isEmpty()) ds.setUser(f.getUser());
    if (f.getPassword() != null && !f.getPassword().isEmpty()) ds.setPassword(f.getPassword());
    return ds;
  }
}
