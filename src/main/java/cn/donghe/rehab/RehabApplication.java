package cn.donghe.rehab;

import cn.donghe.rehab.auth.AuditResource;
import cn.donghe.rehab.auth.AuthResource;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.auth.AuthSetup;
import cn.donghe.rehab.auth.CreateUserCommand;
import cn.donghe.rehab.auth.UserResource;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.BodySizeLimit;
import cn.donghe.rehab.common.ExceptionMappers;
import cn.donghe.rehab.common.IdNumberCipher;
import cn.donghe.rehab.common.Money;
import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.common.RequestIdFilter;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.contracts.ContractsModule;
import cn.donghe.rehab.db.Database;
import cn.donghe.rehab.db.DatabaseHealthCheck;
import cn.donghe.rehab.devices.DevicesModule;
import cn.donghe.rehab.demo.DemoData;
import cn.donghe.rehab.demo.DemoDataCommand;
import cn.donghe.rehab.registry.RegistryModule;
import cn.donghe.rehab.reports.ReportsModule;
import cn.donghe.rehab.sessions.SessionsModule;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.migrations.MigrationsBundle;
import org.jdbi.v3.core.Jdbi;

/** Wiring only: bundles, auth, mappers, feature modules. */
public class RehabApplication extends Application<RehabConfiguration> {
  private volatile AppContext context;

  public static void main(String[] args) throws Exception {
    new RehabApplication().run(args);
  }

  @Override public String getName() { return "rehab-tracker"; }

  @Override public void initialize(Bootstrap<RehabConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    configureMapper(bootstrap.getObjectMapper());
    bootstrap.addBundle(new MigrationsBundle<RehabConfiguration>() {
      // `db migrate` and friends run as the schema owner (DATABASE_OWNER_USER), never as the service role
      @Override public DataSourceFactory getDataSourceFactory(RehabConfiguration c) { return c.getDatabase().ownerDataSourceFactory(); }
      @Override public String getMigrationsFileName() { return Database.CHANGELOG; }
    });
    bootstrap.addCommand(new CreateUserCommand<>(bootstrap.getApplication(), () -> context().get(AuthService.class)));
    bootstrap.addCommand(new DemoDataCommand<>(bootstrap.getApplication(), () -> new DemoData(context())));
    bootstrap.addBundle(cn.donghe.rehab.web.WebModule.viewBundle());
    bootstrap.addBundle(cn.donghe.rehab.web.WebModule.assetsBundle());
    ExtraCommands.add(bootstrap, this::context);
  }

  public static ObjectMapper configureMapper(ObjectMapper m) {
    m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    m.registerModule(Money.jacksonModule());
    m.registerModule(Text.jacksonModule());
    m.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Boolean)
        .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    return m;
  }

  @Override public void run(RehabConfiguration config, Environment env) {
    DataSourceFactory dsf = config.getDatabase().dataSourceFactory();
    ManagedDataSource ds = dsf.build(env.metrics(), "postgresql");
    Database.prepare(config.getDatabase(), ds);
    Jdbi jdbi = Database.configure(new JdbiFactory().build(env, dsf, ds, "postgresql"), env.getObjectMapper());
    env.healthChecks().register("database", new DatabaseHealthCheck(jdbi));

    MutableClock clock = new MutableClock(config.getZone());
    AuditLog audit = new AuditLog(env.getObjectMapper(), clock);
    IdNumberCipher cipher = IdNumberCipher.fromConfig(config.getCrypto());
    AppContext ctx = new AppContext(config, env, jdbi, clock, env.getObjectMapper(), audit, cipher);

    // first of all filters: forwarding headers count only from TRUSTED_PROXIES
    env.servlets().addFilter("forwarded-headers", new cn.donghe.rehab.common.ForwardedHeadersFilter(
            cn.donghe.rehab.common.TrustedProxies.parse(config.getTrustedProxies())))
        .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/*");
    // the access log prints the path plus this redacted query (config.yml requestLog: %U%reqAttribute{logQuery})
    env.servlets().addFilter("access-log-query", new cn.donghe.rehab.common.AccessLogQuery())
        .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/*");
    env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new cn.donghe.rehab.common.ProblemErrorHandler()));
    env.jersey().register(new RequestIdFilter());
    env.jersey().register(new BodySizeLimit());
    ExceptionMappers.all().forEach(env.jersey()::register);

    AuthService auth = ctx.put(AuthService.class, new AuthService(jdbi, clock, audit, config.getAuth()));
    AuthSetup.register(env, auth);
    env.jersey().register(new AuthResource(auth));
    env.jersey().register(new UserResource(auth));
    env.lifecycle().manage(ctx.put(cn.donghe.rehab.auth.TokenPurgeJob.class,
        new cn.donghe.rehab.auth.TokenPurgeJob(jdbi, clock, config.getAuth())));
    env.jersey().register(new cn.donghe.rehab.auth.UserLifecycleResource(new cn.donghe.rehab.auth.UserLifecycle(jdbi, clock, audit, auth)));
    env.jersey().register(new AuditResource(jdbi));

    RegistryModule.register(ctx);
    cn.donghe.rehab.periods.PeriodsModule.register(ctx);
    ContractsModule.register(ctx);
    SessionsModule.register(ctx);
    cn.donghe.rehab.notifications.NotificationsModule.register(ctx);
    cn.donghe.rehab.referrals.ReferralsModule.register(ctx);
    cn.donghe.rehab.settlement.SettlementModule.register(ctx);
    DevicesModule.register(ctx);
    ReportsModule.register(ctx);
    ExtraModules.register(ctx);
    this.context = ctx;
  }

  /** For tests: the running application's context (clock, services). */
  public AppContext context() { return context; }
}
