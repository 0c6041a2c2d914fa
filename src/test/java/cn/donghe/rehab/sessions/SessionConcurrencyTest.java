package cn.donghe.rehab.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import cn.donghe.rehab.support.TestDatabase;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The money path under many concurrent requests, retries and dropped connections. */
class SessionConcurrencyTest {
  private static final int ACCOUNTS = 4;
  private static final int FUNDED_SESSIONS = 10;
  private static final int REQUESTS_PER_ACCOUNT = 2 * FUNDED_SESSIONS + 2;
  private static final BigDecimal BUDGET = new BigDecimal("20000.00");
  private static final BigDecimal FEE = BUDGET.divide(BigDecimal.valueOf(FUNDED_SESSIONS));

  private static String community;

  @BeforeAll
  static void community() { community = Fixtures.community(); }

  @Test
  void manyConcurrentSessions_neverOverspend_andExtrasBecomeSelfPay() throws Exception {
    List<AidFixtures.Clinic> clinics = List.of(AidFixtures.clinic(community, true), AidFixtures.clinic(community, true));
    List<String> children = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      String child = AidFixtures.child(community, Category.PHYSICAL, AidFixtures.thisYear(), 3 + i).path("id").asText();
      AidFixtures.enrol(child, AidFixtures.thisYear(), "PHYSICAL");
      children.add(child);
    }
    List<Callable<Api.Resp>> calls = new ArrayList<>();
    for (int r = 0; r < REQUESTS_PER_ACCOUNT; r++) {
      for (int i = 0; i < ACCOUNTS; i++) {
        Api staff = clinics.get((r + i) % clinics.size()).staff();
        Map<String, Object> body = AidFixtures.session(children.get(i), FEE.toPlainString(), true);
        calls.add(() -> AidFixtures.log(staff, body));
      }
    }
    Collections.shuffle(calls);
    List<Api.Resp> answers = runTogether(calls, 16);
    for (Api.Resp a : answers) assertEquals(201, a.status(), a.toString());

