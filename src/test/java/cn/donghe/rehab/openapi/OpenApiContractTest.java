package cn.donghe.rehab.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The contract test. Every exchange the integration tests make through {@code support/Api} is validated against the
 * live document by {@link ContractCheck}; this class runs last (junit-platform.properties orders classes by
 * {@code @Order}), drives a representative set of requests itself, and fails if any exchange of the whole run so
 * far broke the contract. The report is target/openapi-contract-report.txt.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {
  @Test @Order(1)
  void checker_catchesDrift_inStatusesBodiesAndUnknownEndpoints() {
    Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));
    Map<String, List<String>> problem = Map.of("Content-Type", List.of("application/problem+json"));
    Map<String, String> bearer = Map.of("Authorization", "Bearer x", "Accept", "application/json");
    // a success status the operation does not declare
    assertFalse(ContractCheck.problems("GET", "/api/v1/me", bearer, null, 202, json, "{}".getBytes(StandardCharsets.UTF_8)).isEmpty());
    // a body of the wrong shape
    assertFalse(ContractCheck.problems("GET", "/api/v1/me", bearer, null, 200, json,
        "{\"id\":42,\"role\":\"KING\"}".getBytes(StandardCharsets.UTF_8)).isEmpty());
    // an error that is not problem+json
    assertFalse(ContractCheck.problems("GET", "/api/v1/me", bearer, null, 401, json,
        "{\"code\":401,\"message\":\"no\"}".getBytes(StandardCharsets.UTF_8)).isEmpty());
    // an endpoint the server serves but the document does not know
    assertFalse(ContractCheck.problems("GET", "/api/v1/not-documented", bearer, null, 200, json, "{}".getBytes(StandardCharsets.UTF_8)).isEmpty());
    // ...while the server refusing an unknown endpoint is fine, and a proper problem answer is fine
    String notFound = "{\"type\":\"https://donghe.rehab/problems/not-found\",\"title\":\"未找到 Not found\",\"status\":404}";
    assertEquals(List.of(), ContractCheck.problems("GET", "/api/v1/not-documented", bearer, null, 404, problem, notFound.getBytes(StandardCharsets.UTF_8)));
    String me = "{\"id\":\"01963f1e-7a4b-7c3d-9e2f-0a1b2c3d4e5f\",\"username\":\"u\",\"role\":\"ADMIN\",\"displayName\":\"张伟\",\"institutionId\":null}";
    assertEquals(List.of(), ContractCheck.problems("GET", "/api/v1/me", bearer, null, 200, json, me.getBytes(StandardCharsets.UTF_8)));
  }

  @Test @Order(1)
  void checker_judgesNullsAsSent_aNullableObjectMayBeNull_butNotAnotherType() {
    Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));
    Map<String, String> bearer = Map.of("Authorization", "Bearer x", "Accept", "application/json");
    String id = "/api/v1/persons/01963f1e-7a4b-7c3d-9e2f-0a1b2c3d4e5f";
    String person = "{\"id\":\"01963f1e-7a4b-7c3d-9e2f-0a1b2c3d4e5f\",\"name\":\"张伟\",\"gender\":\"M\",\"grade\":2,"
        + "\"category\":\"PHYSICAL\",\"status\":\"ACTIVE\",\"statusDate\":null,\"guardian\":%s}";
    // what the service sends for an adult: the guardian (an optional object) is null
    assertEquals(List.of(), ContractCheck.problems("GET", id, bearer, null, 200, json,
        String.format(person, "null").getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(), ContractCheck.problems("GET", id, bearer, null, 200, json,
        String.format(person, "{\"name\":\"李娜\",\"phone\":\"13804725678\",\"relation\":\"母亲\"}").getBytes(StandardCharsets.UTF_8)));
    assertFalse(ContractCheck.problems("GET", id, bearer, null, 200, json,
        String.format(person, "5").getBytes(StandardCharsets.UTF_8)).isEmpty());
  }

  @Test @Order(2)
  void representativeRequests_matchTheDocument() {
    Api admin = TestApp.admin();
    Api anonymous = TestApp.anonymous();
    assertEquals(200, anonymous.get("/openapi.json").status());
    assertEquals(401, anonymous.get("/me").status());
    assertEquals(401, anonymous.post("/auth/token", Map.of("username", "nobody-" + Fixtures.next(), "password", "wrong")).status());
    assertEquals(200, admin.get("/me").status());

    String community = Fixtures.community();
    assertEquals(200, admin.get("/regions?parentCode=" + community.substring(0, 9) + "000").status());
    String institution = Fixtures.institution(community, true, "REHAB").path("id").asText();
    assertEquals(200, admin.get("/institutions/" + institution).status());
    assertEquals(200, admin.get("/institutions?limit=2").status());
    assertEquals(200, admin.get("/doctors?limit=2").status());

    Map<String, Object> body = Fixtures.personBody(community, Category.INTELLECTUAL, 2, LocalDate.of(2016, 3, 14));
    Api.Resp created = admin.post("/persons", body);
    assertEquals(201, created.status(), created.toString());
    String id = created.str("id");
    assertEquals(200, admin.get("/persons/" + id).status());
    assertEquals(200, admin.get("/persons?limit=5&category=INTELLECTUAL").status());
    assertEquals(200, admin.post("/persons/lookup", Map.of("idNumber", body.get("idNumber"))).status());
    assertEquals(200, admin.patch("/persons/" + id, Map.of("phone", "13904721234")).status());
    assertEquals(422, admin.post("/persons", Map.of("name", "")).status());
    assertEquals(400, admin.send("POST", "/persons", "{\"name\": ", "application/json").status());
    assertEquals(404, admin.get("/persons/" + java.util.UUID.randomUUID()).status());

    Api staff = Fixtures.institutionUser(institution);
    assertEquals(403, staff.post("/persons", body).status());
    assertEquals(200, admin.get("/users?limit=3").status());
    assertEquals(200, admin.get("/audit?limit=3").status());
    Api throwaway = Fixtures.institutionUser(institution);
    assertEquals(204, throwaway.delete("/auth/token").status());

    // user lifecycle
    String user = admin.post("/users", Map.of("username", Fixtures.username("oa-life"), "password", "Contract-Pass-2026!", "role", "GUARDIAN",
        "displayName", "家长", "childPersonIds", java.util.List.of(id))).str("id");
    assertEquals(204, admin.post("/users/" + user + "/disable", null).status());
    assertEquals(204, admin.post("/users/" + user + "/enable", null).status());
    assertEquals(204, admin.delete("/users/" + user + "/tokens").status());
    assertEquals(200, admin.put("/users/" + user + "/children", Map.of("childPersonIds", java.util.List.of(id))).status());
    assertEquals(422, admin.put("/users/" + user + "/children", Map.of("childPersonIds", java.util.List.of())).status());
    assertEquals(404, admin.post("/users/" + java.util.UUID.randomUUID() + "/disable", null).status());
    assertEquals(422, staff.post("/me/password", Map.of("current", "wrong-password-9", "new", "Contract-Pass-2027!")).status());
    assertEquals(204, staff.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", "Contract-Pass-2027!")).status());
  }

  @Test @Order(3)
  void noExchangeOfTheWholeRun_brokeTheContract() {
    String report = ContractCheck.writeReport();
    assertTrue(ContractCheck.checked() > 20, report);
    assertTrue(ContractCheck.failures().isEmpty(), report);
  }
}
