package cn.donghe.rehab.plans;

import static cn.donghe.rehab.contracts.ContractFixtures.activeContract;
import static cn.donghe.rehab.contracts.ContractFixtures.assertInvalid;
import static cn.donghe.rehab.contracts.ContractFixtures.assertProblem;
import static cn.donghe.rehab.contracts.ContractFixtures.intervention;
import static cn.donghe.rehab.contracts.ContractFixtures.planBody;
import static cn.donghe.rehab.contracts.ContractFixtures.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.contracts.ContractFixtures;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PlanApiTest {
  private static long count(String sql, String id) {
    return TestApp.jdbi().withHandle(h -> h.createQuery(sql).bind("id", UUID.fromString(id)).mapTo(Long.class).one());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> body, String key) { return (List<Object>) body.get(key); }

  @Test
  void create_read_revise_withIfMatch_thenHistoryAndDiff() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    activeContract(person, w.doctorId());
    Map<String, Object> body = planBody(w.rehabId());
    Api.Resp created = w.doctor().post("/persons/" + person + "/plans", body);
    assertEquals(201, created.status(), created.toString());
    assertEquals("\"1\"", created.header("ETag"));
    assertEquals(1, created.get("revision").asInt());
    assertEquals("ACTIVE", created.str("status"));
    String planId = created.str("id");
    assertTrue(created.header("Location").endsWith("/plans/" + planId));

    Api.Resp current = w.doctor().get("/persons/" + person + "/plan");
    assertEquals(200, current.status());
    assertEquals("\"1\"", current.header("ETag"));
    assertEquals(planId, current.str("id"));
    assertEquals("独立行走 50 米", current.get("goals").get(0).asText());
    assertEquals(w.rehabId(), current.get("interventions").get(0).path("institutionId").asText());

    list(body, "goals").set(1, "能独立穿衣");
    list(body, "goals").add("参与社区活动");
    ((Map<String, Object>) list(body, "interventions").get(0)).put("sessionsPerMonth", 12);
    Api.Resp missing = w.doctor().put("/plans/" + planId, body);
    assertProblem(missing, 428);
    Api.Resp stale = w.doctor().withHeader("If-Match", "\"7\"").put("/plans/" + planId, body);
    assertProblem(stale, 412);
    assertEquals("\"1\"", stale.header("ETag"));
    assertProblem(w.doctor().withHeader("If-Match", "*").put("/plans/" + planId, body), 428);
    assertEquals(1, count("SELECT count(*) FROM plan_revisions WHERE plan_id = :id", planId));

    Api.Resp revised = w.doctor().withHeader("If-Match", "\"1\"").put("/plans/" + planId, body);
    assertEquals(200, revised.status(), revised.toString());
    assertEquals("\"2\"", revised.header("ETag"));
    assertEquals(2, revised.get("revision").asInt());
    // The old ETag is now stale.
    assertProblem(TestApp.admin().withHeader("If-Match", "\"1\"").put("/plans/" + planId, body), 412);
    ((Map<String, Object>) list(body, "interventions").get(1)).put("setting", "COMMUNITY");
    Api.Resp third = TestApp.admin().withHeader("If-Match", "\"2\"").put("/plans/" + planId, body);
    assertEquals("\"3\"", third.header("ETag"));

    Api.Resp revs = w.doctor().get("/plans/" + planId + "/revisions");
    assertEquals(200, revs.status(), revs.toString());
    assertEquals(3, revs.get("items").size());
    JsonNode r1 = revs.get("items").get(0);
    assertEquals(1, r1.path("revision").asInt());
    assertEquals("DOCTOR", r1.path("authorRole").asText());
    assertNotNull(r1.path("authorId").asText(null));
    assertNotNull(r1.path("createdAt").asText(null));
    assertEquals("生活自理", r1.path("content").path("goals").get(1).asText());
    assertEquals(8, r1.path("content").path("interventions").get(0).path("sessionsPerMonth").asInt());
    assertEquals("ADMIN", revs.get("items").get(2).path("authorRole").asText());

    Api.Resp diff = w.doctor().get("/plans/" + planId + "/revisions?diff=true");
    assertEquals(200, diff.status(), diff.toString());
    assertEquals(2, diff.get("items").size());
    JsonNode d2 = diff.get("items").get(0);
    assertEquals(2, d2.path("revision").asInt());
    assertEquals(1, d2.path("previousRevision").asInt());
    Map<String, JsonNode> changes = new java.util.LinkedHashMap<>();
    d2.path("changes").forEach(c -> changes.put(c.path("path").asText(), c));
    assertEquals(List.of("goals[1]", "goals[2]", "interventions[0].sessionsPerMonth"), new ArrayList<>(changes.keySet()));
    assertEquals("生活自理", changes.get("goals[1]").path("before").asText());
    assertEquals("能独立穿衣", changes.get("goals[1]").path("after").asText());
    assertTrue(changes.get("goals[2]").path("before").isNull());
    assertEquals(12, changes.get("interventions[0].sessionsPerMonth").path("after").asInt());
    JsonNode d3 = diff.get("items").get(1);
    assertEquals("interventions[1].setting", d3.path("changes").get(0).path("path").asText());
    assertEquals("HOME", d3.path("changes").get(0).path("before").asText());
    assertProblem(w.doctor().get("/plans/" + planId + "/revisions?diff=maybe"), 400);

    long audits = count("SELECT count(*) FROM audit_events WHERE entity = 'plan' AND entity_id = CAST(:id AS text)", planId);
    assertEquals(3, audits);
  }

  @Test
  void onlyOneActivePlan_closeThenNewPlan_closedPlanCannotChange() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    Api admin = TestApp.admin();
    String first = admin.post("/persons/" + person + "/plans", planBody(w.rehabId())).str("id");
    Api.Resp dup = admin.post("/persons/" + person + "/plans", planBody(w.rehabId()));
    assertProblem(dup, 409);
    assertEquals(first, dup.get("existingPlanId").asText());

    Api.Resp closed = admin.post("/plans/" + first + "/close", null);
    assertEquals(200, closed.status(), closed.toString());
    assertEquals("CLOSED", closed.str("status"));
    assertNotNull(closed.str("closedAt"));
    assertProblem(admin.post("/plans/" + first + "/close", Map.of("reason", "再次")), 409);
    assertProblem(admin.withHeader("If-Match", "\"1\"").put("/plans/" + first, planBody(w.rehabId())), 409);
    assertProblem(admin.get("/persons/" + person + "/plan"), 404);

    Api.Resp second = admin.post("/persons/" + person + "/plans", planBody(w.rehabId()));
    assertEquals(201, second.status(), second.toString());
    Api.Resp closeWithReason = admin.post("/plans/" + second.str("id") + "/close", Map.of("reason", "目标达成"));
    assertEquals("目标达成", closeWithReason.str("closeReason"));
    Api.Resp all = admin.get("/persons/" + person + "/plans");
    assertEquals(2, all.get("items").size());
    assertProblem(admin.post("/plans/" + second.str("id") + "/close", "{\"reason\":"), 400);
  }

  @Test
  void concurrentPlanCreates_exactlyOneWins() throws Exception {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    int n = 6;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Api.Resp>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fs.add(pool.submit(() -> {
          go.await();
          return TestApp.admin().post("/persons/" + person + "/plans", planBody(w.rehabId()));
        }));
      }
      go.countDown();
      int created = 0;
      for (Future<Api.Resp> f : fs) {
        Api.Resp r = f.get();
        if (r.status() == 201) created++;
        else assertProblem(r, 409);
      }
      assertEquals(1, created);
      assertEquals(1, count("SELECT count(*) FROM plans WHERE person_id = :id", person));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentRevisionsWithTheSameETag_exactlyOneWins() throws Exception {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String planId = TestApp.admin().post("/persons/" + person + "/plans", planBody(w.rehabId())).str("id");
    int n = 6;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Api.Resp>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Map<String, Object> body = planBody(w.rehabId());
        list(body, "goals").add("目标 " + i);
        fs.add(pool.submit(() -> {
          go.await();
          return TestApp.admin().withHeader("If-Match", "\"1\"").put("/plans/" + planId, body);
        }));
      }
      go.countDown();
      int ok = 0;
      for (Future<Api.Resp> f : fs) {
        Api.Resp r = f.get();
        if (r.status() == 200) ok++;
        else assertProblem(r, 412);
      }
      assertEquals(1, ok);
      assertEquals(2, count("SELECT count(*) FROM plan_revisions WHERE plan_id = :id", planId));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyValidationRule_is422NamingTheField_andStoresNothing() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String clinicOnly = w.clinicId();
    String deviceShop = Fixtures.institution(w.community(), false, "DEVICE").path("id").asText();
    record Case(String field, Consumer<Map<String, Object>> change) {}
    Consumer<Map<String, Object>> noop = b -> { };
    List<Case> cases = List.of(
        new Case("goals", b -> b.remove("goals")),
        new Case("goals", b -> b.put("goals", List.of())),
        new Case("goals[0]", b -> b.put("goals", List.of(" "))),
        new Case("goals[0]", b -> b.put("goals", List.of("x".repeat(501)))),
        new Case("goals[0]", b -> b.put("goals", List.of("bad\u0007char"))),
        new Case("goals", b -> {
          List<String> many = new ArrayList<>();
          for (int i = 0; i < 21; i++) many.add("目标" + i);
          b.put("goals", many);
        }),
        new Case("interventions", b -> b.remove("interventions")),
        new Case("interventions", b -> b.put("interventions", List.of())),
        new Case("interventions[0].serviceType", b -> iv(b, 0).put("serviceType", "MASSAGE")),
        new Case("interventions[0].serviceType", b -> iv(b, 0).remove("serviceType")),
        new Case("interventions[1].setting", b -> iv(b, 1).put("setting", "ONLINE")),
        new Case("interventions[1].setting", b -> iv(b, 1).remove("setting")),
        new Case("interventions[0].sessionsPerMonth", b -> iv(b, 0).put("sessionsPerMonth", 0)),
        new Case("interventions[0].sessionsPerMonth", b -> iv(b, 0).put("sessionsPerMonth", 32)),
        new Case("interventions[0].sessionsPerMonth", b -> iv(b, 0).remove("sessionsPerMonth")),
        new Case("interventions[0].sessionsPerMonth", b -> iv(b, 0).put("sessionsPerMonth", "many")),
        new Case("interventions[0].institutionId", b -> iv(b, 0).remove("institutionId")),
        new Case("interventions[0].institutionId", b -> iv(b, 0).put("institutionId", UUID.randomUUID().toString())),
        new Case("interventions[0].institutionId", b -> iv(b, 0).put("institutionId", "nope")),
        new Case("interventions[0].institutionId", b -> iv(b, 0).put("institutionId", clinicOnly)),
        new Case("interventions[1].notes", b -> iv(b, 1).put("notes", "n".repeat(1001))),
        new Case("startDate", b -> b.remove("startDate")),
        new Case("startDate", b -> b.put("startDate", "2025-02-29")),
        new Case("startDate", b -> b.put("startDate", today().plusYears(1).plusDays(1).toString())),
        new Case("startDate", b -> b.put("startDate", "1980-01-01")),
        new Case("reviewDate", b -> b.remove("reviewDate")),
        new Case("reviewDate", b -> b.put("reviewDate", today().minusDays(1).toString())),
        new Case("reviewDate", b -> b.put("reviewDate", today().plusYears(3).plusDays(1).toString())));
    long plans = Fixtures.count("plans");
    long revisions = Fixtures.count("plan_revisions");
    for (Case c : cases) {
      Map<String, Object> body = planBody(w.rehabId());
      c.change().accept(body);
      assertInvalid(TestApp.admin().post("/persons/" + person + "/plans", body), c.field());
    }
    assertEquals(plans, Fixtures.count("plans"));
    assertEquals(revisions, Fixtures.count("plan_revisions"));

    // A DEVICE institution may deliver an intervention; the same rules apply to revisions.
    Map<String, Object> ok = planBody(deviceShop);
    noop.accept(ok);
    Api.Resp created = TestApp.admin().post("/persons/" + person + "/plans", ok);
    assertEquals(201, created.status(), created.toString());
    Map<String, Object> bad = planBody(w.rehabId());
    iv(bad, 0).put("sessionsPerMonth", 40);
    assertInvalid(TestApp.admin().withHeader("If-Match", "\"1\"").put("/plans/" + created.str("id"), bad), "interventions[0].sessionsPerMonth");
    assertEquals(1, count("SELECT count(*) FROM plan_revisions WHERE plan_id = :id", created.str("id")));
  }

  @Test
  void personNotActive_is409() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    TestApp.admin().patch("/persons/" + person, Map.of("status", "DECEASED", "statusDate", today().toString()));
    assertProblem(TestApp.admin().post("/persons/" + person + "/plans", planBody(w.rehabId())), 409);
    assertProblem(TestApp.admin().post("/persons/" + UUID.randomUUID() + "/plans", planBody(w.rehabId())), 404);
    assertProblem(TestApp.admin().get("/plans/" + UUID.randomUUID()), 404);
    assertProblem(TestApp.admin().get("/plans/not-an-id/revisions"), 404);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> iv(Map<String, Object> body, int i) {
    return (Map<String, Object>) list(body, "interventions").get(i);
  }

  @Test
  void findRevision_givesOtherFeaturesThePlansPerson() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String planId = TestApp.admin().post("/persons/" + person + "/plans", planBody(w.rehabId())).str("id");
    PlanService plans = TestApp.context().get(PlanService.class);
    TestApp.jdbi().useHandle(h -> {
      PlanRef ref = plans.findRevision(h, UUID.fromString(planId), 1).orElseThrow();
      assertEquals(UUID.fromString(person), ref.personId());
      assertEquals("ACTIVE", ref.planStatus());
      assertTrue(plans.findRevision(h, UUID.fromString(planId), 2).isEmpty());
      assertTrue(plans.findRevision(h, UUID.randomUUID(), 1).isEmpty());
    });
  }
}
