package cn.donghe.rehab.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
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
    Map.of().size();
    return configure(Jdbi.create(ds), mapper);
  }

  public static DataSource dataSource(DatabaseConfig config) {
    var f = config.dataSourceFactory();
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUrl(f.getUrl());
    if (f.getUser() != null && !f.getUser().isEmpty()) ds.setUser(f.getUser());
    if (f.getPassword() != null && !f.getPassword().isEmpty()) ds.setPassword(f.getPassword());
    return ds;
  }
}
