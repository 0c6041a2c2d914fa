package cn.donghe.rehab.auth;

import static cn.donghe.rehab.common.ProblemAssert.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POST /me/password: a wrong {@code current} password is a guess at the password like a failed login, so it is
 * throttled like one (same limit and window, same key as the username's logins): a stolen token adds no guesses
 * to what the login form allows, and after the limit even the right password is refused until the window passes.
 */
class PasswordChangeThrottleTest {
  private static final String NEW = "Another-Good-Pass-2026";

  private static AppUser staff() {
    String inst = Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText();
    return Fixtures.createUserDirect(Fixtures.username("pw-inst"), "INSTITUTION", UUID.fromString(inst), null, List.of(), null);
  }

  private static String storedHash(AppUser u) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id").bind("id", u.id())
        .mapTo(String.class).one());
  }

  private static void assertThrottled(Api.Resp r) {
    assertEquals(429, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    assertTrue(Long.parseLong(r.header("Retry-After")) > 0, "Retry-After in whole seconds: " + r.header("Retry-After"));
  }

  @Test
  void wrongCurrentPasswords_areThrottledLikeFailedLogins_andTheRightOneWaitsForTheWindow() {
    AppUser u = staff();
    Api me = Fixtures.login(u);
    int max = TestApp.context().config().getAuth().getMaxFailedLogins();
    Duration window = TestApp.context().config().getAuth().getFailedLoginWindow().toJavaDuration();
    String hash = storedHash(u);
    for (int i = 0; i < max; i++) {
      invalid(me.post("/me/password", Map.of("current", "wrong-password-" + i, "new", NEW)), "current");
    }
    assertThrottled(me.post("/me/password", Map.of("current", "wrong-password-x", "new", NEW)));
    // the right password is refused too, and nothing changes
    assertThrottled(me.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", NEW)));
    assertEquals(hash, storedHash(u));
    // the guesses count against the username's logins as well: one budget per password
    assertEquals(429, TestApp.anonymous().post("/auth/token", Map.of("username", u.username(), "password", Fixtures.PASSWORD)).status());

    MutableClock clock = TestApp.context().clock();
    try {
      clock.set(Instant.now().plus(window).minusSeconds(30));
      assertThrottled(me.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", NEW)));
      clock.set(Instant.now().plus(window).plusSeconds(5));
      assertEquals(204, me.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", NEW)).status());
    } finally {
      clock.reset();
    }
    assertEquals(200, TestApp.anonymous().post("/auth/token", Map.of("username", u.username(), "password", NEW)).status());
  }

  @Test
  void failedLogins_countAgainstThePasswordChange_too() {
    AppUser u = staff();
    Api me = Fixtures.login(u);
    int max = TestApp.context().config().getAuth().getMaxFailedLogins();
    for (int i = 0; i < max; i++) {
      assertEquals(401, TestApp.anonymous().post("/auth/token", Map.of("username", u.username(), "password", "wrong-" + i)).status());
    }
    assertThrottled(me.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", NEW)));
  }

  @Test
  void aRightCurrentPassword_endsTheRunOfFailures() {
    AppUser u = staff();
    Api me = Fixtures.login(u);
    int max = TestApp.context().config().getAuth().getMaxFailedLogins();
    for (int i = 0; i < max - 1; i++) {
      invalid(me.post("/me/password", Map.of("current", "wrong-password-" + i, "new", NEW)), "current");
    }
    assertEquals(204, me.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", NEW)).status());
    invalid(me.post("/me/password", Map.of("current", "wrong-password-y", "new", NEW + "x")), "current");
    assertEquals(200, TestApp.anonymous().post("/auth/token", Map.of("username", u.username(), "password", NEW)).status());
  }
}
