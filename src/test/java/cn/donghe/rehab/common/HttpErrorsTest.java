package cn.donghe.rehab.common;

import static cn.donghe.rehab.common.ProblemAssert.invalid;
import static cn.donghe.rehab.common.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One problem+json shape for every failure, with no internals in it. */
class HttpErrorsTest {
  private static final String SOME_ID = UUID.randomUUID().toString();

  @Test
  void everyFoundationEndpoint_withoutAToken_is401() {
    List<String[]> endpoints = List.of(
        new String[] {"GET", "/me"}, new String[] {"DELETE", "/auth/token"}, new String[] {"GET", "/users"}, new String[] {"POST", "/users"},
        new String[] {"GET", "/audit"}, new String[] {"GET", "/regions"}, new String[] {"POST", "/regions"},
        new String[] {"GET", "/institutions"}, new String[] {"POST", "/institutions"}, new String[] {"GET", "/institutions/" + SOME_ID},
        new String[] {"GET", "/doctors"}, new String[] {"POST", "/doctors"}, new String[] {"GET", "/persons"},
        new String[] {"POST", "/persons"}, new String[] {"GET", "/persons/" + SOME_ID}, new String[] {"PATCH", "/persons/" + SOME_ID},
        new String[] {"POST", "/persons/lookup"});
    for (String[] e : endpoints) {
      Api.Resp r = TestApp.anonymous().send(e[0], e[1], e[0].equals("GET") || e[0].equals("DELETE") ? null : "{}", "application/json");
      problem(401, r);
      assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"), e[1]);
    }
    problem(401, TestApp.anonymous().send("POST", "/persons/import", "name\n", "text/csv"));
    problem(401, TestApp.anonymous().withHeader("Authorization", "Bearer not-a-token").get("/me"));
  }

  @Test
  void wrongMethod_is405_withAllow() {
    Api.Resp r = TestApp.admin().send("DELETE", "/persons", null, null);
    problem(405, r);
    assertTrue(r.header("Allow") != null && r.header("Allow").contains("GET"), String.valueOf(r.header("Allow")));
    problem(405, TestApp.admin().send("PUT", "/regions", "{}", "application/json"));
  }

  @Test
  void wrongMediaType_is415() {
    long before = Fixtures.count("persons");
    problem(415, TestApp.admin().send("POST", "/persons", "name=x", "application/x-www-form-urlencoded"));
    problem(415, TestApp.admin().send("POST", "/regions", "code,name", "text/csv"));
    assertEquals(before, Fixtures.count("persons"));
  }

  @Test
  void malformedJson_is400_wrongTypes_andUnknownFields_are422NamingTheField() {
    problem(400, TestApp.admin().send("POST", "/regions", "{\"code\": ", "application/json"));
    invalid(TestApp.admin().send("POST", "/persons", "{\"grade\": \"high\"}", "application/json"), "grade");
    invalid(TestApp.admin().send("POST", "/persons", "{\"birthDate\": \"15/03/1972\"}", "application/json"), "birthDate");
    invalid(TestApp.admin().post("/regions", Map.of("code", "150202000000", "shoeSize", 42)), "shoeSize");
  }

  @Test
  void unknownPathsAndIds_are404_withoutLeakingInternals() {
    problem(404, TestApp.admin().get("/nothing-here"));
    problem(404, TestApp.admin().get("/persons/" + SOME_ID));
    problem(404, TestApp.admin().get("/persons/1%20OR%201=1"));
  }
}
