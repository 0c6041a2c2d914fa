package cn.donghe.rehab.plans;

import static cn.donghe.rehab.contracts.ContractFixtures.activeContract;
import static cn.donghe.rehab.contracts.ContractFixtures.assertInvalid;
import static cn.donghe.rehab.contracts.ContractFixtures.assertProblem;
import static cn.donghe.rehab.contracts.ContractFixtures.planBody;
import static cn.donghe.rehab.contracts.ContractFixtures.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.contracts.ContractFixtures;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Goals with outcomes, POST /plans/{id}/review and the review-overdue worklist (DESIGN section 12). */
class PlanReviewTest {

  private static long count(String sql, String id) {
    return TestApp.jdbi().withHandle(h -> h.createQuery(sql).bind("id", UUID.fromString(id)).mapTo(Long.class).one());
  }

  private static Map<String, Object> review(LocalDate on, List<Object> goals, String notes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("on", on.toString());
    m.put("goals", goals);
    if (notes != null) m.put("notes", notes);
    return m;
  }

  private static Map<String, Object> goal(String text, String status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", text);
    m.put("status", status);
    return m;
  }

  @Test
  void goalsMayBeObjectsOrStrings_aStringStaysAString_andMeansProposed() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    Map<String, Object> body = planBody(w.rehabId());
    body.put("goals", new ArrayList<>(List.of("独立行走 50 米", goal("生活自理", "IN_PROGRESS"))));
    Api.Resp created = TestApp.admin().post("/persons/" + person + "/plans", body);
    assertEquals(201, created.status(), created.toString());
    JsonNode goals = created.get("goals");
    assertEquals("独立行走 50 米", goals.get(0).asText());
    assertEquals("生活自理", goals.get(1).path("text").asText());
    assertEquals("IN_PROGRESS", goals.get(1).path("status").asText());

