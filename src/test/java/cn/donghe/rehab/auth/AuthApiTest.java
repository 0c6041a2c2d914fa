package cn.donghe.rehab.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthApiTest {
  @Test
  void login_thenMe_showsTheUser_andLogoutRevokesTheToken() {
    AppUser u = Fixtures.createUserDirect(Fixtures.username("me"), "ADMIN", null, null, List.of(), null);
    Api api = Fixtures.login(u);
    Api.Resp me = api.get("/me");
    assertEquals(200, me.status());
    assertEquals(u.username(), me.str("username"));
    assertEquals("ADMIN", me.str("role"));
    assertEquals(204, api.delete("/auth/token").status());
    Api.Resp after = api.get("/me");
    assertEquals(401, after.status());
    assertTrue(after.contentType().startsWith("application/problem+json"));
  }

  @Test
  void wrongPassword_is401Problem_andStoresNoToken() {
    long tokens = Fixtures.count("auth_tokens");
    Api.Resp r = TestApp.anonymous().post("/auth/token", Map.of("username", "nobody-" + Fixtures.next(), "password", "wrong-password"));
    assertEquals(401, r.status());
    assertEquals("application/problem+json", r.contentType());
    assertEquals(401, r.get("status").asInt());
    assertEquals(tokens, Fixtures.count("auth_tokens"));
  }

  @Test
  void tenFailedLogins_thenThrottledWith429AndRetryAfter_evenForUnknownUsers() {
    for (String name : List.of(Fixtures.username("throttle"), "ghost-" + Fixtures.next())) {
      for (int i = 0; i < 10; i++) {
        assertEquals(401, TestApp.anonymous().post("/auth/token", Map.of("username", name, "password", "bad-" + i)).status());
      }
      Api.Resp r = TestApp.anonymous().post("/auth/token", Map.of("username", name, "password", "bad"));
      assertEquals(429, r.status());
      assertNotNull(r.header("Retry-After"));
      assertTrue(Integer.parseInt(r.header("Retry-After")) > 0);
    }
  }

  @Test
  void noToken_is401_andWrongRole_is403() {
    assertEquals(401, TestApp.anonymous().get("/users").status());
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(inst);
    Api.Resp r = staff.post("/users", Map.of("username", "x" + Fixtures.next(), "password", "Long-enough-1", "role", "ADMIN", "displayName", "x"));
    assertEquals(403, r.status());
    assertEquals("application/problem+json", r.contentType());
  }

  @Test
  void createUser_validatesPasswordPolicy_andDuplicates() {
    Api admin = TestApp.admin();
    long before = Fixtures.count("users");
    Api.Resp weak = admin.post("/users", Map.of("username", Fixtures.username("weak"), "password", "password123", "role", "ADMIN", "displayName", "弱"));
    assertEquals(422, weak.status());
    assertEquals("password", weak.get("errors").get(0).path("field").asText());
    Api.Resp shortPw = admin.post("/users", Map.of("username", Fixtures.username("short"), "password", "Ab1!", "role", "ADMIN", "displayName", "短"));
    assertEquals(422, shortPw.status());
    assertEquals(before, Fixtures.count("users"));
    String name = Fixtures.username("dup");
    assertEquals(201, admin.post("/users", Map.of("username", name, "password", "Good-Password-77", "role", "ADMIN", "displayName", "管理员")).status());
    assertEquals(409, admin.post("/users", Map.of("username", name, "password", "Good-Password-77", "role", "ADMIN", "displayName", "管理员")).status());
  }
}
