package cn.donghe.rehab.demo;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.IdNumbers;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonBulkInsert;
import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.common.Actor;
import cn.donghe.rehab.common.Ids;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo data set (Donghe District, 150202): the district with its 12 sub-districts and 2 towns
 * (synthetic 12-digit codes), 3-5 communities each, 10 institutions, 10 family doctors, 9,216
 * certificate holders matching the plan's category and grade counts (100 of them children in the
 * aid programme) and a demo login per role, with contracts, assessments, plans, sessions, aid
 * accounts and device services that make a living district on whatever day it is loaded. Loaded
 * once and all or nothing (one transaction): a marker row in app_meta makes a second run a no-op,
 * and a PostgreSQL advisory lock makes a concurrent second loader wait and then see it.
 */
public final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  public static final String ADMIN_USER = "admin";
  public static final String DEMO_PASSWORD = "Donghe-Demo-2026";
  public static final String DISTRICT = "150202000000";
  /** The town of the regional demo admin (河东镇). */
  public static final String DEMO_TOWN = "150202100000";
  /** pg_advisory_lock key serialising demo loaders ("DEMODATA" in ASCII). */
  static final long LOCK_KEY = 0x44454D4F44415441L;
  static final String MARKER = "demo-data";

  /** A demo login and what it shows. */
  public record Login(String username, String role, String description) {}

  public static final List<Login> LOGINS = List.of(
      new Login(ADMIN_USER, "ADMIN", "区残联管理员 district federation admin (whole district, full ID numbers)"),
      new Login("hedong-admin", "ADMIN", "河东镇残联 regional admin, limited to 河东镇 " + DEMO_TOWN),
      new Login("rehab1", "INSTITUTION", "东河区启航儿童康复中心 rehab institution, child-aid designated"),
      new Login("device1", "INSTITUTION", "东河区辅助器具服务中心 assistive-device service centre"),
      new Login("clinic1", "INSTITUTION", "和平路街道社区卫生服务中心 primary-care clinic"),
      new Login("doctor1", "DOCTOR", "家庭医生 family doctor at 和平路街道社区卫生服务中心"),
      new Login("parent1", "GUARDIAN", "家长 guardian of two demo children"));

  private final AppContext ctx;
  private final int divisor;

  /** The demo district at full size (9,216 persons). */
  public DemoData(AppContext ctx) { this(ctx, 1); }

  /**
   * The demo district with every category and grade count divided by {@code divisor} (the 100
   * aid-programme children stay): the same code path at a smaller size, for tests over many dates.
   */
  public DemoData(AppContext ctx, int divisor) {
    if (divisor < 1 || divisor > 16) throw new IllegalArgumentException("divisor 1..16");
    this.ctx = ctx;
    this.divisor = divisor;
  }

  /** One feature's part of the demo data, written on the loader's handle (inside its one transaction). */
  public interface Part {
    String name();

    void load(Handle h, DemoSeed seed);

    static Part of(String name, java.util.function.BiConsumer<Handle, DemoSeed> load) {
      return new Part() {
        @Override public String name() { return name; }
        @Override public void load(Handle h, DemoSeed seed) { load.accept(h, seed); }
      };
    }
  }

  /** A part of the demo data could not be loaded; nothing of the demo was stored. */
  public static final class LoadFailed extends RuntimeException {
    private final String part;

    LoadFailed(String part, Throwable cause) {
      super("demo data NOT loaded: the '" + part + "' part failed (" + rootMessage(cause) + "); nothing was stored", cause);
      this.part = part;
    }

    public String part() { return part; }

    private static String rootMessage(Throwable t) {
      Throwable r = t;
      while (r.getCause() != null && r.getCause() != r) r = r.getCause();
      String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
      return m.lines().findFirst().orElse(m).strip();
    }
  }

  /** The feature parts, in dependency order, each given what the registry part created. */
  static List<Part> features(AppContext ctx) {
    return List.of(
        Part.of("contracts", (h, seed) -> ContractsDemo.load(ctx, h, seed)),
        Part.of("sessions", (h, seed) -> SessionsDemo.load(ctx, h, seed)),
        Part.of("devices", (h, seed) -> DevicesDemo.load(ctx, h, seed)));
  }

  /** True when it loaded now, false when it was already there; {@link LoadFailed} when a part failed (nothing stored). */
  public boolean loadOnce() {
    return loadOnce(features(ctx));
  }

  /**
   * Loads the registry part and then every feature part in ONE transaction: either the whole demo
   * district is there afterwards (marker "v2") or nothing of it is. A transaction-scoped advisory
   * lock makes a concurrent second loader wait, and then see the marker and do nothing.
   */
  boolean loadOnce(List<Part> features) {
    return ctx.jdbi().inTransaction(h -> {
      h.execute("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
      String marker = h.createQuery("SELECT value FROM app_meta WHERE key = :k").bind("k", MARKER).mapTo(String.class).findOne().orElse(null);
      if ("registry".equals(marker)) {
        throw new LoadFailed("registry", new IllegalStateException("an earlier version left an incomplete demo data set in this database "
            + "(registry part only); start with an empty database (e.g. delete data/) to load it again"));
      }
      if (marker != null) return false;
      long started = System.nanoTime();
      DemoSeed seed;
      try {
        seed = loadRegistry(h);
      } catch (RuntimeException e) {
        throw new LoadFailed("registry", e);
      }
      for (Part part : features) {
        try {
          part.load(h, seed);
        } catch (LoadFailed e) {
          throw e;
        } catch (RuntimeException e) {
          throw new LoadFailed(part.name(), e);
        }
      }
      h.execute("INSERT INTO app_meta (key, value) VALUES (?, 'v2')", MARKER);
      LOG.info("Demo data loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
      return true;
    });
  }

  private DemoSeed loadRegistry(Handle h) {
    LocalDate today = LocalDate.now(ctx.clock());
    Instant now = ctx.clock().instant();
    DemoRegions.Loaded regions = DemoRegions.insert(h);
    DemoInstitutions.Loaded inst = DemoInstitutions.insert(h, now);
    List<DemoPeople.Spec> specs = DemoPeople.generate(regions.communities(), today, divisor);
    List<UUID> persons = insertPersons(h, specs, now);
    List<UUID> children = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) if (specs.get(i).child()) children.add(persons.get(i));
    List<UUID> guardianChildren = children.subList(0, 2);

    AuthService auth = ctx.get(AuthService.class);
    Map<String, UUID> users = new LinkedHashMap<>();
    user(h, auth, users, ADMIN_USER, "ADMIN", "区残联管理员", null, null, List.of(), null);
    user(h, auth, users, "hedong-admin", "ADMIN", "河东镇残联管理员", null, null, List.of(), DEMO_TOWN);
    user(h, auth, users, "rehab1", "INSTITUTION", "启航儿童康复中心前台", inst.rehab().get(0), null, List.of(), null);
    user(h, auth, users, "device1", "INSTITUTION", "辅助器具服务中心前台", inst.device().get(0), null, List.of(), null);
    user(h, auth, users, "clinic1", "INSTITUTION", "和平路社区卫生服务中心前台", inst.clinics().get(0), null, List.of(), null);
    user(h, auth, users, "doctor1", "DOCTOR", inst.doctorNames().get(0) + "医生", null, inst.doctors().get(0), List.of(), null);
    user(h, auth, users, "parent1", "GUARDIAN", specs.get(0).guardian().name(), null, null, guardianChildren, null);

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("regions", regions.count());
    summary.put("institutions", inst.all().size());
    summary.put("doctors", inst.doctors().size());
    summary.put("persons", persons.size());
    summary.put("children", children.size());
    summary.put("users", users.keySet());
    ctx.audit().record(h, Actor.SYSTEM, "DEMO_LOAD", "demo-data", "v2", null, summary);
    return new DemoSeed(regions.communities(), inst.rehab(), inst.childAid(), inst.device(), inst.clinics(), inst.doctors(),
        List.copyOf(persons), List.copyOf(children), users.get(ADMIN_USER), DISTRICT, regions.towns(), Map.copyOf(users),
        List.copyOf(guardianChildren), today);
  }

  /** One JDBC batch; numbers encrypted and hashed exactly as the registry does for a single person. */
  private List<UUID> insertPersons(Handle h, List<DemoPeople.Spec> specs, Instant now) {
    List<PersonBulkInsert.Row> rows = new ArrayList<>(specs.size());
    for (DemoPeople.Spec s : specs) {
      rows.add(new PersonBulkInsert.Row(new Person(Ids.newId(), s.name(), s.gender(), s.birthDate(), IdNumbers.mask(s.idNumber()),
          IdNumbers.maskCertificate(s.certificateNo()), s.category().name(), s.grade(), s.autism(), s.regionCode(), s.phone(),
          s.guardian(), "ACTIVE", null, now, now), s.idNumber(), s.certificateNo()));
    }
    PersonBulkInsert.insertAll(h, ctx.mapper(), ctx.cipher(), rows);
    return rows.stream().map(r -> r.person().id()).toList();
  }

  private static void user(Handle h, AuthService auth, Map<String, UUID> users, String username, String role, String displayName,
                           UUID institutionId, UUID doctorId, List<UUID> children, String region) {
    AppUser u = auth.createUser(h, null, new AuthService.NewUser(username, DEMO_PASSWORD, role, displayName, institutionId, doctorId,
        children, region));
    users.put(username, u.id());
  }

  /** Category and grade counts the demo persons must have (the plan's figures). */
  public static Map<Category, Integer> expectedCategoryCounts() { return new EnumMap<>(DemoPeople.CATEGORY_COUNTS); }

  public static void printLogins(PrintStream out) {
    out.println("Demo logins (password " + DEMO_PASSWORD + "):");
    for (Login l : LOGINS) out.printf("  %-13s %-12s %s%n", l.username(), l.role(), l.description());
  }
}
