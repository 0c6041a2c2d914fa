package cn.donghe.rehab.common;

import static cn.donghe.rehab.common.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditApiTest {
  @Test
  void filtersByEntityAndId_newestFirst_withActorRoleAndRequestId() {
    String id = Fixtures.person(Fixtures.community()).path("id").asText();
    TestApp.admin().patch("/persons/" + id, Map.of("phone", "13800000001"));
    JsonNode items = TestApp.admin().get("/audit?entity=person&entityId=" + id).get("items");
    List<String> actions = new ArrayList<>();
    for (JsonNode e : items) {
      actions.add(e.path("action").asText());
      assertEquals(id, e.path("entityId").asText());
      assertEquals("ADMIN", e.path("actorRole").asText());
      assertTrue(!e.path("requestId").asText().isEmpty(), e.toString());
    }
    assertEquals(List.of("UPDATE", "CREATE"), actions);
  }

  @Test
  void filtersByActor_andTime_andPagesWithACursor() {
    AppUser actor = Fixtures.createUserDirect(Fixtures.username("auditor"), "ADMIN", null, null, List.of(), null);
    Api api = Fixtures.login(actor);
    String community = Fixtures.community();
    for (int i = 0; i < 3; i++) {
      api.post("/persons", Fixtures.personBody(community, cn.donghe.rehab.registry.Category.SPEECH, 3, java.time.LocalDate.of(1960, 1, 1 + i)));
    }
    String base = "/audit?actorId=" + actor.id();
    JsonNode all = TestApp.admin().get(base).get("items");
    assertEquals(4, all.size(), all.toString());   // LOGIN + 3 CREATE
    for (JsonNode e : all) assertEquals(actor.id().toString(), e.path("actorId").asText());
    Api.Resp first = TestApp.admin().get(base + "&limit=3");
    assertEquals(3, first.get("items").size());
    Api.Resp second = TestApp.admin().get(base + "&limit=3&cursor=" + first.str("nextCursor"));
    assertEquals(1, second.get("items").size());
    assertEquals("LOGIN", second.get("items").get(0).path("action").asText());
    assertEquals(0, TestApp.admin().get(base + "&from=2999-01-01").get("items").size());
    assertEquals(4, TestApp.admin().get(base + "&from=2000-01-01T00:00:00Z&to=2999-01-01").get("items").size());
  }

  @Test
  void badFilters_are400() {
    problem(400, TestApp.admin().get("/audit?actorId=nope"));
    problem(400, TestApp.admin().get("/audit?from=yesterday"));
    problem(400, TestApp.admin().get("/audit?limit=0"));
  }

  @Test
  void onlyDistrictWideAdmins_readTheTrail() {
    String town = Fixtures.town();
    problem(403, Fixtures.regionalAdmin(town).get("/audit"));
    String inst = Fixtures.institution(Fixtures.community(town), false, "REHAB").path("id").asText();
    problem(403, Fixtures.institutionUser(inst).get("/audit"));
    problem(401, TestApp.anonymous().get("/audit"));
  }

  @Test
  void theTrailIsAppendOnly() {
    org.jdbi.v3.core.statement.UnableToExecuteStatementException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.jdbi.v3.core.statement.UnableToExecuteStatementException.class,
        () -> TestApp.jdbi().useHandle(h -> h.execute("DELETE FROM audit_events WHERE action = 'LOGIN'")));
    assertTrue(e.getMessage().contains("permission denied") || e.getMessage().contains("append-only"), e.getMessage());
  }
}
