package cn.donghe.rehab.support;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.IdNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds test data through the real API (or the real services): regions, institutions, doctors,
 * persons with valid unique ID numbers, users of every role. Every call makes new, unique data.
 */
public final class Fixtures {
  public static final String PASSWORD = "Test-Password-2026!";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final AtomicInteger TOWN = new AtomicInteger(100);
  private static final String DISTRICT = "150202000000";

  private Fixtures() {}

  public static int next() { return SEQ.incrementAndGet(); }

  /** A unique username. */
  public static String username(String prefix) { return prefix + "-" + next() + "-" + UUID.randomUUID().toString().substring(0, 6); }

  public static AppUser createUserDirect(String username, String role, UUID institutionId, UUID doctorId, List<UUID> children, String region) {
    return TestApp.context().get(AuthService.class).createUser(null,
        new AuthService.NewUser(username, PASSWORD, role, username, institutionId, doctorId, children, region));
  }

  public static Api login(AppUser u) {
    Api.Resp r = TestApp.anonymous().post("/auth/token", Map.of("username", u.username(), "password", PASSWORD));
    if (r.status() != 200) throw new IllegalStateException("login failed: " + r);
    return new Api(TestApp.baseUrl(), r.str("token"));
  }

  /** The district region (created once). */
  public static synchronized String district() {
    TestApp.admin().post("/regions", Map.of("code", DISTRICT, "name", "东河区", "level", "DISTRICT"));
    return DISTRICT;
  }

  /** A new town under the district. */
  public static String town() {
    district();
    String code = "150202" + String.format("%03d", TOWN.incrementAndGet() % 1000) + "000";
    Api.Resp r = TestApp.admin().post("/regions", Map.of("code", code, "name", "测试街道" + code.substring(6, 9), "level", "TOWN", "parentCode", DISTRICT));
    if (r.status() != 201 && r.status() != 409) throw new IllegalStateException(r.toString());
    return code;
  }

  /** A new community in a new town. */
  public static String community() { return community(town()); }

  public static String community(String town) {
    String code = town.substring(0, 9) + String.format("%03d", 1 + next() % 999);
    Api.Resp r = TestApp.admin().post("/regions", Map.of("code", code, "name", "测试社区" + code.substring(9), "level", "COMMUNITY", "parentCode", town));
    if (r.status() != 201 && r.status() != 409) throw new IllegalStateException(r.toString());
    return code;
  }

  public static JsonNode institution(String region, boolean childAid, String... services) {
    Api.Resp r = TestApp.admin().post("/institutions", Map.of("name", "测试机构" + next(), "regionCode", region,
        "services", List.of(services), "childAidDesignated", childAid));
    if (r.status() != 201) throw new IllegalStateException(r.toString());
    return r.json();
  }

  public static JsonNode doctor(String institutionId) {
    Api.Resp r = TestApp.admin().post("/doctors", Map.of("name", "医生" + next(), "institutionId", institutionId, "licenseNo", "LIC-" + UUID.randomUUID()));
    if (r.status() != 201) throw new IllegalStateException(r.toString());
    return r.json();
  }

  /** A valid, unique ID number for this birth date and gender. */
  public static String idNumber(LocalDate birth, String gender) {
    int n = next();
    String area = String.format("%06d", 110000 + (n / 400) % 880000);
    int seq = (n % 400) * 2 + (gender.equals("M") ? 1 : 0);
    return IdNumbers.build(area, birth, seq);
  }

  /** Fields of a valid adult person in the given community; callers may change any. */
  public static Map<String, Object> personBody(String community, Category category, int grade, LocalDate birth) {
    String gender = next() % 2 == 0 ? "F" : "M";
    String id = idNumber(birth, gender);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "测试人员" + next());
    m.put("gender", gender);
    m.put("birthDate", birth.toString());
    m.put("idNumber", id);
    m.put("certificateNo", IdNumbers.certificate(id, category, grade));
    m.put("category", category.name());
    m.put("grade", grade);
    m.put("autism", false);
    m.put("regionCode", community);
    return m;
  }

  public static JsonNode person(String community, Category category, int grade, LocalDate birth) {
    Api.Resp r = TestApp.admin().post("/persons", personBody(community, category, grade, birth));
    if (r.status() != 201) throw new IllegalStateException(r.toString());
    return r.json();
  }

  public static JsonNode person(String community) {
    return person(community, Category.PHYSICAL, 2, LocalDate.of(1980, 5, 17));
  }

  /** A child (no certificate) enrolled on a diagnosis. */
  public static JsonNode child(String community, Category category, LocalDate birth) {
    Map<String, Object> m = personBody(community, category, 2, birth);
    m.remove("certificateNo");
    m.put("guardian", Map.of("name", "家长" + next(), "phone", "13800000000", "relation", "母亲"));
    Api.Resp r = TestApp.admin().post("/persons", m);
    if (r.status() != 201) throw new IllegalStateException(r.toString());
    return r.json();
  }

  public static Api institutionUser(String institutionId) {
    return login(createUserDirect(username("inst"), "INSTITUTION", UUID.fromString(institutionId), null, List.of(), null));
  }

  public static Api doctorUser(String doctorId) {
    return login(createUserDirect(username("doc"), "DOCTOR", null, UUID.fromString(doctorId), List.of(), null));
  }

  public static Api guardianUser(String... childIds) {
    List<UUID> ids = new ArrayList<>();
    for (String c : childIds) ids.add(UUID.fromString(c));
    return login(createUserDirect(username("guard"), "GUARDIAN", null, null, ids, null));
  }

  public static Api regionalAdmin(String regionCode) {
    return login(createUserDirect(username("radmin"), "ADMIN", null, null, List.of(), regionCode));
  }

  /** Row count of a table (to prove refusals changed nothing). */
  public static long count(String table) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }
}
