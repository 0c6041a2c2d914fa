package cn.donghe.rehab.settlement;

import static cn.donghe.rehab.settlement.SettlementFixtures.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.ProblemAssert;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.Spreadsheets;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A month of child aid settled (DESIGN section 11, issue 18 "done when"): charges in March 2013, the month closed, the
 * statement drawn, two lines rejected (the aid back in the children's accounts), approved, the voucher downloaded; and
 * everyone who must not: another institution, a guardian, a town admin of another town, an open month, a session a day
 * late. Year 2013 is this class's own; clock and months are put back afterwards.
 */
class SettlementApiTest {
  private static final int YEAR = 2013;
  private static final String MARCH = "2013-03";
  private static String community;
  private static String clinic;
  private static Api staff;
  private static String otherClinic;
  private static Api otherStaff;
  private static String undesignated;
  private static String childA;
  private static String childB;
  private static String s1;
  private static String s2;
  private static String s3;
  private static String selfPaid;
  private static String voided;
  private static String aprilFirst;

  @BeforeAll
  static void marchHappened() {
    community = Fixtures.community();
    // a hostile name: the voucher must defuse it
    clinic = TestApp.admin().post("/institutions", Map.of("name", Spreadsheets.FORMULA, "regionCode", community, "services", List.of("REHAB"),
        "childAidDesignated", true)).str("id");
    staff = Fixtures.institutionUser(clinic); // logged in on today's clock: tokens outlive the trip to 2013
    otherClinic = Fixtures.institution(community, true, "REHAB").path("id").asText();
    otherStaff = Fixtures.institutionUser(otherClinic);
    undesignated = Fixtures.institution(community, false, "REHAB").path("id").asText();
    SettlementFixtures.aidStandard(YEAR);
    assertEquals(200, SettlementFixtures.putSchedule(YEAR, null, "REHAB_TRAINING", "500.00", "PSYCHOLOGICAL_SUPPORT", "200.00").status());
    childA = SettlementFixtures.enrolledChild(community, YEAR);
    childB = SettlementFixtures.enrolledChild(community, YEAR);
    try {
      SettlementFixtures.clockAt(LocalDate.of(YEAR, 3, 31));
      s1 = SettlementFixtures.logged(staff, SettlementFixtures.session(childA, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 3), "800.00", "200.00", true));
      s2 = SettlementFixtures.logged(staff, SettlementFixtures.session(childA, "PSYCHOLOGICAL_SUPPORT", LocalDate.of(YEAR, 3, 10), "150.00", null, true));
      s3 = SettlementFixtures.logged(staff, SettlementFixtures.session(childB, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 31), "300.00", null, true));
      selfPaid = SettlementFixtures.logged(staff, SettlementFixtures.session(childB, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 12), "100.00", null, false));
      voided = SettlementFixtures.logged(staff, SettlementFixtures.session(childB, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 13), "100.00", null, true));
      assertEquals(200, staff.post("/sessions/" + voided + "/void", Map.of("reason", "录错")).status());
      SettlementFixtures.logged(otherStaff, SettlementFixtures.session(childB, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 14), "10.00", null, true));
      SettlementFixtures.clockAt(LocalDate.of(YEAR, 4, 2));
      aprilFirst = SettlementFixtures.logged(staff, SettlementFixtures.session(childA, "REHAB_TRAINING", LocalDate.of(YEAR, 4, 1), "100.00", null, true));
      SettlementFixtures.close(MARCH);
    } catch (RuntimeException | Error e) {
      cleanUp();
      throw e;
    }
  }

  @AfterAll
  static void cleanUp() {
    SettlementFixtures.clockReset();
    SettlementFixtures.reopenQuietly(MARCH);
  }

  private static Api.Resp create(Api who, String institution, String period) {
    return who.post("/settlements", Map.of("institutionId", institution, "period", period));
  }

  @Test
  void fullMonth_statement_rejectTwoLines_approve_voucher() {
    BigDecimal balanceA = money(SettlementFixtures.account(childA, YEAR), "balance");
    BigDecimal balanceB = money(SettlementFixtures.account(childB, YEAR), "balance");
    Api.Resp r = create(TestApp.admin(), clinic, MARCH);
    assertEquals(201, r.status(), r.toString());
    String id = r.str("id");
    assertEquals("DRAFT", r.str("status"));
    List<String> lines = new ArrayList<>();
    r.get("lines").forEach(l -> lines.add(l.path("sessionId").asText()));
    // only aid charges of this institution in March: not the self-paid, the voided, another clinic's, or 1 April's
    assertEquals(List.of(s1, s2, s3), lines);
    JsonNode first = r.get("lines").get(0);
    assertEquals("800.00", first.path("fee").asText());
    assertEquals("200.00", first.path("insurancePaid").asText());
    assertEquals("500.00", first.path("aidCharged").asText());
    assertEquals("PENDING", first.path("status").asText());
    assertEquals("950.00", r.get("totals").path("aidClaimed").asText());

    // a session a day late (dated in the closed month) cannot slip in
    Api.Resp late = SettlementFixtures.log(staff, SettlementFixtures.session(childA, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 31), "10.00", null, true));
    assertEquals(409, late.status(), late.toString());

    Api.Resp rej1 = TestApp.admin().post("/settlements/" + id + "/lines/" + s1 + "/reject", Map.of("reason", "无治疗记录 no treatment record"));
    assertEquals(200, rej1.status(), rej1.toString());
    Api.Resp rej3 = TestApp.admin().post("/settlements/" + id + "/lines/" + s3 + "/reject", Map.of("reason", "重复收费 charged twice"));
    assertEquals("800.00", rej3.get("totals").path("aidRejected").asText(), rej3.toString());
    assertEquals("150.00", rej3.get("totals").path("aidPayable").asText());
    assertEquals(balanceA.add(new BigDecimal("500.00")), money(SettlementFixtures.account(childA, YEAR), "balance"));
    assertEquals(balanceB.add(new BigDecimal("300.00")), money(SettlementFixtures.account(childB, YEAR), "balance"));
    JsonNode entries = SettlementFixtures.account(childA, YEAR).get("entries");
    JsonNode refund = entries.get(entries.size() - 1);
    assertEquals("SETTLEMENT_REFUND", refund.path("kind").asText());
    assertEquals("500.00", refund.path("amount").asText());
    assertEquals(s1, refund.path("sessionId").asText());
    // the guardian's child page reads the same ledger: the refund is there
    Api guardian = Fixtures.guardianUser(childA);
    assertTrue(guardian.get("/aid-accounts?personId=" + childA + "&year=" + YEAR).text().contains("SETTLEMENT_REFUND"));

    ProblemAssert.problem(409, TestApp.admin().post("/settlements/" + id + "/lines/" + s1 + "/reject", Map.of("reason", "again")));
    Api.Resp approved = TestApp.admin().post("/settlements/" + id + "/approve", null);
    assertEquals(200, approved.status(), approved.toString());
    assertEquals("APPROVED", approved.str("status"));
    assertEquals("ACCEPTED", approved.get("lines").get(1).path("status").asText());
    assertEquals("150.00", approved.get("totals").path("aidPayable").asText());

    // final: no more review, no second approval, the balance does not move again
    BigDecimal after = money(SettlementFixtures.account(childA, YEAR), "balance");
    Api.Resp late2 = TestApp.admin().post("/settlements/" + id + "/lines/" + s2 + "/reject", Map.of("reason", "too late"));
    ProblemAssert.problem(409, late2);
    assertTrue(late2.str("type").endsWith("settlement-approved"));
    ProblemAssert.problem(409, TestApp.admin().post("/settlements/" + id + "/approve", null));
    assertEquals(after, money(SettlementFixtures.account(childA, YEAR), "balance"));
    // the database refuses it too
    assertThrowsSql(() -> TestApp.jdbi().useHandle(h -> h.execute("UPDATE settlement_lines SET status = 'REJECTED', reason = 'x' WHERE session_id = ?::uuid", s2)));

    // the sum of approved payable amounts equals the sum of accepted lines
    assertEquals(0, new BigDecimal("150.00").compareTo(SettlementFixtures.sum("SELECT COALESCE(sum(l.aid_charged), 0) FROM settlement_lines l JOIN settlements s "
        + "ON s.id = l.settlement_id WHERE s.id = ?::uuid AND l.status = 'ACCEPTED'", id)));

    // an approved session cannot be voided, even once the month is open again
    try {
      SettlementFixtures.reopenQuietly(MARCH);
      Api.Resp v = staff.post("/sessions/" + s2 + "/void", Map.of("reason", "想作废"));
      ProblemAssert.problem(409, v);
      assertTrue(v.str("type").endsWith("session-settled"), v.toString());
    } finally {
      SettlementFixtures.close(MARCH);
    }

    // the voucher, as CSV and XLSX: every line and the totals, the hostile institution name defused
    Api.Resp csv = TestApp.admin().get("/settlements/" + id + "?format=csv");
    assertEquals(200, csv.status(), csv.toString());
    List<List<String>> rows = Spreadsheets.csv(csv.raw().body());
    assertEquals(1 + 3 + 3, rows.size(), rows.toString());
    Spreadsheets.assertNoLiveFormula(rows, "settlement csv");
    assertTrue(rows.toString().contains(Spreadsheets.DEFUSED), rows.toString());
    assertEquals("150.00", rows.get(6).get(8));
    Api.Resp xlsx = staff.withHeader("Accept", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").get("/settlements/" + id);
    assertEquals(200, xlsx.status(), xlsx.toString());
    Spreadsheets.assertNoLiveFormula(Spreadsheets.xlsx(xlsx.raw().body()), "settlement xlsx");
  }

  @Test
  void scope_institutionSeesOnlyItsOwn_othersSeeNothing() {
    String id = draft(otherClinic);
    assertEquals(200, otherStaff.get("/settlements/" + id).status());
    ProblemAssert.problem(404, staff.get("/settlements/" + id));
    ProblemAssert.problem(404, Fixtures.regionalAdmin(Fixtures.town()).get("/settlements/" + id));
    assertEquals(200, Fixtures.regionalAdmin(community.substring(0, 9) + "000").get("/settlements/" + id).status());
    ProblemAssert.problem(403, Fixtures.guardianUser(childB).get("/settlements/" + id));
    // a list filtered on another institution shows an institution nothing of it
    Api.Resp list = staff.get("/settlements?institutionId=" + otherClinic);
    assertEquals(0, list.get("items").size(), list.toString());
    assertFalse(staff.get("/settlements").text().contains(id));
    assertTrue(otherStaff.get("/settlements?period=" + MARCH).text().contains(id));
    // nobody but the district federation reviews
    for (Api who : List.of(otherStaff, Fixtures.regionalAdmin(community.substring(0, 9) + "000"))) {
      assertEquals(403, who.post("/settlements/" + id + "/approve", null).status());
      assertEquals(403, who.post("/settlements/" + id + "/lines/" + s1 + "/reject", Map.of("reason", "x")).status());
      assertEquals(403, create(who, otherClinic, MARCH).status());
    }
  }

  @Test
  void badInput_openMonth_undesignated_unknownLine_noReason_andNothingChanges() {
    long statements = SettlementFixtures.count("SELECT count(*) FROM settlements");
    Api.Resp open = create(TestApp.admin(), clinic, "2013-04");
    ProblemAssert.problem(409, open);
    assertTrue(open.str("type").endsWith("period-not-closed"));
    assertEquals("period", open.str("field"));
    ProblemAssert.invalid(create(TestApp.admin(), undesignated, MARCH), "institutionId");
    ProblemAssert.invalid(create(TestApp.admin(), java.util.UUID.randomUUID().toString(), MARCH), "institutionId");
    ProblemAssert.invalid(create(TestApp.admin(), clinic, "2013-3"), "period");
    ProblemAssert.invalid(TestApp.admin().post("/settlements", Map.of()), "institutionId", "period");
    assertEquals(statements, SettlementFixtures.count("SELECT count(*) FROM settlements"));

    String id = draft(otherClinic);
    Api.Resp notALine = TestApp.admin().post("/settlements/" + id + "/lines/" + s1 + "/reject", Map.of("reason", "不是本单"));
    ProblemAssert.problem(404, notALine);
    assertEquals("sessionId", notALine.str("field"));
    ProblemAssert.invalid(TestApp.admin().post("/settlements/" + id + "/lines/" + s1 + "/reject", Map.of("reason", " ")), "reason");
    ProblemAssert.problem(404, TestApp.admin().post("/settlements/" + java.util.UUID.randomUUID() + "/approve", null));
  }

  @Test
  void fortyConcurrentGenerations_makeOneStatement() throws Exception {
    String inst = Fixtures.institution(community, true, "REHAB").path("id").asText();
    ExecutorService pool = Executors.newFixedThreadPool(40);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) calls.add(() -> create(TestApp.admin(), inst, MARCH).status());
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(calls)) statuses.add(f.get());
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
      assertEquals(39, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, SettlementFixtures.count("SELECT count(*) FROM settlements WHERE institution_id = ?::uuid", inst));
  }

  /** The DRAFT statement of the institution for March (created once). */
  private static synchronized String draft(String institution) {
    Api.Resp r = create(TestApp.admin(), institution, MARCH);
    if (r.status() == 201) return r.str("id");
    return r.str("settlementId");
  }

  private static void assertThrowsSql(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException expected) {
      return;
    }
    throw new AssertionError("the database accepted a change of an approved statement");
  }
}
