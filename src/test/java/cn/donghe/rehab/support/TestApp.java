package cn.donghe.rehab.support;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.RehabApplication;
import cn.donghe.rehab.RehabConfiguration;
import cn.donghe.rehab.common.IdNumberCipher;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.jdbi.v3.core.Jdbi;

/**
 * One running application per test JVM, on the test database migrated by the real changelog.
 * Test classes share it and keep apart by creating their own data (unique numbers and names).
 */
public final class TestApp {
  private static DropwizardTestSupport<RehabConfiguration> support;
  private static Api admin;

  private TestApp() {}

  public static synchronized DropwizardTestSupport<RehabConfiguration> support() {
    if (support == null) {
      support = new DropwizardTestSupport<>(RehabApplication.class, "config.yml",
          ConfigOverride.config("database.url", TestDatabase.url()),
          // as in production: migrations as the owner role, the service as a role that owns nothing
          ConfigOverride.config("database.ownerUser", TestDatabase.ownerUser()),
          ConfigOverride.config("database.ownerPassword", TestDatabase.rolePassword()),
          ConfigOverride.config("database.user", TestDatabase.serviceUser()),
          ConfigOverride.config("database.password", TestDatabase.rolePassword()),
          ConfigOverride.config("server.applicationConnectors[0].port", "0"),
          ConfigOverride.config("server.applicationConnectors[0].bindHost", "127.0.0.1"),
          ConfigOverride.config("server.adminConnectors[0].port", "0"),
          ConfigOverride.config("server.requestLog.appenders[0].type", "console"),
          ConfigOverride.config("crypto.encryptionKeys", "t1:" + IdNumberCipher.randomKey()),
          ConfigOverride.config("crypto.currentKeyId", "t1"),
          ConfigOverride.config("crypto.lookupKey", IdNumberCipher.randomKey()),
          ConfigOverride.config("reminders.enabled", "false"),
          // background purges would delete rows under the tests that compare table counts (AuthorizationMatrixTest
          // saw idempotency_keys 274 -> 270 once the app had run 10 minutes); their tests run them directly
          ConfigOverride.config("housekeeping", "false"),
          ConfigOverride.config("auth.purgeEvery", "0s"),
          // every test client is 127.0.0.1: the per-address login limit (default 30) would let one test's failed
          // logins refuse another's; LoginThrottleTest puts the default back and uses addresses of its own
          ConfigOverride.config("auth.maxFailedLoginsPerAddress", "100000"),
          // ForwardedHeadersTest connects from 127.0.0.2 as "the proxy"; everything else comes from 127.0.0.1
          ConfigOverride.config("trustedProxies", "127.0.0.2"),
          ConfigOverride.config("logging.level", "WARN"));
      try {
        support.before();
      } catch (Exception e) {
        throw new IllegalStateException("test application did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> support.after()));
    }
    return support;
  }

  public static String baseUrl() {
    return "http://127.0.0.1:" + support().getLocalPort();
  }

  public static int adminPort() { return support().getAdminPort(); }

  public static AppContext context() {
    return ((RehabApplication) support().getApplication()).context();
  }

  public static Jdbi jdbi() { return context().jdbi(); }

  /** A global ADMIN logged in (created once directly through the service). */
  public static synchronized Api admin() {
    if (admin == null) {
      admin = Fixtures.login(Fixtures.createUserDirect("test-admin", "ADMIN", null, null, java.util.List.of(), null));
    }
    return admin;
  }

  /** An unauthenticated client. */
  public static Api anonymous() { return new Api(baseUrl(), null); }
}
