package cn.donghe.rehab.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.Passwords;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private static List<String> bundledList() throws Exception {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Passwords.class.getResourceAsStream("/common-passwords.txt"), StandardCharsets.UTF_8))) {
      return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
  }

  @Test
  void lengthMustBe8To128() {
    assertNotNull(Passwords.policyViolation(null));
    assertNotNull(Passwords.policyViolation("Xk7#pQ2"));
    assertNull(Passwords.policyViolation("Xk7#pQ2z"));
    assertNull(Passwords.policyViolation("长城内蒙古包头东河区"));
    assertNull(Passwords.policyViolation("a".repeat(64) + "-passphrase-" + "b".repeat(52)));
    assertEquals(128, ("a".repeat(64) + "-passphrase-" + "b".repeat(52)).length());
    assertNotNull(Passwords.policyViolation("c".repeat(129)));
  }

  @Test
  void everyPasswordOnTheBundledList_isRefused_inAnyLetterCase() throws Exception {
    List<String> list = bundledList();
    assertTrue(list.size() >= 300, "a few hundred entries, got " + list.size());
    for (String common : list) {
      assertNotNull(Passwords.policyViolation(common), common);
      assertNotNull(Passwords.policyViolation(common.toUpperCase()), common);
    }
    assertTrue(Passwords.policyViolation("P@ssw0rd").contains("常见"));
    assertTrue(Passwords.policyViolation("WoAiNi1314").contains("common"));
  }

  @Test
  void createUser_refusesCommonAndOverlongPasswords_namingThePasswordField_andAcceptsALongPassphrase() {
    Api admin = TestApp.admin();
    long users = Fixtures.count("users");
    for (String bad : List.of("Password1", "qwertyuiop", "1qaz2wsx3edc", "x".repeat(129), "short1!")) {
      Api.Resp r = admin.post("/users", Map.of("username", Fixtures.username("pw"), "password", bad, "role", "ADMIN", "displayName", "密码"));
      assertEquals(422, r.status(), bad);
      assertEquals("application/problem+json", r.contentType());
      assertEquals("password", r.get("errors").get(0).path("field").asText());
      assertTrue(!r.text().contains(bad), "the answer does not echo the password");
    }
    assertEquals(users, Fixtures.count("users"));
    String passphrase = "correct horse battery staple 包头东河 " + "z".repeat(60);
    Api.Resp ok = admin.post("/users", Map.of("username", Fixtures.username("pw"), "password", passphrase, "role", "ADMIN", "displayName", "长密码"));
    assertEquals(201, ok.status(), ok.toString());
    assertEquals(200, TestApp.anonymous().post("/auth/token", Map.of("username", ok.str("username"), "password", passphrase)).status());
  }
}
