package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 15 item 6: look-ups by non-admins are audited (never the number) and throttled (20 misses / 10 min). */
class LookupThrottleTest {
  /** A valid (check digit right) ID number nobody registered: what an enumerating caller would try. */
  private static String guess(int i) {
    return IdNumbers.build("150202", LocalDate.of(2019, 6, 1).plusDays(i % 28), 900 + (Fixtures.next() % 99));
  }

  private static Api institutionUser() {
    return Fixtures.institutionUser(Fixtures.institution(Fixtures.community(), true, "REHAB").path("id").asText());
  }

  private static String userId(Api api) { return api.get("/me").str("id"); }

  private static List<JsonNode> lookupAudit(String userId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("""
            SELECT json_build_object('entityId', entity_id, 'after', after, 'all', coalesce(before::text, '') || coalesce(after::text, ''))::text
            FROM audit_events WHERE action = 'LOOKUP_PERSON' AND actor_id = CAST(:u AS uuid) ORDER BY at""")
        .bind("u", userId).mapTo(String.class).list()).stream().map(s -> {
          try { return Api.JSON.readTree(s); } catch (Exception e) { throw new IllegalStateException(e); }
        }).toList();
  }

  @Test
  void twentyMissesAreAnswered_theTwentyFirstIs429WithRetryAfter_evenForANumberThatExists() {
    JsonNode person = Fixtures.person(Fixtures.community());
    Map<String, Object> known = Map.of("certificateNo", TestApp.admin().get("/persons/" + person.path("id").asText()).str("certificateNo"));
    Api staff = institutionUser();
    List<String> tried = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String g = guess(i);
      tried.add(g);
      Api.Resp r = staff.post("/persons/lookup", Map.of("idNumber", g));
      assertEquals(404, r.status(), "miss " + (i + 1) + ": " + r);
    }
    Api.Resp limited = staff.post("/persons/lookup", Map.of("idNumber", guess(21)));
    assertEquals(429, limited.status(), limited.toString());
    assertEquals("application/problem+json", limited.contentType());
    long retry = Long.parseLong(limited.header("Retry-After"));
    assertTrue(retry > 0 && retry <= 600, "Retry-After " + retry);
    // while throttled, a real number is not answered either (the oracle is closed, not just for misses)
    assertEquals(429, staff.post("/persons/lookup", known).status());
    // another user is not affected
    assertEquals(200, institutionUser().post("/persons/lookup", known).status());

    List<JsonNode> audit = lookupAudit(userId(staff));
    assertTrue(audit.size() >= 20, "every look-up audited: " + audit.size());
    for (JsonNode a : audit) {
      for (String g : tried) assertFalse(a.path("all").asText().contains(g), "a looked-up number in the audit trail");
      assertFalse(a.path("all").asText().contains(g(known)), "a looked-up number in the audit trail");
    }
  }

  private static String g(Map<String, Object> m) { return (String) m.get("certificateNo"); }

  /** The institution's find page asks the same service: the same limit, and the page says when to retry (Retry-After). */
  @Test
  void theFindPage_isThrottledAlike_andSaysWhenToRetry() {
    String inst = Fixtures.institution(Fixtures.community(), true, "REHAB").path("id").asText();
    cn.donghe.rehab.auth.AppUser u = Fixtures.createUserDirect(Fixtures.username("lt-web"), "INSTITUTION", java.util.UUID.fromString(inst), null,
        List.of(), null);
    cn.donghe.rehab.web.WebClient web = new cn.donghe.rehab.web.WebClient().login(u.username(), Fixtures.PASSWORD);
    web.get("/app/institution/find");
    for (int i = 0; i < 20; i++) {
      assertEquals(404, web.post("/app/institution/find", Map.of("kind", "idNumber", "number", guess(i))).status(), "miss " + (i + 1));
    }
    cn.donghe.rehab.web.WebClient.Page limited = web.post("/app/institution/find", Map.of("kind", "idNumber", "number", guess(21)));
    assertEquals(429, limited.status(), limited.body());
    assertTrue(limited.header("Content-Type").startsWith("text/html"), limited.header("Content-Type"));
    long retry = Long.parseLong(limited.header("Retry-After"));
    assertTrue(retry > 0 && retry <= 600, "Retry-After " + retry);
    assertTrue(limited.body().contains(retry + " 秒后再试"), "the page names the wait");
  }

  @Test
  void aHit_isAuditedWithThePerson_andDoesNotCountAsAMiss() {
    JsonNode person = Fixtures.person(Fixtures.community());
    String cert = TestApp.admin().get("/persons/" + person.path("id").asText()).str("certificateNo");
    Api staff = institutionUser();
    for (int i = 0; i < 25; i++) assertEquals(200, staff.post("/persons/lookup", Map.of("certificateNo", cert)).status(), "hit " + i);
    List<JsonNode> audit = lookupAudit(userId(staff));
    assertEquals(25, audit.size());
    assertEquals(person.path("id").asText(), audit.get(0).path("entityId").asText());
    assertFalse(audit.get(0).path("all").asText().contains(cert.substring(6, 17)), "number in the audit trail");
    // 20 misses are still allowed after 25 hits
    for (int i = 0; i < 20; i++) assertEquals(404, staff.post("/persons/lookup", Map.of("idNumber", guess(i))).status());
    assertEquals(429, staff.post("/persons/lookup", Map.of("idNumber", guess(99))).status());
  }

  @Test
  void fortyParallelMisses_exactlyTwentyAreAnswered() throws Exception {
    Api staff = institutionUser();
    ExecutorService pool = Executors.newFixedThreadPool(40);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String g = guess(i);
        fs.add(pool.submit(() -> { go.await(); return staff.post("/persons/lookup", Map.of("idNumber", g)).status(); }));
      }
      go.countDown();
      Map<Integer, Integer> counts = new TreeMap<>();
      for (Future<Integer> f : fs) counts.merge(f.get(), 1, Integer::sum);
      assertEquals(Map.of(404, 20, 429, 20), counts);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theWindowIsTenMinutes() {
    Api staff = institutionUser();
    var clock = TestApp.context().clock();
    Instant start = clock.instant();
    try {
      clock.set(start);
      for (int i = 0; i < 20; i++) assertEquals(404, staff.post("/persons/lookup", Map.of("idNumber", guess(i))).status());
      clock.set(start.plusSeconds(9 * 60));
      Api.Resp r = staff.post("/persons/lookup", Map.of("idNumber", guess(30)));
      assertEquals(429, r.status());
      assertTrue(Long.parseLong(r.header("Retry-After")) <= 60, r.header("Retry-After"));
      clock.set(start.plusSeconds(10 * 60 + 1));
      assertEquals(404, staff.post("/persons/lookup", Map.of("idNumber", guess(31))).status());
    } finally {
      clock.reset();
    }
  }

  @Test
  void admins_areNeitherThrottledNorAuditedAsLookups_butTheirFullReadsAre() {
    Api admin = Fixtures.regionalAdmin(Fixtures.district());
    for (int i = 0; i < 22; i++) assertEquals(404, admin.post("/persons/lookup", Map.of("idNumber", guess(i))).status());
    assertNotNull(admin.get("/me").str("id"));
  }
}
