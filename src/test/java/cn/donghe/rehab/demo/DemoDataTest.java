package cn.donghe.rehab.demo;

import cn.donghe.rehab.registry.PersonInput;
import cn.donghe.rehab.registry.PersonRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.support.DemoDatabases;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the whole demo data set (registry and every feature part, at full size) into its own fresh
 * database on 2026-12-03, the day a chunk boundary once broke it, with two loaders racing, and
 * checks the seed's figures exactly.
 */
class DemoDataTest {
  private static DemoDatabases.Demo demo;
  private static AppContext ctx;
  private static final AtomicReference<DemoSeed> SEED = new AtomicReference<>();
  private static final List<Boolean> RESULTS = new ArrayList<>();
  private static long loadMillis;

  @BeforeAll
  static void loadTwiceConcurrently() throws Exception {
    // this test may run before the shared app configured logging: keep the DEBUG defaults quiet
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
    demo = DemoDatabases.create();
    ctx = demo.ctx();
    demo.clock().set(LocalDate.of(2026, 12, 3).atTime(9, 30).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
    List<DemoData.Part> parts = new ArrayList<>(DemoData.features(ctx));
    parts.add(DemoData.Part.of("capture", (h, seed) -> SEED.set(seed)));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Boolean> load = () -> new DemoData(ctx).loadOnce(parts);
      long t0 = System.nanoTime();
      Future<Boolean> a = pool.submit(load);
      Future<Boolean> b = pool.submit(load);
      RESULTS.add(a.get());
      RESULTS.add(b.get());
      loadMillis = (System.nanoTime() - t0) / 1_000_000;
    } finally {
      pool.shutdown();
    }
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    demo.close();
  }

  private static long count(String sql) {
    return ctx.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Test
  void twoConcurrentLoaders_loadExactlyOnce_andAThirdRunDoesNothing() {
    assertEquals(1, RESULTS.stream().filter(Boolean::booleanValue).count(), RESULTS.toString());
    System.out.println("DemoDataTest: the whole demo district loaded in " + loadMillis + " ms (two loaders racing)");
    long persons = count("SELECT count(*) FROM persons");
    assertEquals(false, new DemoData(ctx).loadOnce(List.of(DemoData.Part.of("again", (h, s) -> { throw new AssertionError("features loaded twice"); }))));
    assertEquals(persons, count("SELECT count(*) FROM persons"));
    assertEquals("v2", ctx.jdbi().withHandle(h -> h.createQuery("SELECT value FROM app_meta WHERE key = 'demo-data'").mapTo(String.class).one()));
    assertEquals(4, count("SELECT count(*) FROM audit_events WHERE action = 'DEMO_LOAD'"), "registry, contracts, sessions, devices");
  }

  @Test
  void theDistrictIsAlive_atFullSize() {
    assertEquals(List.of(), LivingDistrict.problems(demo, LocalDate.of(2026, 12, 3), LivingDistrict.FULL));
  }

  @Test
  void persons_matchThePlansCategoryAndGradeCountsExactly() {
    assertEquals(9_216, count("SELECT count(*) FROM persons"));
    Map<String, Long> byCategory = new java.util.HashMap<>();
    ctx.jdbi().useHandle(h -> h.createQuery("SELECT category, count(*) FROM persons GROUP BY category")
        .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> byCategory.put(e.getKey(), e.getValue())));
    assertEquals(Map.of("PHYSICAL", 5_329L, "VISUAL", 948L, "HEARING", 894L, "INTELLECTUAL", 772L, "MENTAL", 973L,
        "SPEECH", 70L, "MULTIPLE", 230L), byCategory);
    assertEquals(4_303, count("SELECT count(*) FROM persons WHERE grade IN (1, 2)"));
    assertEquals(4_913, count("SELECT count(*) FROM persons WHERE grade IN (3, 4)"));
    assertEquals(9_216, count("SELECT count(*) FROM persons WHERE certificate_enc IS NOT NULL AND status = 'ACTIVE'"));
  }

