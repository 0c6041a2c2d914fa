package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersAndLimitsTest {
  private static void assertNoStoreProblem(Api.Resp r, int status) {
    assertEquals(status, r.status(), r.toString());
    assertEquals("no-store", r.header("Cache-Control"), status + " answer must not be cached");
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
    if (status >= 400) assertEquals("application/problem+json", r.contentType(), r.toString());
  }

  @Test
  void everyApiAnswer_isNoStore_successesAndErrorsAlike() {
    Api admin = TestApp.admin();
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(inst);
    Map<String, Object> person = Fixtures.personBody(community, cn.donghe.rehab.registry.Category.PHYSICAL, 2, LocalDate.of(1990, 4, 4));
    Map<String, Object> invalid = new LinkedHashMap<>(person);
    invalid.put("gender", "X");

    assertNoStoreProblem(admin.get("/me"), 200);
    assertNoStoreProblem(admin.get("/regions"), 200);
    assertNoStoreProblem(admin.post("/persons", person), 201);
    assertNoStoreProblem(TestApp.anonymous().get("/me"), 401);
    assertNoStoreProblem(staff.get("/users"), 403);
    assertNoStoreProblem(admin.get("/no-such-endpoint"), 404);
    assertNoStoreProblem(admin.get("/persons/" + java.util.UUID.randomUUID()), 404);
    assertNoStoreProblem(admin.send("DELETE", "/regions", null, null), 405);
    assertNoStoreProblem(admin.send("POST", "/persons", "{\"name\":", "application/json"), 400);
    assertNoStoreProblem(admin.send("POST", "/persons", "name=x", "text/plain"), 415);
    assertNoStoreProblem(admin.post("/persons", invalid), 422);
    assertNoStoreProblem(admin.send("POST", "/persons", "[" + " ".repeat(1024 * 1024) + "]", "application/json"), 413);
  }

  @Test
  void pageSize_isCappedAt500_above400() {
    Api admin = TestApp.admin();
    assertEquals(200, admin.get("/persons?limit=500").status());
    assertEquals(200, admin.get("/persons?limit=1").status());
    for (String bad : List.of("501", "100000", "0", "-1", "abc", "2147483648")) {
      Api.Resp r = admin.get("/persons?limit=" + bad);
      assertNoStoreProblem(r, 400);
      assertEquals("limit", r.get("errors").get(0).path("field").asText(), bad);
    }
    Api.Resp cursor2 = admin.get("/persons?cursor=bm90LWEtdXVpZA");
    assertEquals(400, cursor2.status());
    assertEquals("cursor", cursor2.get("errors").get(0).path("field").asText());
  }

  @Test
  void bodiesOver1MiB_are413_withOrWithoutContentLength_andNothingIsStored() throws Exception {
    String community = Fixtures.community();
    long persons = Fixtures.count("persons");
    Map<String, Object> body = Fixtures.personBody(community, cn.donghe.rehab.registry.Category.PHYSICAL, 2, LocalDate.of(1991, 5, 5));
    String json = Api.JSON.writeValueAsString(body);
    String padded = json.substring(0, json.length() - 1) + " ".repeat(1024 * 1024) + "}";

    Api.Resp withLength = TestApp.admin().send("POST", "/persons", padded, "application/json");
    assertNoStoreProblem(withLength, 413);

    // chunked: no Content-Length, the limit is enforced while reading
    HttpRequest chunked = HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + "/api/v1/persons"))
        .header("Authorization", "Bearer " + TestApp.admin().token()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8)))).build();
    HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(chunked, HttpResponse.BodyHandlers.ofString());
    assertEquals(413, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals(persons, Fixtures.count("persons"));

    // just under the limit is read normally
    String under = json.substring(0, json.length() - 1) + " ".repeat(1000 * 1000) + "}";
    assertEquals(201, TestApp.admin().send("POST", "/persons", under, "application/json").status());
  }

  @Test
  void loginThrottling_refusesEvenTheRightPasswordAfterTenFailures_andOnlyForThatUser() {
    AppUser victim = Fixtures.createUserDirect(Fixtures.username("victim"), "ADMIN", null, null, List.of(), null);
    AppUser bystander = Fixtures.createUserDirect(Fixtures.username("bystander"), "ADMIN", null, null, List.of(), null);
    long tokens = Fixtures.count("auth_tokens");
    for (int i = 0; i < 10; i++) {
      assertEquals(401, TestApp.anonymous().post("/auth/token", Map.of("username", victim.username(), "password", "guess-" + i)).status());
    }
    Api.Resp right = TestApp.anonymous().post("/auth/token", Map.of("username", victim.username(), "password", Fixtures.PASSWORD));
    assertNoStoreProblem(right, 429);
    assertNotNull(right.header("Retry-After"));
    assertTrue(Long.parseLong(right.header("Retry-After")) > 0);
    assertEquals(tokens, Fixtures.count("auth_tokens"), "no token issued while throttled");
    // the username is compared case-insensitively / trimmed the same way as at login
    assertEquals(429, TestApp.anonymous().post("/auth/token", Map.of("username", " " + victim.username().toUpperCase(), "password", Fixtures.PASSWORD)).status());
    assertEquals(200, TestApp.anonymous().post("/auth/token", Map.of("username", bystander.username(), "password", Fixtures.PASSWORD)).status());
  }
}
