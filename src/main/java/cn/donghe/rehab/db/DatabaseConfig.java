package cn.donghe.rehab.db;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Where the database is. An empty {@code url} means: use (or start) the embedded PostgreSQL whose
 * data lives in {@code embeddedDataDir}. Passwords are never printed ({@link #toString()}).
 *
 * <p>Two roles: {@code ownerUser} (DATABASE_OWNER_USER) owns the schema, runs the migrations and
 * the bulk loaders; {@code user} (DATABASE_USER) is what the service connects as for requests: it
 * owns nothing and lacks UPDATE/DELETE/TRUNCATE on the append-only tables (granted after each
 * migration by {@link DatabaseRoles}). The embedded server creates both ({@code rehab_owner},
 * {@code rehab_app}). With only {@code user} given (external server), that user does both, as
 * before, and a warning says the append-only tables then rest on triggers alone.
 */
public class DatabaseConfig {
  private String url = "";
  private String user = "";
  private String password = "";
  private String ownerUser = "";
  private String ownerPassword = "";
  @NotBlank private String embeddedDataDir = "data/pg";
  @Min(1024) @Max(65535) private int embeddedPort = 54329;
  @NotBlank private String embeddedDatabase = "rehab";
  private boolean migrateOnStart = true;
  @Min(1) @Max(500) private int maxPoolSize = 32;
  @Min(0) @Max(500) private int minPoolSize = 4;
  private Duration maxWaitForConnection = Duration.seconds(2);

  @JsonProperty public String getUrl() { return url; }
  @JsonProperty public void setUrl(String url) { this.url = url == null ? "" : url.trim(); }
  @JsonProperty public String getUser() { return user; }
  @JsonProperty public void setUser(String user) { this.user = user == null ? "" : user; }
  @JsonIgnore public String getPassword() { return password; }
  @JsonProperty public void setPassword(String password) { this.password = password == null ? "" : password; }
  @JsonProperty public String getOwnerUser() { return ownerUser; }
  @JsonProperty public void setOwnerUser(String u) { this.ownerUser = u == null ? "" : u.trim(); }
  @JsonIgnore public String getOwnerPassword() { return ownerPassword; }
  @JsonProperty public void setOwnerPassword(String p) { this.ownerPassword = p == null ? "" : p; }
  @JsonProperty public String getEmbeddedDataDir() { return embeddedDataDir; }
  @JsonProperty public void setEmbeddedDataDir(String d) { this.embeddedDataDir = d; }
  @JsonProperty public int getEmbeddedPort() { return embeddedPort; }
  @JsonProperty public void setEmbeddedPort(int p) { this.embeddedPort = p; }
  @JsonProperty public String getEmbeddedDatabase() { return embeddedDatabase; }
  @JsonProperty public void setEmbeddedDatabase(String d) { this.embeddedDatabase = d; }
  @JsonProperty public boolean isMigrateOnStart() { return migrateOnStart; }
  @JsonProperty public void setMigrateOnStart(boolean m) { this.migrateOnStart = m; }
  @JsonProperty public int getMaxPoolSize() { return maxPoolSize; }
  @JsonProperty public void setMaxPoolSize(int s) { this.maxPoolSize = s; }
  @JsonProperty public int getMinPoolSize() { return minPoolSize; }
  @JsonProperty public void setMinPoolSize(int s) { this.minPoolSize = s; }
  @JsonProperty public Duration getMaxWaitForConnection() { return maxWaitForConnection; }
  @JsonProperty public void setMaxWaitForConnection(Duration d) { this.maxWaitForConnection = d; }

  /** Refuses start-up when DATABASE_URL is set but is not a PostgreSQL JDBC URL. */
  @JsonIgnore
  @io.dropwizard.validation.ValidationMethod(message = "url (DATABASE_URL) must be empty (embedded PostgreSQL) or a JDBC URL "
      + "starting with jdbc:postgresql://")
  public boolean isUrlValid() {
    return url.isEmpty() || url.startsWith("jdbc:postgresql://");
  }

  @JsonIgnore public boolean isEmbedded() { return url.isEmpty(); }

  private volatile DataSourceFactory resolved;
  private volatile DataSourceFactory resolvedOwner;

  /** The Dropwizard pool settings for the resolved database; starts the embedded one if needed. */
  @JsonIgnore
  public synchronized DataSourceFactory dataSourceFactory() {
    if (resolved != null) return resolved;
    DataSourceFactory f = new DataSourceFactory();
    f.setDriverClass("org.postgresql.Driver");
    if (isEmbedded()) {
      EmbeddedDatabase.Endpoint e = EmbeddedDatabase.ensureRunning(embeddedDataDir, embeddedPort, embeddedDatabase);
      f.setUrl(e.jdbcUrl());
      f.setUser(e.user());
      f.setPassword("");
      resolvedOwner = pool(e.jdbcUrl(), e.ownerUser(), "", 2);
    } else {
      f.setUrl(url);
      f.setUser(user);
      f.setPassword(password);
      resolvedOwner = hasSeparateOwner() ? pool(url, ownerUser, ownerPassword, 2) : null;
    }
    f.setMaxSize(maxPoolSize);
    f.setMinSize(Math.min(minPoolSize, maxPoolSize));
    f.setInitialSize(Math.min(minPoolSize, maxPoolSize));
    f.setMaxWaitForConnection(maxWaitForConnection);
    f.setValidationQuery("/* health */ SELECT 1");
    f.setCheckConnectionOnBorrow(true);
    f.setValidationQueryTimeout(Duration.seconds(2));
    f.setProperties(new java.util.LinkedHashMap<>(java.util.Map.of(
        "connectTimeout", "2", "socketTimeout", "30", "ApplicationName", "rehab-tracker",
        "reWriteBatchedInserts", "true")));
    resolved = f;
    return f;
  }

  /** True when migrations run as a role other than the service's (always on the embedded server). */
  @JsonIgnore public boolean hasSeparateOwner() {
    return isEmbedded() || (!ownerUser.isEmpty() && !ownerUser.equals(user));
  }

  /**
   * The owner's connection settings (migrations, grants, bulk loads), or the service's when no
   * separate owner is configured (one user for everything: the pre-roles behaviour).
   */
  @JsonIgnore
  public synchronized DataSourceFactory ownerDataSourceFactory() {
    DataSourceFactory service = dataSourceFactory();
    return resolvedOwner != null ? resolvedOwner : service;
  }

  /** The service role's name as the database sees it. */
  @JsonIgnore public String serviceUser() { return dataSourceFactory().getUser(); }

  private static DataSourceFactory pool(String url, String user, String password, int size) {
    DataSourceFactory f = new DataSourceFactory();
    f.setDriverClass("org.postgresql.Driver");
    f.setUrl(url);
    f.setUser(user);
    f.setPassword(password);
    f.setMaxSize(size);
    f.setMinSize(1);
    f.setInitialSize(1);
    f.setProperties(new java.util.LinkedHashMap<>(java.util.Map.of("connectTimeout", "2", "ApplicationName", "rehab-tracker-owner")));
    return f;
  }

  @Override public String toString() {
    return "DatabaseConfig{url=" + (isEmbedded() ? "<embedded>" : url.replaceAll("password=[^&]*", "password=***")) + ", user=" + user
        + ", ownerUser=" + ownerUser + ", password=***}";
  }
}
