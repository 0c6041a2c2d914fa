package cn.donghe.rehab.support;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.RehabApplication;
import cn.donghe.rehab.RehabConfiguration;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.childaid.AidStandardService;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.IdNumberCipher;
import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.db.Database;
import cn.donghe.rehab.devices.NotificationChannel;
import cn.donghe.rehab.devices.ReminderJob;
import cn.donghe.rehab.reports.ReportService;
import io.dropwizard.jackson.Jackson;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Databases of their own for the demo-data tests (so thousands of demo persons never meet the other
 * tests' data): one migrated template per test run, copied per database with CREATE DATABASE ...
 * TEMPLATE, and the context the demo loader needs (the services it seeds through, a movable clock).
 */
public final class DemoDatabases {
  private static String template;

  private DemoDatabases() {}

  /** A fresh, migrated database and a context on it; {@link Demo#close()} drops it. */
  public static Demo create() throws Exception {
    String name = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    synchronized (DemoDatabases.class) {
      if (template == null) {
        String t = "demo_tmpl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        exec("CREATE DATABASE " + t);
        Database.migrate(dataSource(t));
        template = t;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try { exec("DROP DATABASE IF EXISTS " + t + " WITH (FORCE)"); } catch (Exception ignored) { }
        }));
      }
      exec("CREATE DATABASE " + name + " TEMPLATE " + template);
    }
    var mapper = RehabApplication.configureMapper(Jackson.newObjectMapper());
    Jdbi jdbi = Database.configure(Jdbi.create(dataSource(name)), mapper);
    MutableClock clock = new MutableClock(ZoneId.of("Asia/Shanghai"));
    AuditLog audit = new AuditLog(mapper, clock);
    IdNumberCipher cipher = new IdNumberCipher(Map.of("d1", Base64.getDecoder().decode(IdNumberCipher.randomKey())), "d1",
        Base64.getDecoder().decode(IdNumberCipher.randomKey()));
    RehabConfiguration config = new RehabConfiguration();
    AppContext ctx = new AppContext(config, null, jdbi, clock, mapper, audit, cipher);
    ctx.put(AuthService.class, new AuthService(jdbi, clock, audit, config.getAuth()));
    ctx.put(AidStandardService.class, new AidStandardService(jdbi, audit, clock, mapper));
    ctx.put(ReminderJob.class, new ReminderJob(jdbi, clock, audit, config.getReminders(), NotificationChannel.named(config.getReminders().getChannel()),
        cn.donghe.rehab.notifications.OutboxService.inAppOnly(jdbi, clock, audit)));
    ctx.put(ReportService.class, new ReportService(jdbi, clock, config.getTargets()));
    return new Demo(name, ctx, clock);
  }

  /** One demo database with its context. */
  public record Demo(String database, AppContext ctx, MutableClock clock) implements AutoCloseable {
    public long count(String sql) {
      return ctx.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Override public void close() throws Exception {
      exec("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private static PGSimpleDataSource dataSource(String db) {
    String testUrl = TestDatabase.url();
    String query = testUrl.contains("?") ? testUrl.substring(testUrl.indexOf('?')) : "";
    String base = testUrl.contains("?") ? testUrl.substring(0, testUrl.indexOf('?')) : testUrl;
    var ds = new PGSimpleDataSource();
    ds.setUrl(base.substring(0, base.lastIndexOf('/') + 1) + db + query);
    ds.setUser(TestDatabase.user());
    ds.setPassword(TestDatabase.password());
    ds.setReWriteBatchedInserts(true);
    return ds;
  }

  private static void exec(String sql) throws Exception {
    try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