  @Test
  void everyIdAndCertificateNumber_isValidAndAgreesWithTheRecord() {
    LocalDate today = LocalDate.now(ctx.clock());
    List<String> problems = new ArrayList<>();
    ctx.jdbi().useHandle(h -> h.createQuery("SELECT name, gender, birth_date, id_number_enc, certificate_enc, category, grade, region_code, autism FROM persons")
        .map((rs, c) -> {
          String id = ctx.cipher().decrypt(rs.getBytes(4));
          String cert = ctx.cipher().decrypt(rs.getBytes(5));
          PersonInput in = new PersonInput(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), id, cert,
              rs.getString(6), rs.getInt(7), rs.getBoolean(9), rs.getString(8), null, null);
          var errors = PersonRules.validate(in, today).errors();
          return errors.isEmpty() ? null : id + " " + errors;
        }).forEach(p -> { if (p != null) problems.add(p); }));
    assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())));
    assertTrue(count("SELECT count(*) FROM persons WHERE region_code NOT IN (SELECT code FROM regions WHERE level = 'COMMUNITY')") == 0);
  }

  @Test
  void regions_areTheDistrictWithItsTwelveSubDistrictsAndTwoTowns_eachWithCommunities() {
    assertEquals("东河区", ctx.jdbi().withHandle(h -> h.createQuery("SELECT name FROM regions WHERE code = '150202000000'").mapTo(String.class).one()));
    List<String> towns = ctx.jdbi().withHandle(h -> h.createQuery(
        "SELECT name FROM regions WHERE level = 'TOWN' AND parent_code = '150202000000' ORDER BY code").mapTo(String.class).list());
    assertEquals(List.of("和平路街道", "财神庙街道", "西脑包街道", "南门外街道", "南圪洞街道", "东站街道", "回民街道", "南海街道",
        "河东街道", "铁西街道", "东兴街道", "杨圪塄街道", "河东镇", "沙尔沁镇"), towns);
    assertEquals(0, count("""
        SELECT count(*) FROM regions t WHERE t.level = 'TOWN'
          AND (SELECT count(*) FROM regions c WHERE c.parent_code = t.code AND c.level = 'COMMUNITY') NOT BETWEEN 3 AND 5"""));
    assertEquals(0, count("SELECT count(*) FROM regions WHERE level = 'COMMUNITY' AND left(code, 9) <> left(parent_code, 9)"));
    DemoSeed seed = SEED.get();
    assertEquals(14, seed.towns().size());
    assertEquals(count("SELECT count(*) FROM regions WHERE level = 'COMMUNITY'"), seed.communities().size());
    assertTrue(count("SELECT count(DISTINCT region_code) FROM persons") >= seed.communities().size() - 1);
  }

  @Test
  void children_areAgedZeroToTenInAidCategories_andAmongThe9216() {
    DemoSeed seed = SEED.get();
    assertEquals(100, seed.children().size());
    assertTrue(seed.persons().containsAll(seed.children()));
    int year = seed.today().getYear();
    String ids = "'" + String.join("','", seed.children().stream().map(UUID::toString).toList()) + "'";
    assertEquals(100, count("SELECT count(*) FROM persons WHERE id IN (" + ids + ") AND birth_date >= make_date(" + (year - 10)
        + ", 1, 1) AND birth_date < make_date(" + year + ", 1, 1)"));
    assertEquals(0, count("SELECT count(*) FROM persons WHERE id IN (" + ids + ") AND NOT (category IN ('PHYSICAL', 'INTELLECTUAL', 'HEARING') "
        + "OR (category = 'VISUAL' AND grade >= 3) OR autism)"));
    assertTrue(count("SELECT count(*) FROM persons WHERE id IN (" + ids + ") AND autism") >= 10);
    assertEquals(100, count("SELECT count(*) FROM persons WHERE id IN (" + ids + ") AND guardian IS NOT NULL"));
  }

  @Test
  void institutionsAndDoctors_coverEveryKind() {
    DemoSeed seed = SEED.get();
    assertTrue(seed.childAidInstitutions().size() >= 2);
    assertTrue(seed.deviceInstitutions().size() >= 2);
    assertTrue(seed.clinics().size() >= 3);
    assertEquals(10, seed.doctors().size());
    assertEquals(0, count("SELECT count(*) FROM doctors d JOIN institutions i ON i.id = d.institution_id WHERE NOT 'PRIMARY_CARE' = ANY(i.services)"));
    assertTrue(count("SELECT count(*) FROM institutions WHERE 'REHAB' = ANY(services) AND child_aid_designated") >= 2);
    assertTrue(count("SELECT count(*) FROM institutions WHERE 'DEVICE' = ANY(services)") >= 2);
  }

  @Test
  void everyDemoLogin_works_withItsRole() {
    AuthService auth = ctx.get(AuthService.class);
    for (DemoData.Login l : DemoData.LOGINS) {
      AuthService.TokenGrant grant = auth.login(l.username(), DemoData.DEMO_PASSWORD, "demo-test");
      assertEquals(l.role(), grant.role().name(), l.username());
      assertNotNull(SEED.get().users().get(l.username()), l.username());
    }
    var parent = auth.find(SEED.get().users().get("parent1")).orElseThrow();
    assertEquals(new java.util.HashSet<>(SEED.get().guardianChildren()), new java.util.HashSet<>(parent.childPersonIds()));
    assertEquals(2, parent.childPersonIds().size());
    assertTrue(SEED.get().children().containsAll(parent.childPersonIds()));
    var regional = auth.find(SEED.get().users().get("hedong-admin")).orElseThrow();
    assertEquals(DemoData.DEMO_TOWN, regional.regionCode());
  }
}
