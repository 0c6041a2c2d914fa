package cn.donghe.rehab.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The purge of dead tokens and throttle rows, on a clock of its own set 30 days back (so that the
 * rows of other tests sharing the database, all from "now", are never old enough to be touched).
 */
class TokenPurgeJobTest {
  private static final Instant T0 = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  private static void token(String name, UUID user, Instant created, Instant expires, Instant revoked) {
    TestApp.jdbi().useHandle(h -> h.createUpdate(
            "INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at, revoked_at) VALUES (:h, :u, :c, :e, :r)")
        .bind("h", Tokens.hash(name)).bind("u", user).bind("c", created).bind("e", expires).bind("r", revoked).execute());
  }

  private static boolean tokenExists(String name) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM auth_tokens WHERE token_hash = :h")
        .bind("h", Tokens.hash(name)).mapTo(Integer.class).one()) > 0;
  }

  private static void throttle(String username, Instant windowStart) {
    TestApp.jdbi().useHandle(h -> h.createUpdate("INSERT INTO login_throttle (username, failures, window_start) VALUES (:u, 3, :w)")
        .bind("u", username).bind("w", windowStart).execute());
  }

  private static boolean throttleExists(String username) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM login_throttle WHERE username = :u")
        .bind("u", username).mapTo(Integer.class).one()) > 0;
  }

  @Test
  void deadTokensAndStaleThrottleRows_goOnTheirRun_liveOnesStay_andARunAgainDeletesNothing() {
    UUID user = Fixtures.createUserDirect(Fixtures.username("purge"), "ADMIN", null, null, List.of(), null).id();
    String p = "purge-" + UUID.randomUUID() + "-";
    token(p + "expired", user, T0.minus(Duration.ofHours(13)), T0.minus(Duration.ofHours(1)), null);
    token(p + "revoked", user, T0.minus(Duration.ofHours(2)), T0.plus(Duration.ofHours(10)), T0.minus(Duration.ofHours(1)));
    token(p + "live", user, T0, T0.plus(Duration.ofHours(12)), null);
    throttle(p + "old", T0.minus(Duration.ofDays(1)));
    throttle(p + "fresh", T0.minus(Duration.ofMinutes(5)));

    MutableClock clock = new MutableClock(ZoneOffset.UTC);
    clock.set(T0);
    TokenPurgeJob job = new TokenPurgeJob(TestApp.jdbi(), clock, TestApp.context().config().getAuth());
    Map<String, Integer> first = job.runOnce();
    assertTrue(first.get("auth_tokens") >= 2 && first.get("login_throttle") >= 1, first.toString());
    assertEquals(List.of(false, false, true), List.of(tokenExists(p + "expired"), tokenExists(p + "revoked"), tokenExists(p + "live")));
    assertEquals(List.of(false, true), List.of(throttleExists(p + "old"), throttleExists(p + "fresh")));
    assertEquals(Map.of("auth_tokens", 0, "login_throttle", 0), Map.of("auth_tokens", job.runOnce().get("auth_tokens"),
        "login_throttle", job.runOnce().get("login_throttle")), "idempotent");

    clock.set(T0.plus(Duration.ofHours(13))); // the live token has expired, the throttle window has passed
    job.runOnce();
    assertEquals(List.of(false, false), List.of(tokenExists(p + "live"), throttleExists(p + "fresh")));
    // other tests' tokens (from the real now) were never old enough
    assertEquals(200, TestApp.admin().get("/me").status());
  }

  @Test
  void rateLimitRows_withoutAnAttemptInTheLastDay_go() throws java.sql.SQLException {
    String p = "purge-rl-" + UUID.randomUUID() + "-";
    TestApp.jdbi().useHandle(h -> {
      h.createUpdate("INSERT INTO rate_limits (key, stamps) VALUES (:k, ARRAY[CAST(:a AS timestamptz), CAST(:b AS timestamptz)])")
          .bind("k", p + "old").bind("a", T0.minus(Duration.ofDays(3))).bind("b", T0.minus(Duration.ofDays(2))).execute();
      h.createUpdate("INSERT INTO rate_limits (key, stamps) VALUES (:k, ARRAY[CAST(:a AS timestamptz), CAST(:b AS timestamptz)])")
          .bind("k", p + "recent").bind("a", T0.minus(Duration.ofDays(3))).bind("b", T0.minus(Duration.ofHours(1))).execute();
    });
    MutableClock clock = new MutableClock(ZoneOffset.UTC);
    clock.set(T0);
    new TokenPurgeJob(TestApp.jdbi(), clock, TestApp.context().config().getAuth()).runOnce();
    List<String> left = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT key FROM rate_limits WHERE key LIKE :p ORDER BY key")
        .bind("p", p + "%").mapTo(String.class).list());
    assertEquals(List.of(p + "recent"), left);
  }

  @Test
  void twoInstancesPurgingAtOnce_bothFinish_andEveryDeadRowIsGone() {
    UUID user = Fixtures.createUserDirect(Fixtures.username("purge2"), "ADMIN", null, null, List.of(), null).id();
    String p = "purge2-" + UUID.randomUUID() + "-";
    for (int i = 0; i < 300; i++) token(p + i, user, T0.minus(Duration.ofHours(20)), T0.minus(Duration.ofHours(8)), null);
    MutableClock clock = new MutableClock(ZoneOffset.UTC);
    clock.set(T0);
    TokenPurgeJob a = new TokenPurgeJob(TestApp.jdbi(), clock, TestApp.context().config().getAuth());
    TokenPurgeJob b = new TokenPurgeJob(TestApp.jdbi(), clock, TestApp.context().config().getAuth());
    CompletableFuture<Map<String, Integer>> fa = CompletableFuture.supplyAsync(a::runOnce);
    CompletableFuture<Map<String, Integer>> fb = CompletableFuture.supplyAsync(b::runOnce);
    fa.join();
    fb.join();
    a.runOnce(); // whatever a skipped pass left
    for (int i = 0; i < 300; i += 37) assertTrue(!tokenExists(p + i), "token " + i);
  }
}
