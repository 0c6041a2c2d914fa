package cn.donghe.rehab.web;

import static cn.donghe.rehab.support.Spreadsheets.FORMULA;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.Spreadsheets;
import cn.donghe.rehab.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Formula injection in the web pages' downloads: the admin worklist export and the guardian's statement.csv. */
class FormulaSafeDownloadsTest {
  private static List<List<String>> csv(WebClient.Page p) {
    assertEquals(200, p.status(), p.toString());
    return Spreadsheets.csv(p.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void adminWorklistExport_andGuardianStatement_writeHostileNamesAsText() {
    int year = WebFixtures.today().getYear();
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    Map<String, Object> body = Fixtures.personBody(community, Category.PHYSICAL, 2, LocalDate.of(1981, 2, 3));
    body.put("name", FORMULA);
    Api.Resp p = TestApp.admin().post("/persons", body);
    assertEquals(201, p.status(), p.toString());
    Api.Resp a = TestApp.admin().put("/persons/" + p.str("id") + "/assessments/" + year,
        Map.of("assessedOn", WebFixtures.today().toString(), "rehabNeeds", List.of("REHAB_TRAINING"), "deviceNeeds", List.of()));
    assertEquals(true, a.status() == 200 || a.status() == 201, a.toString());
    AppUser admin = WebFixtures.user("ADMIN", null, null, List.of());
    WebClient web = new WebClient().login(admin.username(), Fixtures.PASSWORD);
    List<List<String>> worklist = csv(web.get("/app/admin/worklist/export?code=REHAB_SERVICE_RATE&year=" + year + "&regionCode=" + town + "&format=csv"));
    Spreadsheets.assertNoLiveFormula(worklist, "web worklist export");
    Spreadsheets.assertDefused(worklist, "web worklist export");

    Api.Resp inst = TestApp.admin().post("/institutions", Map.of("name", FORMULA, "regionCode", community, "services", List.of("REHAB"),
        "childAidDesignated", true));
    assertEquals(201, inst.status(), inst.toString());
    Map<String, Object> child = Fixtures.personBody(community, Category.HEARING, 2, LocalDate.of(year - 5, 6, 15));
    child.remove("certificateNo");
    child.put("guardian", Map.of("name", "家长", "phone", "13800000000", "relation", "母亲"));
    String childId = TestApp.admin().post("/persons", child).str("id");
    Api.Resp acc = TestApp.admin().post("/aid-accounts", Map.of("personId", childId, "year", year, "category", "HEARING",
        "guardianConsent", Map.of("name", "家长", "relation", "母亲", "signedOn", WebFixtures.today().minusDays(1).toString())));
    assertEquals(201, acc.status(), acc.toString());
    Api staff = Fixtures.institutionUser(inst.str("id"));
    Api.Resp s = staff.withHeader("Idempotency-Key", "web-" + UUID.randomUUID()).post("/sessions", Map.of("personId", childId,
        "serviceType", "REHAB_TRAINING", "date", WebFixtures.today().toString(), "durationMinutes", 45, "therapist", "王治疗师",
        "fee", "300.00", "useChildAid", true));
    assertEquals(201, s.status(), s.toString());
    AppUser guardian = WebFixtures.user("GUARDIAN", null, null, List.of(UUID.fromString(childId)));
    WebClient parent = new WebClient().login(guardian.username(), Fixtures.PASSWORD);
    List<List<String>> statement = csv(parent.get("/app/aid-accounts/" + acc.str("id") + "/statement.csv"));
    Spreadsheets.assertNoLiveFormula(statement, "guardian statement.csv");
    Spreadsheets.assertDefused(statement, "guardian statement.csv");
  }
}
