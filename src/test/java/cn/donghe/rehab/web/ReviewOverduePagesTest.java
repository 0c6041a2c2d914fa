package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.contracts.ContractFixtures;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The review-overdue page: a doctor sees their contracted persons' overdue plans, an admin their region; others 403. */
class ReviewOverduePagesTest {

  private static WebClient login(AppUser u) { return new WebClient().login(u.username(), Fixtures.PASSWORD); }

  private static JsonNode overduePlan(ContractFixtures.World w) {
    String person = w.person();
    ContractFixtures.activeContract(person, w.doctorId());
    Map<String, Object> body = ContractFixtures.planBody(w.rehabId());
    body.put("startDate", ContractFixtures.today().minusMonths(4).toString());
    body.put("reviewDate", ContractFixtures.today().minusDays(3).toString());
    Api.Resp r = w.doctor().post("/persons/" + person + "/plans", body);
    assertEquals(201, r.status(), r.toString());
    return r.json();
  }

  @Test
  void doctorAndAdmin_seeTheirOverduePlans_othersAreRefused() {
    ContractFixtures.World w = ContractFixtures.world();
    ContractFixtures.World other = ContractFixtures.world();
    JsonNode mine = overduePlan(w);
    overduePlan(other);
    String myName = ContractFixtures.ids(w.doctor().get("/plans/worklist/review-overdue"), "name").get(0);
    String theirName = ContractFixtures.ids(other.doctor().get("/plans/worklist/review-overdue"), "name").get(0);

    AppUser doctor = WebFixtures.user("DOCTOR", null, UUID.fromString(w.doctorId()), List.of());
    WebClient.Page p = login(doctor).get("/app/plans/review-overdue");
    assertEquals(200, p.status(), p.toString());
    assertTrue(p.body().contains(myName) && p.body().contains("/app/doctor/persons/" + mine.path("personId").asText()), p.body());
    assertTrue(p.body().contains("已逾期"), "the days overdue column");
    assertFalse(p.body().contains(theirName), "never another doctor's person");
    assertTrue(p.body().contains("/app/plans/review-overdue"), "in the doctor's menu");

    AppUser townAdmin = Fixtures.createUserDirect(Fixtures.username("web-overdue"), "ADMIN", null, null, List.of(), w.town());
    WebClient.Page a = login(townAdmin).get("/app/plans/review-overdue");
    assertEquals(200, a.status(), a.toString());
    assertTrue(a.body().contains(myName) && a.body().contains("/app/persons/" + mine.path("personId").asText()), a.body());
    assertFalse(a.body().contains(theirName), "never another town's person");

    AppUser staff = WebFixtures.user("INSTITUTION", UUID.fromString(w.rehabId()), null, List.of());
    WebClient.Page refused = login(staff).get("/app/plans/review-overdue");
    assertEquals(403, refused.status(), refused.toString());
    assertFalse(refused.body().contains(myName));
    WebClient.Page anonymous = new WebClient().get("/app/plans/review-overdue");
    assertEquals(303, anonymous.status(), anonymous.toString());
  }
}
