package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 items 1 and 2 on the web pages under /app: the same INSTITUTION reach and aid-account rule as the API,
 * for a designated institution in the same community that never served the child, and a town admin's forms.
 */
class ReachPagesTest {
  private static String community;
  private static String childId;
  private static String childIdNumber;
  private static String accountId;
  private static AppUser centreStaff;
  private static AppUser neighbourStaff;
  /** Another designated institution of the community, which finds the child by number (kept apart from neighbourStaff). */
  private static AppUser finderStaff;
  private static AppUser townAdmin;
  private static String clinic;

  @BeforeAll
  static void scene() {
    String town = Fixtures.town();
    community = Fixtures.community(town);
    LocalDate today = WebFixtures.today();
    String centre = Fixtures.institution(community, true, "REHAB").path("id").asText();
    String neighbour = Fixtures.institution(community, true, "REHAB").path("id").asText();
    clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    centreStaff = WebFixtures.user("INSTITUTION", UUID.fromString(centre), null, List.of());
    neighbourStaff = WebFixtures.user("INSTITUTION", UUID.fromString(neighbour), null, List.of());
    finderStaff = WebFixtures.user("INSTITUTION", UUID.fromString(Fixtures.institution(community, true, "REHAB").path("id").asText()),
        null, List.of());
    townAdmin = Fixtures.createUserDirect(Fixtures.username("web-town"), "ADMIN", null, null, List.of(), town);
    Map<String, Object> body = Fixtures.personBody(community, Category.HEARING, 2, LocalDate.of(today.getYear() - 6, 2, 2));
    body.remove("certificateNo");
    body.put("guardian", Map.of("name", "家长", "phone", "13800000000", "relation", "母亲"));
    Api.Resp child = TestApp.admin().post("/persons", body);
    assertEquals(201, child.status(), child.toString());
    childId = child.str("id");
    childIdNumber = (String) body.get("idNumber");
    Api.Resp account = TestApp.admin().post("/aid-accounts", Map.of("personId", childId, "year", today.getYear(), "category", "HEARING",
        "guardianConsent", Map.of("name", "家长", "relation", "母亲", "signedOn", today.minusDays(1).toString())));
    assertEquals(201, account.status(), account.toString());
    accountId = account.str("id");
    Api.Resp s = Fixtures.login(centreStaff).withHeader("Idempotency-Key", "web-" + UUID.randomUUID()).post("/sessions", Map.of(
        "personId", childId, "serviceType", "REHAB_TRAINING", "date", today.toString(), "durationMinutes", 45,
        "therapist", "王治疗师", "fee", "100.00", "useChildAid", true));
    assertEquals(201, s.status(), s.toString());
  }

  @Test
  void anInstitutionThatNeverServedTheChild_getsNotFound_onEveryPageOfIt() {
    WebClient n = login(neighbourStaff);
    assertEquals(404, n.get("/app/institution/persons/" + childId).status());
    assertEquals(404, n.get("/app/persons/" + childId).status());
    WebClient.Page csv = n.get("/app/aid-accounts/" + accountId + "/statement.csv");
    assertEquals(404, csv.status());
    assertTrue(csv.header("Content-Type").startsWith("text/html"), "an error page, not a file");
    n.get("/app/institution/find");
    assertEquals(404, n.post("/app/institution/persons/" + childId + "/sessions", sessionForm()).status());
    WebClient c = login(centreStaff);
    assertEquals(200, c.get("/app/institution/persons/" + childId).status());
    assertEquals(200, c.get("/app/aid-accounts/" + accountId + "/statement.csv").status());
  }

  @Test
  void findingTheChildByNumber_opensThePersonPage_butNotTheStatement() {
    WebClient n = login(finderStaff);
    assertEquals(404, n.get("/app/institution/persons/" + childId).status());
    n.get("/app/institution/find");
    WebClient.Page found = n.post("/app/institution/find", Map.of("kind", "idNumber", "number", childIdNumber));
    assertEquals(200, found.status(), found.body());
    assertEquals(200, n.get("/app/institution/persons/" + childId).status());
    assertEquals(404, n.get("/app/aid-accounts/" + accountId + "/statement.csv").status());
  }

  @Test
  void townAdmin_formsForInstitutionsDoctorsAndTheirLogins_answer403_andStoreNothing() {
    WebClient t = login(townAdmin);
    long institutions = Fixtures.count("institutions");
    long doctors = Fixtures.count("doctors");
    long users = Fixtures.count("users");
    t.get("/app/admin/institutions");
    assertEquals(403, t.post("/app/admin/institutions", Map.of("name", "镇设机构", "regionCode", community, "services", "REHAB",
        "childAidDesignated", "true")).status());
    t.get("/app/admin/doctors");
    assertEquals(403, t.post("/app/admin/doctors", Map.of("name", "镇设医生", "institutionId", clinic, "licenseNo", "W-" + UUID.randomUUID()))
        .status());
    t.get("/app/admin/users");
    assertEquals(403, t.post("/app/admin/users", Map.of("username", Fixtures.username("web-inst"), "password", Fixtures.PASSWORD,
        "role", "INSTITUTION", "displayName", "机构", "institutionId", clinic)).status());
    assertEquals(institutions, Fixtures.count("institutions"));
    assertEquals(doctors, Fixtures.count("doctors"));
    assertEquals(users, Fixtures.count("users"));
  }

  private static Map<String, String> sessionForm() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("idempotencyKey", UUID.randomUUID().toString());
    f.put("serviceType", "REHAB_TRAINING");
    f.put("date", WebFixtures.today().toString());
    f.put("durationMinutes", "45");
    f.put("therapist", "李治疗师");
    f.put("fee", "10.00");
    f.put("useChildAid", "true");
    return f;
  }

  private static WebClient login(AppUser u) { return new WebClient().login(u.username(), Fixtures.PASSWORD); }
}
