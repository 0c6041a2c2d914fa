package cn.donghe.rehab.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 6: after a seeded random mix of rejections (some twice), an approval, new charges, voids and cuts and
 * raises of the year's standard, all in flight together, every account still holds: balance = sum of its ledger;
 * budget - balance = the aid of its sessions neither voided nor rejected; 0 <= balance <= budget; budget = max(standard,
 * spent). Every rejected line has exactly one SETTLEMENT_REFUND; an approved statement pays exactly its accepted lines
 * and has no pending line. Year 2012 is this class's own (ADMIN late entries, no clock moves); -Dsettlement.seed=N.
 */
class SettlementMoneyPropertyTest {
  private static final int YEAR = 2012;
  private static final String FEB = "2012-02";
  private static final List<String> STANDARDS = List.of("1000.00", "2500.00", "4000.00");

  @AfterAll
  static void reopen() { SettlementFixtures.reopenQuietly(FEB); }

  @Test
  void randomConcurrentReviewAndMoneyOperations_keepAccountsAndStatementsExact() throws Exception {
    long seed = Long.getLong("settlement.seed", 18L);
    Random rnd = new Random(seed);
    String community = Fixtures.community();
    List<String> clinics = List.of(Fixtures.institution(community, true, "REHAB").path("id").asText(),
        Fixtures.institution(community, true, "REHAB").path("id").asText());
    standard("4000.00");
    assertEquals(200, SettlementFixtures.putSchedule(YEAR, null, "REHAB_TRAINING", "500.00").status());
    List<String> children = new ArrayList<>();
    for (int i = 0; i < 4; i++) children.add(SettlementFixtures.enrolledChild(community, YEAR));
    for (int i = 0; i < 16; i++) {
      String s = late(clinics.get(i % 2), children.get(rnd.nextInt(4)), LocalDate.of(YEAR, 2, 1 + rnd.nextInt(28)), rnd);
      if (rnd.nextInt(5) == 0) assertEquals(200, TestApp.admin().post("/sessions/" + s + "/void", Map.of("reason", "录错")).status());
    }
    SettlementFixtures.close(FEB);
    List<String> statements = new ArrayList<>();
    List<String[]> lines = new ArrayList<>();
    for (String c : clinics) {
      Api.Resp r = TestApp.admin().post("/settlements", Map.of("institutionId", c, "period", FEB));
      assertEquals(201, r.status(), r.toString());
      statements.add(r.str("id"));
      r.get("lines").forEach(l -> lines.add(new String[] {r.str("id"), l.path("sessionId").asText()}));
    }

    List<Callable<Integer>> ops = new ArrayList<>();
    for (String[] l : lines) {
      int n = rnd.nextInt(3); // 0: left alone, 1: rejected once, 2: rejected twice at once
      for (int k = 0; k < n; k++) ops.add(() -> TestApp.admin().post("/settlements/" + l[0] + "/lines/" + l[1] + "/reject",
          Map.of("reason", "核减")).status());
    }
    for (int i = 0; i < 10; i++) {
      String clinic = clinics.get(rnd.nextInt(2));
      String child = children.get(rnd.nextInt(4));
      int day = 1 + rnd.nextInt(28);
      boolean voidIt = rnd.nextBoolean();
      long fee = 50 + rnd.nextInt(650);
      ops.add(() -> {
        String s = late(clinic, child, LocalDate.of(YEAR, 5, day), new Random(fee));
        return voidIt ? TestApp.admin().post("/sessions/" + s + "/void", Map.of("reason", "作废")).status() : 201;
      });
    }
    for (int i = 0; i < 4; i++) {
      String amount = STANDARDS.get(rnd.nextInt(STANDARDS.size()));
      ops.add(() -> standard(amount));
    }
    ops.add(() -> TestApp.admin().post("/settlements/" + statements.get(0) + "/approve", null).status());
    Collections.shuffle(ops, rnd);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Integer> statuses = new ArrayList<>();
    try {
      for (Future<Integer> f : pool.invokeAll(ops)) statuses.add(f.get());
    } finally {
      pool.shutdownNow();
    }
    String why = "seed " + seed + " " + statuses;
    assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 409), why);

    for (String child : children) checkAccount(SettlementFixtures.account(child, YEAR), why);
    for (String id : statements) checkStatement(id, why);
  }

  private static void checkAccount(JsonNode a, String why) {
    String account = a.path("id").asText();
    BigDecimal budget = new BigDecimal(a.path("budget").asText());
    BigDecimal balance = new BigDecimal(a.path("balance").asText());
    BigDecimal ledger = SettlementFixtures.sum("SELECT COALESCE(sum(amount), 0) FROM aid_ledger WHERE account_id = ?::uuid", account);
    assertEquals(0, balance.compareTo(ledger), "balance = ledger " + account + " " + why);
    BigDecimal net = SettlementFixtures.sum("SELECT COALESCE(sum(s.aid_charged), 0) FROM sessions s WHERE s.aid_account_id = ?::uuid AND s.voided_at IS NULL"
        + " AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.session_id = s.id AND l.status = 'REJECTED')", account);
    assertEquals(0, budget.subtract(balance).compareTo(net), "spent = net charges " + account + " " + why);
    assertTrue(balance.signum() >= 0 && balance.compareTo(budget) <= 0, "0 <= balance <= budget " + account + " " + why);
    BigDecimal standard = SettlementFixtures.sum("SELECT amount FROM aid_standard_amounts WHERE year = ? AND category = 'PHYSICAL'", (short) YEAR);
    assertEquals(0, budget.compareTo(standard.max(net)), "budget = max(standard, spent) " + account + " " + why);
  }

  private static void checkStatement(String id, String why) {
    JsonNode s = TestApp.admin().get("/settlements/" + id).json();
    BigDecimal accepted = BigDecimal.ZERO;
    for (JsonNode l : s.path("lines")) {
      String session = l.path("sessionId").asText();
      long refunds = SettlementFixtures.count("SELECT count(*) FROM aid_ledger WHERE session_id = ?::uuid AND kind = 'SETTLEMENT_REFUND'",
          UUID.fromString(session));
      assertEquals("REJECTED".equals(l.path("status").asText()) ? 1 : 0, refunds, "refunds of " + session + " " + why);
      if ("APPROVED".equals(s.path("status").asText())) assertTrue(!"PENDING".equals(l.path("status").asText()), why);
      if ("ACCEPTED".equals(l.path("status").asText())) accepted = accepted.add(new BigDecimal(l.path("aidCharged").asText()));
    }
    if ("APPROVED".equals(s.path("status").asText())) {
      assertEquals(0, accepted.compareTo(new BigDecimal(s.path("totals").path("aidPayable").asText())), "payable = accepted " + why);
    }
  }

  private static int standard(String physical) {
    Api.Resp r = TestApp.admin().put("/aid-standards/" + YEAR, Map.of("minAge", 0, "maxAge", 10, "amounts", Map.of("PHYSICAL", physical)));
    if (r.status() != 200) throw new IllegalStateException(r.toString());
    return 200;
  }

  /** An ADMIN's late entry of an aid session for the clinic (fee 50..699, sometimes part paid by insurance). */
  private static String late(String clinic, String child, LocalDate date, Random rnd) {
    long fee = 50 + rnd.nextInt(650);
    String insurance = rnd.nextInt(3) == 0 ? BigDecimal.valueOf(rnd.nextInt((int) fee * 100), 2).toPlainString() : null;
    Map<String, Object> b = SettlementFixtures.session(child, "REHAB_TRAINING", date, fee + ".00", insurance, true);
    b.put("institutionId", clinic);
    b.put("lateEntryReason", "性质测试补录");
    Api.Resp r = TestApp.admin().withHeader("Idempotency-Key", "smp-" + UUID.randomUUID()).post("/sessions", b);
    if (r.status() != 201) throw new IllegalStateException(r.toString());
    return r.str("id");
  }
}