    for (String child : children) {
      assertEquals(0, BigDecimal.ZERO.compareTo(AidFixtures.sumWhere(
          "SELECT balance FROM aid_accounts WHERE person_id = CAST(? AS uuid)", child)), "balance exactly 0.00");
      assertEquals(BUDGET, AidFixtures.sumWhere(
          "SELECT sum(aid_charged) FROM sessions WHERE person_id = CAST(? AS uuid)", child), "aid paid exactly the budget");
      assertEquals(REQUESTS_PER_ACCOUNT - FUNDED_SESSIONS, AidFixtures.countWhere(
          "SELECT count(*) FROM sessions WHERE person_id = CAST(? AS uuid) AND self_pay = fee AND aid_charged = 0", child));
      assertEquals(FUNDED_SESSIONS, AidFixtures.countWhere(
          "SELECT count(*) FROM aid_ledger l JOIN aid_accounts a ON a.id = l.account_id WHERE a.person_id = CAST(? AS uuid) AND kind = 'CHARGE'", child));
      assertEquals(0, BigDecimal.ZERO.compareTo(AidFixtures.sumWhere(
          "SELECT sum(l.amount) FROM aid_ledger l JOIN aid_accounts a ON a.id = l.account_id WHERE a.person_id = CAST(? AS uuid)", child)),
          "ledger sum equals balance");
      Api.Resp account = TestApp.admin().get("/aid-accounts?personId=" + child);
      assertEquals("0.00", account.get("items").get(0).path("balance").asText());
      assertEquals("20000.00", account.get("items").get(0).path("spent").asText());
    }
    long distinctBalances = answers.stream().filter(a -> a.str("aidCharged").equals(FEE.toPlainString()))
        .map(a -> a.str("personId") + a.str("aidBalanceAfter")).distinct().count();
    assertEquals(ACCOUNTS * FUNDED_SESSIONS, distinctBalances, "every charge saw a different balance");
  }

  @Test
  void sameKeyFiredConcurrently_makesExactlyOneSessionAndOneCharge() throws Exception {
    AidFixtures.Clinic clinic = AidFixtures.clinic(community, true);
    String child = AidFixtures.child(community, Category.HEARING, AidFixtures.thisYear(), 6).path("id").asText();
    AidFixtures.enrol(child, AidFixtures.thisYear(), "HEARING");
    String key = AidFixtures.key();
    Map<String, Object> body = AidFixtures.session(child, "350.00", true);
    List<Callable<Api.Resp>> calls = new ArrayList<>();
    for (int i = 0; i < 12; i++) calls.add(() -> AidFixtures.log(clinic.staff(), key, body));
    List<Api.Resp> answers = runTogether(calls, 12);
    Set<String> ids = ConcurrentHashMap.newKeySet();
    for (Api.Resp a : answers) {
      assertEquals(201, a.status(), a.toString());
      ids.add(a.str("id"));
      assertEquals(answers.get(0).json(), a.json());
    }
    assertEquals(1, ids.size());
    assertOneSessionOneCharge(child, "23650.00");
  }

  @Test
  void retryAfterDroppedConnection_waitsForTheFirst_andReplaysIt() throws Exception {
    AidFixtures.Clinic clinic = AidFixtures.clinic(community, true);
    String child = AidFixtures.child(community, Category.INTELLECTUAL, AidFixtures.thisYear(), 7).path("id").asText();
    String account = AidFixtures.enrol(child, AidFixtures.thisYear(), "INTELLECTUAL").path("id").asText();
    String key = AidFixtures.key();
    Map<String, Object> body = AidFixtures.session(child, "1200.00", true);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection blocker = TestDatabase.connect()) {
      // Hold the account row so the first request stalls inside its transaction, after claiming the key.
      blocker.setAutoCommit(false);
      try (PreparedStatement ps = blocker.prepareStatement("SELECT balance FROM aid_accounts WHERE id = CAST(? AS uuid) FOR UPDATE")) {
        ps.setString(1, account);
        ps.executeQuery().close();
      }
      HttpClient impatient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest first = HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + "/api/v1/sessions"))
          .timeout(Duration.ofMillis(700))
          .header("Authorization", "Bearer " + clinic.staff().token()).header("Content-Type", "application/json")
          .header("Idempotency-Key", key)
          .POST(HttpRequest.BodyPublishers.ofByteArray(Api.JSON.writeValueAsBytes(body))).build();
      assertThrows(HttpTimeoutException.class, () -> impatient.send(first, HttpResponse.BodyHandlers.ofString()));
      Future<Api.Resp> retry = pool.submit(() -> AidFixtures.log(clinic.staff(), key, body));
      Thread.sleep(300);
      assertTrue(!retry.isDone(), "the retry waits for the first attempt's transaction");
      blocker.commit();
      Api.Resp answer = retry.get(30, TimeUnit.SECONDS);
      assertEquals(201, answer.status(), answer.toString());
      assertEquals("true", answer.header("Idempotent-Replayed"));
      assertEquals("1200.00", answer.str("aidCharged"));
    } finally {
      pool.shutdownNow();
    }
    assertOneSessionOneCharge(child, "18800.00");
    Api.Resp later = AidFixtures.log(clinic.staff(), key, body);
    assertEquals("true", later.header("Idempotent-Replayed"));
    assertOneSessionOneCharge(child, "18800.00");
  }

  private static void assertOneSessionOneCharge(String child, String balance) {
    assertEquals(1L, AidFixtures.countWhere("SELECT count(*) FROM sessions WHERE person_id = CAST(? AS uuid)", child));
    assertEquals(1L, AidFixtures.countWhere("SELECT count(*) FROM aid_ledger l JOIN aid_accounts a ON a.id = l.account_id"
        + " WHERE a.person_id = CAST(? AS uuid) AND l.kind = 'CHARGE'", child));
    assertEquals(new BigDecimal(balance), AidFixtures.sumWhere("SELECT balance FROM aid_accounts WHERE person_id = CAST(? AS uuid)", child));
  }

  /** Starts all calls at once on {@code threads} threads and waits for every answer. */
  private static <T> List<T> runTogether(List<Callable<T>> calls, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> c : calls) futures.add(pool.submit(() -> { go.await(); return c.call(); }));
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) out.add(f.get(120, TimeUnit.SECONDS));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
