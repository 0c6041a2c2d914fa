package cn.donghe.rehab.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The money property (issue 15, "make the tests adversarial"): seeded random rounds of concurrent charges (institution,
 * inside the late-entry window), ADMIN late entries, voids (refunds, some twice), idempotent replays, and cuts and
 * raises of the year's standard, all in flight together. After every round, for every account:
 * balance = sum of its ledger; spent = budget - balance = the aid charged by its non-voided sessions (net charges);
 * balance >= 0; and budget = max(current standard + adjustment, spent): never above the standard unless money already
 * spent exceeds it, in which case the balance is 0.
 *
 * <p>Reproduce a failure with {@code -Dmoney.seed=<seed>} (printed in every assertion message). The operations of a
 * seed are the same on every run; their interleaving inside a round is whatever the threads make of it, which is the
 * point: the invariants must hold for every interleaving. Runs with the application clock in mid-2050 so that
 * changing the 2050 standard touches no other test's accounts.
 */
class MoneyPropertyTest {
  private static final int YEAR = 2050;
  private static final int ROUNDS = Integer.getInteger("money.rounds", 12);
  private static final int OPS_PER_ROUND = 14;
  private static final List<String> LOW_VISION = List.of("2000.00", "3000.00", "4500.00", "5000.00", "6000.00");
  private static final List<String> HEARING = List.of("3000.00", "8000.00", "24000.00");

