package cn.donghe.rehab.auth;

import static cn.donghe.rehab.common.ProblemAssert.invalid;
import static cn.donghe.rehab.common.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserApiTest {
  private static final String PW = "Good-Password-2026";

  private static Map<String, Object> user(String role, Object... more) {
    Map<String, Object> m = new HashMap<>();
    m.put("username", Fixtures.username(role.toLowerCase()));
    m.put("password", PW);
    m.put("role", role);
    m.put("displayName", "用户");
    for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
    return m;
  }

  private static Api login(Map<String, Object> u) {
    Api.Resp r = TestApp.anonymous().post("/auth/token", Map.of("username", u.get("username"), "password", PW));
    assertEquals(200, r.status(), r.toString());
    return new Api(TestApp.baseUrl(), r.str("token"));
  }

  @Test
  void eachRole_isCreatedWithItsLink_andMeShowsIt() {
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    String inst = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctor = Fixtures.doctor(inst).path("id").asText();
    String child = Fixtures.child(community, cn.donghe.rehab.registry.Category.PHYSICAL, java.time.LocalDate.of(2020, 1, 1)).path("id").asText();
    Map<String, Map<String, Object>> cases = Map.of(
        "institutionId", user("INSTITUTION", "institutionId", inst),
        "doctorId", user("DOCTOR", "doctorId", doctor),
        "regionCode", user("ADMIN", "regionCode", town));
    cases.forEach((field, body) -> {
      Api.Resp r = TestApp.admin().post("/users", body);
      assertEquals(201, r.status(), r.toString());
      assertEquals(body.get(field), login(body).get("/me").str(field));
    });
    Map<String, Object> guardian = user("GUARDIAN", "childPersonIds", List.of(child));
    assertEquals(201, TestApp.admin().post("/users", guardian).status());
    assertEquals(child, login(guardian).get("/me").get("childPersonIds").get(0).asText());
  }

  @Test
  void eachRolesRequiredAndForbiddenFields_are422_andNoUserIsStored() {
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    long before = Fixtures.count("users");
    Api admin = TestApp.admin();
    invalid(admin.post("/users", user("INSTITUTION")), "institutionId");
    invalid(admin.post("/users", user("DOCTOR")), "doctorId");
    invalid(admin.post("/users", user("GUARDIAN")), "childPersonIds");
    invalid(admin.post("/users", user("GUARDIAN", "childPersonIds", List.of())), "childPersonIds");
    invalid(admin.post("/users", user("INSTITUTION", "institutionId", inst, "regionCode", "150202000000")), "regionCode");
    invalid(admin.post("/users", user("ADMIN", "institutionId", inst)), "institutionId");
    invalid(admin.post("/users", user("INSTITUTION", "institutionId", UUID.randomUUID().toString())), "institutionId");
    invalid(admin.post("/users", user("ROOT")), "role");
    invalid(admin.post("/users", user("ADMIN", "username", "A B")), "username");
    invalid(admin.post("/users", user("ADMIN", "displayName", "")), "displayName");
    assertEquals(before, Fixtures.count("users"));
  }

  @Test
  void regionalAdmin_mayOnlyCreateUsersForTheirOwnRegion() {
    String town = Fixtures.town();
    String mine = Fixtures.community(town);
    String elsewhere = Fixtures.community();
    Api regional = Fixtures.regionalAdmin(town);
    String myInst = Fixtures.institution(mine, false, "REHAB").path("id").asText();
    String otherInst = Fixtures.institution(elsewhere, false, "REHAB").path("id").asText();
    String myChild = Fixtures.child(mine, cn.donghe.rehab.registry.Category.HEARING, java.time.LocalDate.of(2021, 2, 2)).path("id").asText();
    String otherChild = Fixtures.child(elsewhere, cn.donghe.rehab.registry.Category.HEARING, java.time.LocalDate.of(2021, 2, 2)).path("id").asText();
    long before = Fixtures.count("users");
    invalid(regional.post("/users", user("ADMIN")), "regionCode");
    invalid(regional.post("/users", user("ADMIN", "regionCode", Fixtures.town())), "regionCode");
    // INSTITUTION and DOCTOR logins are a district act (issue 15): 403 whatever the institution
    problem(403, regional.post("/users", user("INSTITUTION", "institutionId", otherInst)));
    problem(403, regional.post("/users", user("INSTITUTION", "institutionId", myInst)));
    invalid(regional.post("/users", user("GUARDIAN", "childPersonIds", List.of(otherChild))), "childPersonIds");
    assertEquals(before, Fixtures.count("users"));
    assertEquals(201, regional.post("/users", user("ADMIN", "regionCode", mine)).status());
    assertEquals(201, regional.post("/users", user("GUARDIAN", "childPersonIds", List.of(myChild))).status());
  }

  @Test
  void onlyAdminsManageUsers() {
    String inst = Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(inst);
    problem(403, staff.get("/users"));
    problem(403, staff.post("/users", user("ADMIN")));
    problem(401, TestApp.anonymous().post("/users", user("ADMIN")));
    assertEquals(200, TestApp.admin().get("/users?limit=5").status());
  }
}
