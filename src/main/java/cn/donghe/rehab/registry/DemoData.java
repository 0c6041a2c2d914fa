package cn.donghe.rehab.registry;

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
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo data set (Donghe District, 150202): the district with its 12 sub-districts and 2 towns
 * (synthetic 12-digit codes), 3-5 communities each, 10 institutions, 10 family doctors, 9,216
 * certificate holders matching the plan's category and grade counts (100 of them children in the
 * aid programme) and a demo login per role. Loaded once: a marker row in app_meta makes a second
 * run a no-op, and a PostgreSQL advisory lock makes a concurrent second loader wait and then see it.
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
    return loadOnce(DemoData::loadFeatures);
  }

  /**
   * The registry part commits first (marker value "registry") so the feature loaders, which use
   * their own services and connections, can see it; the marker then becomes "v1". A failure in a
   * feature part is logged and leaves the marker at "registry": never load anything twice.
   */
  boolean loadOnce(BiConsumer<AppContext, DemoSeed> features) {
    return ctx.jdbi().withHandle(lock -> {
      lock.execute("SELECT pg_advisory_lock(?)", LOCK_KEY);
      try {
        if (lock.createQuery("SELECT count(*) FROM app_meta WHERE key = :k").bind("k", MARKER).mapTo(Integer.class).one() > 0) {
          return false;
        }
        long started = System.nanoTime();
        DemoSeed seed = lock.inTransaction(h -> {
          DemoSeed s = loadRegistry(h);
          h.execute("INSERT INTO app_meta (key, value) VALUES (?, 'registry')", MARKER);
          return s;
        });
        LOG.info("Demo registry data loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        try {
          features.accept(ctx, seed);
          lock.execute("UPDATE app_meta SET value = 'v1', at = now() WHERE key = ?", MARKER);
        } catch (RuntimeException e) {
          LOG.error("Demo data of a feature could not be loaded ({}); the registry part is in place. "
              + "To retry from scratch, start with an empty database.", e.toString(), e);
        }
        return true;
      } finally {
        lock.execute("SELECT pg_advisory_unlock(?)", LOCK_KEY);
      }
    });
  }

  private DemoSeed loadRegistry(Handle h) {
    LocalDate today = LocalDate.now(ctx.clock());
    Instant now = ctx.clock().instant();
    DemoRegions.Loaded regions = DemoRegions.insert(h);
    DemoInstitutions.Loaded inst = DemoInstitutions.insert(h, now);
    List<DemoPeople.Spec> specs = DemoPeople.generate(regions.communities(), today);
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
    ctx.audit().record(h, Actor.SYSTEM, "DEMO_LOAD", "demo-data", "v1", null, summary);
    return new DemoSeed(regions.communities(), inst.rehab(), inst.childAid(), inst.device(), inst.clinics(), inst.doctors(),
        List.copyOf(persons), List.copyOf(children), users.get(ADMIN_USER), DISTRICT, regions.towns(), Map.copyOf(users),
        List.copyOf(guardianChildren), today);
  }

  /** One JDBC batch; numbers encrypted and hashed exactly as the registry does for a single person. */
  private List<UUID> insertPersons(Handle h, List<DemoPeople.Spec> specs, Instant now) {
    List<Person> persons = new ArrayList<>(specs.size());
    List<PersonDao.Sealed> sealed = new ArrayList<>(specs.size());
    for (DemoPeople.Spec s : specs) {
      persons.add(new Person(Ids.newId(), s.name(), s.gender(), s.birthDate(), IdNumbers.mask(s.idNumber()),
          IdNumbers.maskCertificate(s.certificateNo()), s.category().name(), s.grade(), s.autism(), s.regionCode(), s.phone(),
          s.guardian(), "ACTIVE", null, now, now));
      sealed.add(new PersonDao.Sealed(ctx.cipher().encrypt(s.idNumber()), ctx.cipher().lookupHash(s.idNumber()),
          IdNumbers.mask(s.idNumber()), ctx.cipher().encrypt(s.certificateNo()), ctx.cipher().lookupHash(s.certificateNo()),
          IdNumbers.maskCertificate(s.certificateNo())));
    }
    new PersonDao(h, ctx.mapper()).insertAll(persons, sealed);
    return persons.stream().map(Person::id).toList();
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
