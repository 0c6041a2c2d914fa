package cn.donghe.rehab.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.RawHttp;
import cn.donghe.rehab.support.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 7: the login throttle holds under concurrency, a per-address limit stops spraying across
 * usernames, and argon2 checks are bounded. Each test is its own client address (127.x.y.z), as the server sees it.
 */
class LoginThrottleTest {
  private static String body(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }

  /** Sends all calls at once (released together by a latch) and returns the status counts. */
  private static Map<Integer, Integer> parallel(List<Callable<RawHttp.Resp>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<RawHttp.Resp>> fs = new ArrayList<>();
      for (Callable<RawHttp.Resp> c : calls) fs.add(pool.submit(() -> { go.await(); return c.call(); }));
      go.countDown();
      Map<Integer, Integer> counts = new TreeMap<>();
      for (Future<RawHttp.Resp> f : fs) {
        RawHttp.Resp r = f.get();
        counts.merge(r.status(), 1, Integer::sum);
        if (r.status() == 429) assertNotNull(r.header("Retry-After"), "429 without Retry-After");
      }
      return counts;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fortyParallelWrongPasswords_forOneUser_atMostTenAreChecked_theRestAre429() throws Exception {
    AppUser u = Fixtures.createUserDirect(Fixtures.username("par"), "INSTITUTION",
        java.util.UUID.fromString(Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText()), null, List.of(), null);
    String from = RawHttp.loopback();
    List<Callable<RawHttp.Resp>> calls = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String pw = "wrong-password-" + i;
      calls.add(() -> RawHttp.postJson(from, "/api/v1/auth/token", body(u.username(), pw)));
    }
    Map<Integer, Integer> counts = parallel(calls);
    int checked = counts.getOrDefault(401, 0);
    assertTrue(checked <= 10, "at most 10 passwords checked: " + counts);
    assertEquals(40, checked + counts.getOrDefault(429, 0), "only 401 and 429: " + counts);
    // and now even the right password is refused until the window moves on
    RawHttp.Resp right = RawHttp.postJson(from, "/api/v1/auth/token", body(u.username(), Fixtures.PASSWORD));
    assertEquals(429, right.status());
    assertTrue(Long.parseLong(right.header("Retry-After")) > 0);
  }

  @Test
  void sprayingOnePasswordAcrossUsernames_fromOneAddress_stopsAtTheAddressLimit_otherAddressesUnaffected() throws Exception {
    AuthConfig cfg = TestApp.context().config().getAuth();
    int saved = TestApp.context().config().getAuth().getMaxFailedLogins();
    Map<?, ?> before = Api.JSON.convertValue(cfg, Map.class);
    // the shared test app raises the address limit (every other test comes from 127.0.0.1); put the default back here
    Api.JSON.readerForUpdating(cfg).readValue("{\"maxFailedLoginsPerAddress\": 30}");
    try {
      String sprayer = RawHttp.loopback();
      for (int i = 0; i < 30; i++) {
        RawHttp.Resp r = RawHttp.postJson(sprayer, "/api/v1/auth/token", body("spray-" + Fixtures.next() + "-x", "Summer2026!"));
        assertEquals(401, r.status(), "attempt " + (i + 1));
      }
      RawHttp.Resp stopped = RawHttp.postJson(sprayer, "/api/v1/auth/token", body("spray-" + Fixtures.next() + "-y", "Summer2026!"));
      assertEquals(429, stopped.status(), "the 31st failure from one address, on a fresh username");
      assertTrue(Long.parseLong(stopped.header("Retry-After")) > 0);
      // a real user of that address is refused too (no password is checked from it), one elsewhere is not
      AppUser u = Fixtures.createUserDirect(Fixtures.username("nat"), "ADMIN", null, null, List.of(), null);
      assertEquals(429, RawHttp.postJson(sprayer, "/api/v1/auth/token", body(u.username(), Fixtures.PASSWORD)).status());
      assertEquals(200, RawHttp.postJson(RawHttp.loopback(), "/api/v1/auth/token", body(u.username(), Fixtures.PASSWORD)).status());
    } finally {
      Api.JSON.readerForUpdating(cfg).readValue(Api.JSON.writeValueAsString(Map.of("maxFailedLoginsPerAddress", before.get("maxFailedLoginsPerAddress"))));
      assertEquals(saved, cfg.getMaxFailedLogins());
    }
  }

  @Test
  void aSuccessfulLogin_endsTheRunOfFailures_andDoesNotCountAgainstTheAddress() {
    AppUser u = Fixtures.createUserDirect(Fixtures.username("run"), "ADMIN", null, null, List.of(), null);
    String from = RawHttp.loopback();
    for (int i = 0; i < 9; i++) assertEquals(401, RawHttp.postJson(from, "/api/v1/auth/token", body(u.username(), "nope-" + i)).status());
    assertEquals(200, RawHttp.postJson(from, "/api/v1/auth/token", body(u.username(), Fixtures.PASSWORD)).status());
    for (int i = 0; i < 9; i++) assertEquals(401, RawHttp.postJson(from, "/api/v1/auth/token", body(u.username(), "again-" + i)).status());
    assertEquals(200, RawHttp.postJson(from, "/api/v1/auth/token", body(u.username(), Fixtures.PASSWORD)).status());
  }

  @Test
  void aForwardedForHeader_doesNotMakeAnotherClient() {
    String from = RawHttp.loopback();
    AppUser u = Fixtures.createUserDirect(Fixtures.username("xff"), "ADMIN", null, null, List.of(), null);
    Api spoof = TestApp.anonymous();
    for (int i = 0; i < 10; i++) {
      assertEquals(401, spoof.withHeader("X-Forwarded-For", "10.9." + i + ".1")
          .post("/auth/token", Map.of("username", u.username(), "password", "bad-" + i)).status());
    }
    // the username's run is what stops it, whatever address the header claims
    assertEquals(429, spoof.withHeader("X-Forwarded-For", "10.99.99.99")
        .post("/auth/token", Map.of("username", u.username(), "password", Fixtures.PASSWORD)).status());
    assertTrue(from.startsWith("127."));
  }

  @Test
  void manyParallelLogins_runAtMostOneArgon2PerCoreAtOnce_theExcessIsTurnedAwayQuickly() throws Exception {
    PasswordCheckGate gate = TestApp.context().get(AuthService.class).passwordChecks();
    gate.resetPeak();
    List<Callable<RawHttp.Resp>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String from = RawHttp.loopback();
      String name = "flood-" + Fixtures.next() + "-" + i;
      calls.add(() -> RawHttp.postJson(from, "/api/v1/auth/token", body(name, "Flood-password-1")));
    }
    long start = System.nanoTime();
    Map<Integer, Integer> counts = parallel(calls);
    assertTrue(counts.keySet().stream().allMatch(s -> s == 401 || s == 503), counts.toString());
    assertTrue(gate.peak() <= gate.permits(), "argon2 checks at once: " + gate.peak() + " > " + gate.permits());
    assertTrue(counts.getOrDefault(401, 0) >= 1, counts.toString());
    assertTrue(System.nanoTime() - start < 60_000_000_000L, "answered within a minute");
  }
}