  @Test
  void randomConcurrentMoneyOperations_keepEveryAccountExact() throws Exception {
    long seed = Long.getLong("money.seed", 20261203L);
    Random rnd = new Random(seed);
    String community = Fixtures.community();
    String clinicId = Fixtures.institution(community, true, "REHAB").path("id").asText();
    MutableClock clock = TestApp.context().clock();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      clock.set(Instant.parse("2050-06-15T04:00:00Z"));
      LocalDate today = LocalDate.now(clock);
      // tokens are checked against the moved clock: log in after moving it
      Api admin = Fixtures.login(Fixtures.createUserDirect(Fixtures.username("money-admin"), "ADMIN", null, null, List.of(), null));
      Api staff = Fixtures.institutionUser(clinicId);
      Map<String, String> standard = new LinkedHashMap<>(Map.of("PHYSICAL", "20000.00", "INTELLECTUAL", "20000.00", "AUTISM", "20000.00",
          "HEARING", "24000.00", "LOW_VISION", "5000.00"));
      put(admin, standard, seed);
      // issue 18: aid pays only for service types in the year's fee schedule (2050 ships with none); caps above every fee here
      Api.Resp fees = admin.put("/fee-schedules/" + YEAR, Map.of("items", List.of(Map.of("serviceType", "REHAB_TRAINING", "maxFee", "100000.00"))));
      if (fees.status() != 200) throw new IllegalStateException(fees.toString());
      List<String> children = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        boolean hearing = i % 3 == 0;
        Map<String, Object> m = Fixtures.personBody(community, hearing ? Category.HEARING : Category.VISUAL, 2, LocalDate.of(YEAR - 5 - i % 4, 3, 10));
        m.remove("certificateNo");
        m.put("guardian", Map.of("name", "家长" + i, "phone", "13800000000", "relation", "母亲"));
        Api.Resp p = admin.post("/persons", m);
        assertEquals(201, p.status(), p.toString());
        Api.Resp a = admin.post("/aid-accounts", Map.of("personId", p.str("id"), "year", YEAR, "category", hearing ? "HEARING" : "LOW_VISION",
            "guardianConsent", Map.of("name", "家长" + i, "relation", "母亲", "signedOn", today.minusDays(1).toString())));
        assertEquals(201, a.status(), a.toString());
        children.add(p.str("id"));
      }
      List<String> sessions = new CopyOnWriteArrayList<>();
      List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
      List<String> keys = new CopyOnWriteArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        List<Callable<Api.Resp>> ops = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < OPS_PER_ROUND; k++) {
          int kind = rnd.nextInt(100);
          String child = children.get(rnd.nextInt(children.size()));
          String fee = BigDecimal.valueOf(50 + rnd.nextInt(195_000), 2).toPlainString();
          if (kind < 35) { // institution charge inside the window
            Map<String, Object> b = AidFixtures.session(child, fee, true, today.minusDays(rnd.nextInt(32)));
            String key = "money-" + UUID.randomUUID();
            names.add("charge " + fee);
            ops.add(() -> remember(staff.withHeader("Idempotency-Key", key).post("/sessions", b), sessions, sent, keys, b, key));
          } else if (kind < 50) { // ADMIN late entry, months back
            Map<String, Object> b = AidFixtures.session(child, fee, true, LocalDate.of(YEAR, 1 + rnd.nextInt(4), 1 + rnd.nextInt(28)));
            b.put("institutionId", clinicId);
            b.put("lateEntryReason", "纸质记录补录 " + round);
            String key = "money-late-" + UUID.randomUUID();
            names.add("late entry " + fee);
            ops.add(() -> remember(admin.withHeader("Idempotency-Key", key).post("/sessions", b), sessions, sent, null, b, key));
          } else if (kind < 72 && !sessions.isEmpty()) { // void = refund, by either; sometimes the same one twice at once
            String s = sessions.get(rnd.nextInt(sessions.size()));
            Api who = rnd.nextBoolean() ? staff : admin;
            names.add("void " + s);
            ops.add(() -> who.post("/sessions/" + s + "/void", Map.of("reason", "撤销")));
            if (rnd.nextInt(4) == 0) {
              names.add("void again " + s);
              ops.add(() -> admin.post("/sessions/" + s + "/void", Map.of("reason", "再次撤销")));
            }
          } else if (kind < 80 && !keys.isEmpty()) { // replay of an earlier request: charges nothing again
            int i = rnd.nextInt(keys.size());
            String key = keys.get(i);
            Map<String, Object> b = sent.get(i);
            names.add("replay " + key);
            ops.add(() -> staff.withHeader("Idempotency-Key", key).post("/sessions", b));
          } else { // cut or raise the standard
            Map<String, String> next = new LinkedHashMap<>(standard);
            next.put("LOW_VISION", LOW_VISION.get(rnd.nextInt(LOW_VISION.size())));
            if (rnd.nextInt(3) == 0) next.put("HEARING", HEARING.get(rnd.nextInt(HEARING.size())));
            names.add("standard " + next);
            ops.add(() -> admin.put("/aid-standards/" + YEAR, Map.of("minAge", 0, "maxAge", 10, "amounts", next)));
          }
        }
        List<Future<Api.Resp>> fs = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) order.add(i);
        Collections.shuffle(order, rnd);
        for (int i : order) fs.add(pool.submit(ops.get(i)));
        for (int i = 0; i < order.size(); i++) {
          Api.Resp r = fs.get(i).get(60, TimeUnit.SECONDS);
          assertTrue(r.status() == 200 || r.status() == 201, "seed " + seed + " round " + round + " " + names.get(order.get(i)) + ": " + r);
        }
        checkInvariants(seed, round);
      }
      assertTrue(AidFixtures.countWhere("SELECT count(*) FROM aid_ledger l JOIN aid_accounts a ON a.id = l.account_id "
          + "WHERE a.year = ? AND l.kind = 'ADJUSTMENT' AND l.amount > 0", (short) YEAR) > 0, "seed " + seed + ": no raise restored a budget");
    } finally {
      pool.shutdownNow();
      clock.reset();
    }
  }

  private static Api.Resp remember(Api.Resp r, List<String> sessions, List<Map<String, Object>> sent, List<String> keys,
                                   Map<String, Object> body, String key) {
    if (r.status() == 201) {
      sessions.add(r.str("id"));
      if (keys != null) {
        synchronized (sent) {
          sent.add(body);
          keys.add(key);
        }
      }
    }
    return r;
  }

  private static void put(Api admin, Map<String, String> amounts, long seed) {
    Api.Resp r = admin.put("/aid-standards/" + YEAR, Map.of("minAge", 0, "maxAge", 10, "amounts", amounts));
    assertEquals(200, r.status(), "seed " + seed + ": " + r);
  }

  /** One row per account of the year that breaks a rule; none expected. */
  private static void checkInvariants(long seed, int round) {
    List<String> broken = TestApp.jdbi().withHandle(h -> h.createQuery("""
        SELECT a.id, a.budget, a.balance, s.amount + a.adjustment AS target, coalesce(l.total, 0) AS ledger,
               coalesce(x.charged, 0) AS charged
          FROM aid_accounts a
          JOIN aid_standard_amounts s ON s.year = a.year AND s.category = a.category
          LEFT JOIN (SELECT account_id, sum(amount) AS total FROM aid_ledger GROUP BY 1) l ON l.account_id = a.id
          LEFT JOIN (SELECT aid_account_id, sum(aid_charged) AS charged FROM sessions WHERE voided_at IS NULL GROUP BY 1) x
                 ON x.aid_account_id = a.id
         WHERE a.year = :y
           AND NOT (a.balance >= 0
                AND a.balance = coalesce(l.total, 0)
                AND a.budget - a.balance = coalesce(x.charged, 0)
                AND a.budget = GREATEST(s.amount + a.adjustment, a.budget - a.balance))""")
        .bind("y", (short) YEAR)
        .map((rs, c) -> rs.getString("id") + " budget " + rs.getBigDecimal("budget") + " balance " + rs.getBigDecimal("balance")
            + " standard " + rs.getBigDecimal("target") + " ledger " + rs.getBigDecimal("ledger") + " net charges " + rs.getBigDecimal("charged"))
        .list());
    assertTrue(broken.isEmpty(), "seed " + seed + " after round " + round + ": " + broken);
    long accounts = AidFixtures.countWhere("SELECT count(*) FROM aid_accounts WHERE year = ?", (short) YEAR);
    assertTrue(accounts >= 6, "the check covered " + accounts + " accounts");
  }
}