    for (Object bad : List.of(goal("x", "DONE"), goal("", "PROPOSED"), Map.of("status", "ACHIEVED"), 42)) {
      Map<String, Object> b = planBody(w.rehabId());
      b.put("goals", List.of(bad));
      Api.Resp r = TestApp.admin().post("/persons/" + w.person() + "/plans", b);
      assertEquals(422, r.status(), bad + " " + r);
      assertTrue(r.toString().contains("goals[0]"), r.toString());
    }
  }

  @Test
  void review_recordsANewRevision_withOutcomes_movesTheReviewDateOn_andIsAudited() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    activeContract(person, w.doctorId());
    Map<String, Object> body = planBody(w.rehabId());
    body.put("startDate", today().minusMonths(3).toString());
    body.put("reviewDate", today().minusDays(1).toString());
    String planId = w.doctor().post("/persons/" + person + "/plans", body).str("id");

    Api.Resp r = w.doctor().post("/plans/" + planId + "/review",
        review(today(), List.of(goal("独立行走 50 米", "ACHIEVED"), goal("生活自理", "IN_PROGRESS"), "参与社区活动"), "行走目标达成"));
    assertEquals(200, r.status(), r.toString());
    assertEquals(2, r.get("revision").asInt());
    assertEquals("\"2\"", r.header("ETag"));
    assertEquals("ACHIEVED", r.get("goals").get(0).path("status").asText());
    assertEquals("参与社区活动", r.get("goals").get(2).asText());
    // the plan ran 3 months to its review date: the next review is 3 months after this one
    assertEquals(today().plusMonths(3).toString(), r.str("reviewDate"));
    assertEquals(2, r.get("interventions").size(), "interventions unchanged");

    JsonNode revs = w.doctor().get("/plans/" + planId + "/revisions").json().path("items");
    assertEquals(2, revs.size());
    assertEquals(today().toString(), revs.get(1).path("review").path("on").asText());
    assertEquals("行走目标达成", revs.get(1).path("review").path("notes").asText());
    assertTrue(revs.get(0).path("review").isNull() || revs.get(0).path("review").isMissingNode(), revs.toString());
    assertEquals(1, count("SELECT count(*) FROM audit_events WHERE entity = 'plan' AND action = 'REVIEW' AND entity_id = CAST(:id AS text)", planId));

    // an explicit next review date, with If-Match
    Map<String, Object> again = review(today(), List.of(goal("生活自理", "NOT_ACHIEVED")), null);
    again.put("nextReviewDate", today().plusMonths(1).toString());
    assertProblem(w.doctor().withHeader("If-Match", "\"1\"").post("/plans/" + planId + "/review", again), 412);
    Api.Resp second = w.doctor().withHeader("If-Match", "\"2\"").post("/plans/" + planId + "/review", again);
    assertEquals(200, second.status(), second.toString());
    assertEquals(today().plusMonths(1).toString(), second.str("reviewDate"));
  }

  @Test
  void review_badInput_is422NamingTheField_andNothingChanges() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String planId = TestApp.admin().post("/persons/" + person + "/plans", planBody(w.rehabId())).str("id");
    Map<String, Object> nextBefore = review(today(), List.of("x"), null);
    nextBefore.put("nextReviewDate", today().toString());
    List<Object[]> cases = List.of(
        new Object[] {review(today().plusDays(1), List.of("x"), null), "on"},
        new Object[] {review(today().minusYears(3), List.of("x"), null), "on"},
        new Object[] {Map.of("goals", List.of("x")), "on"},
        new Object[] {review(today(), List.of(), null), "goals"},
        new Object[] {review(today(), List.of(goal("x", "FINISHED")), null), "goals[0].status"},
        new Object[] {review(today(), List.of("x"), "长".repeat(2001)), "notes"},
        new Object[] {nextBefore, "nextReviewDate"});
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked") Map<String, Object> b = (Map<String, Object>) c[0];
      assertInvalid(TestApp.admin().post("/plans/" + planId + "/review", b), (String) c[1]);
    }
    assertProblem(TestApp.admin().post("/plans/" + planId + "/review", "{\"on\":"), 400);
    assertEquals(1, count("SELECT count(*) FROM plan_revisions WHERE plan_id = :id", planId));
    assertEquals(0, count("SELECT count(*) FROM plan_reviews WHERE plan_id = :id", planId));

    TestApp.admin().post("/plans/" + planId + "/close", null);
    assertProblem(TestApp.admin().post("/plans/" + planId + "/review", review(today(), List.of("x"), null)), 409);
  }

  @Test
  void review_whoMayCallIt_anotherDoctorOrTownAdminGets404_institutionAndGuardian403() {
    ContractFixtures.World w = ContractFixtures.world();
    ContractFixtures.World other = ContractFixtures.world();
    String person = w.person();
    activeContract(person, w.doctorId());
    String planId = w.doctor().post("/persons/" + person + "/plans", planBody(w.rehabId())).str("id");
    Map<String, Object> body = review(today(), List.of("x"), null);
    assertProblem(other.doctor().post("/plans/" + planId + "/review", body), 404);
    assertProblem(Fixtures.regionalAdmin(other.town()).post("/plans/" + planId + "/review", body), 404);
    assertProblem(Fixtures.institutionUser(w.rehabId()).post("/plans/" + planId + "/review", body), 403);
    assertProblem(Fixtures.guardianUser(person).post("/plans/" + planId + "/review", body), 403);
    assertProblem(w.doctor().post("/plans/" + UUID.randomUUID() + "/review", body), 404);
    assertEquals(1, count("SELECT count(*) FROM plan_revisions WHERE plan_id = :id", planId));
    assertEquals(200, Fixtures.regionalAdmin(w.town()).post("/plans/" + planId + "/review", body).status());
  }

  @Test
  void reviewOverdue_doctorSeesTheirContractedOnly_adminTheirRegion_othersAre403() {
    ContractFixtures.World w = ContractFixtures.world();
    ContractFixtures.World other = ContractFixtures.world();
    String overdue = w.person();
    String dueToday = w.person();
    String notMine = other.person();
    activeContract(overdue, w.doctorId());
    activeContract(dueToday, w.doctorId());
    activeContract(notMine, other.doctorId());
    String late = plan(w.doctor(), overdue, w.rehabId(), today().minusDays(1));
    String onTime = plan(w.doctor(), dueToday, w.rehabId(), today());
    String theirs = plan(other.doctor(), notMine, other.rehabId(), today().minusDays(30));

    List<String> mine = ContractFixtures.ids(w.doctor().get("/plans/worklist/review-overdue"), "planId");
    assertEquals(List.of(late), mine, "overdue = review date before today; not another doctor's");
    JsonNode row = w.doctor().get("/plans/worklist/review-overdue").get("items").get(0);
    assertEquals(overdue, row.path("personId").asText());
    assertEquals(today().minusDays(1).toString(), row.path("reviewDate").asText());
    assertEquals(1, row.path("daysOverdue").asInt());
    assertTrue(row.path("idNumber").asText().contains("************"), "masked: " + row);
    assertEquals(List.of(theirs), ContractFixtures.ids(other.doctor().get("/plans/worklist/review-overdue"), "planId"));

    List<String> town = ContractFixtures.ids(Fixtures.regionalAdmin(w.town()).get("/plans/worklist/review-overdue?limit=500"), "planId");
    assertTrue(town.contains(late) && !town.contains(onTime) && !town.contains(theirs), town.toString());
    List<String> all = ContractFixtures.ids(TestApp.admin().get("/plans/worklist/review-overdue?limit=500"), "planId");
    assertTrue(all.contains(late) && all.contains(theirs), "the district admin sees every region");

    assertProblem(Fixtures.institutionUser(w.rehabId()).get("/plans/worklist/review-overdue"), 403);
    assertProblem(Fixtures.guardianUser(overdue).get("/plans/worklist/review-overdue"), 403);
    assertProblem(TestApp.anonymous().get("/plans/worklist/review-overdue"), 401);
    assertProblem(w.doctor().get("/plans/worklist/review-overdue?limit=0"), 400);

    // reviewed: off the list
    w.doctor().post("/plans/" + late + "/review", review(today(), List.of("x"), null));
    assertFalse(ContractFixtures.ids(w.doctor().get("/plans/worklist/review-overdue"), "planId").contains(late));
  }

  private static String plan(Api doctor, String person, String inst, LocalDate reviewDate) {
    Map<String, Object> body = planBody(inst);
    body.put("startDate", reviewDate.minusMonths(2).toString());
    body.put("reviewDate", reviewDate.toString());
    Api.Resp r = doctor.post("/persons/" + person + "/plans", body);
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  /** Overdue is counted in Shanghai days with a moved clock: 1 January, 29 February and 31 December. */
  @Test
  void reviewOverdue_movedClock_1January_29February_31December() {
    MutableClock clock = TestApp.context().clock();
    ContractFixtures.World w = ContractFixtures.world();
    Api admin = Fixtures.regionalAdmin(w.town());
    try {
      // 00:30 on 1 January 2026 in Shanghai (still 31 December in UTC): a review due 31 December is one day overdue
      clock.set(Instant.parse("2025-12-31T16:30:00Z"));
      String p1 = w.person();
      String dec31 = plan(admin, p1, w.rehabId(), LocalDate.of(2025, 12, 31));
      JsonNode items = admin.get("/plans/worklist/review-overdue").get("items");
      assertEquals(1, items.size(), items.toString());
      assertEquals(dec31, items.get(0).path("planId").asText());
      assertEquals(1, items.get(0).path("daysOverdue").asInt());
      TestApp.admin().post("/plans/" + dec31 + "/close", null);

      // 29 February 2024: due 28 February is overdue by 1, due 29 February is not yet
      clock.set(Instant.parse("2024-02-29T04:00:00Z"));
      String feb28 = plan(admin, w.person(), w.rehabId(), LocalDate.of(2024, 2, 28));
      String feb29 = plan(admin, w.person(), w.rehabId(), LocalDate.of(2024, 2, 29));
      List<String> ids = ContractFixtures.ids(admin.get("/plans/worklist/review-overdue"), "planId");
      assertEquals(List.of(feb28), ids);
      // a review on 29 February of a plan that ran 1 month moves the next review to 29 March
      Api.Resp r = admin.post("/plans/" + feb28 + "/review", review(LocalDate.of(2024, 2, 29), List.of("x"), null));
      assertEquals(200, r.status(), r.toString());
      assertEquals("2024-04-29", r.str("reviewDate"), "the plan ran two months from start to review");
      TestApp.admin().post("/plans/" + feb28 + "/close", null);
      TestApp.admin().post("/plans/" + feb29 + "/close", null);

      // 23:59 on 31 December 2025 in Shanghai: due that day is not overdue, due 30 December is
      clock.set(Instant.parse("2025-12-31T15:59:00Z"));
      String dec30 = plan(admin, w.person(), w.rehabId(), LocalDate.of(2025, 12, 30));
      plan(admin, w.person(), w.rehabId(), LocalDate.of(2025, 12, 31));
      assertEquals(List.of(dec30), ContractFixtures.ids(admin.get("/plans/worklist/review-overdue"), "planId"));
    } finally {
      clock.reset();
    }
  }
}
