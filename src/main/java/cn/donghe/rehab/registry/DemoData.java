package cn.donghe.rehab.registry;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.auth.AuthService;
import java.io.PrintStream;
import java.util.List;

/**
 * The demo data set (Donghe District, 150202). Loaded once: a marker row in app_meta makes a
 * second run a no-op. Feature issues extend it.
 */
public final class DemoData {
  public static final String ADMIN_USER = "admin";
  public static final String DEMO_PASSWORD = "Donghe-Demo-2026";
  private final AppContext ctx;

  public DemoData(AppContext ctx) { this.ctx = ctx; }

  /**
   * The feature parts, in dependency order, each given what the registry part created.
   * (Registry part: fill {@link DemoSeed}; then contracts, sessions, devices.)
   */
  static void loadFeatures(AppContext ctx, DemoSeed seed) {
    cn.donghe.rehab.contracts.ContractsDemo.load(ctx, seed);
    cn.donghe.rehab.sessions.SessionsDemo.load(ctx, seed);
    cn.donghe.rehab.devices.DevicesDemo.load(ctx, seed);
  }

  /** True when it loaded now, false when it was already there. */
  public boolean loadOnce() {
    return ctx.jdbi().inTransaction(h -> {
      h.execute("LOCK TABLE app_meta IN EXCLUSIVE MODE");
      if (h.createQuery("SELECT count(*) FROM app_meta WHERE key = 'demo-data'").mapTo(Integer.class).one() > 0) return false;
      h.execute("INSERT INTO regions (code, name, level) VALUES ('150202000000', '东河区', 'DISTRICT') ON CONFLICT DO NOTHING");
      ctx.get(AuthService.class).createUser(null, new AuthService.NewUser(ADMIN_USER, DEMO_PASSWORD, "ADMIN", "区残联管理员", null, null, List.of(), null));
      h.execute("INSERT INTO app_meta (key, value) VALUES ('demo-data', 'v1')");
      return true;
    });
  }

  public static void printLogins(PrintStream out) {
    out.println("Demo logins (password " + DEMO_PASSWORD + "): " + ADMIN_USER + " (ADMIN)");
  }
}
