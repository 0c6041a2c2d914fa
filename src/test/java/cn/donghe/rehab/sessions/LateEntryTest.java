package cn.donghe.rehab.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.ProblemAssert;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 4: past years stay closed to institutions. An INSTITUTION may date a session at most LATE_ENTRY_DAYS
 * (31) days back; an ADMIN may record an older one for an institution with a lateEntryReason, audited. A fee above
 * the per-session cap is refused.
 */
class LateEntryTest {
  private static String community;
  private static AidFixtures.Clinic clinic;

  @BeforeAll
  static void setUp() {
    community = Fixtures.community();
    clinic = AidFixtures.clinic(community, true);
  }

  private static String enrolledChild(int year) {
    String child = AidFixtures.child(community, Category.PHYSICAL, year, 5).path("id").asText();
    AidFixtures.enrol(child, year, "PHYSICAL");
    return child;
  }

  @Test
  void institution_cannotDateASession400DaysBack_andLastYearsBudgetStaysUntouched() {
    LocalDate old = AidFixtures.today().minusDays(400);
    String child = enrolledChild(old.getYear());
    long sessions = Fixtures.count("sessions");
    Api.Resp r = AidFixtures.log(clinic.staff(), AidFixtures.session(child, "3000.00", true, old));
    ProblemAssert.invalid(r, "date");
    assertEquals(sessions, Fixtures.count("sessions"));
    JsonNode a = AidFixtures.account(child, old.getYear());
    assertEquals(a.path("budget").asText(), a.path("balance").asText(), "nothing charged to last year's budget");
  }

  @Test
  void institution_windowIs31Days_inclusive() {
    String adult = Fixtures.person(community).path("id").asText();
    LocalDate today = AidFixtures.today();
    assertEquals(201, AidFixtures.log(clinic.staff(), AidFixtures.session(adult, "10.00", false, today.minusDays(31))).status());
    ProblemAssert.invalid(AidFixtures.log(clinic.staff(), AidFixtures.session(adult, "10.00", false, today.minusDays(32))), "date");
  }

  /**
   * The window counts days in Asia/Shanghai, whatever the year: on 1 January the last 31 days of December are open
   * (charged to that year's account), on 29 February the window reaches back to 29 January, and at 23:59:59 on
   * 31 December tomorrow is still the future. The clock is moved; logins happen after moving it.
   */
  @Test
  void theWindow_acrossNewYear_aLeapDay_andNewYearsEve_countsShanghaiDays() {
    String child27 = enrolledChild(2027);
    String child28 = enrolledChild(2028);
    cn.donghe.rehab.common.MutableClock clock = TestApp.context().clock();
    try {
      clock.set(java.time.Instant.parse("2027-12-31T16:30:00Z")); // 1 Jan 2028, 00:30 in Shanghai
      Api staff = Fixtures.institutionUser(clinic.id());
      Api.Resp dec1 = AidFixtures.log(staff, AidFixtures.session(child27, "100.00", true, LocalDate.of(2027, 12, 1)));
      assertEquals(201, dec1.status(), dec1.toString());
      assertEquals("100.00", dec1.str("aidCharged"));
      ProblemAssert.invalid(AidFixtures.log(staff, AidFixtures.session(child27, "100.00", true, LocalDate.of(2027, 11, 30))), "date");
      ProblemAssert.invalid(AidFixtures.log(staff, AidFixtures.session(child28, "100.00", true, LocalDate.of(2028, 1, 2))), "date");

      clock.set(java.time.Instant.parse("2028-02-29T04:00:00Z")); // 29 Feb 2028, noon in Shanghai
      staff = Fixtures.institutionUser(clinic.id());
      assertEquals(201, AidFixtures.log(staff, AidFixtures.session(child28, "10.00", true, LocalDate.of(2028, 1, 29))).status());
      ProblemAssert.invalid(AidFixtures.log(staff, AidFixtures.session(child28, "10.00", true, LocalDate.of(2028, 1, 28))), "date");

      clock.set(java.time.Instant.parse("2028-12-31T15:59:59Z")); // 31 Dec 2028, 23:59:59 in Shanghai
      staff = Fixtures.institutionUser(clinic.id());
      assertEquals(201, AidFixtures.log(staff, AidFixtures.session(child28, "10.00", true, LocalDate.of(2028, 12, 31))).status());
      assertEquals(201, AidFixtures.log(staff, AidFixtures.session(child28, "10.00", true, LocalDate.of(2028, 11, 30))).status());
      ProblemAssert.invalid(AidFixtures.log(staff, AidFixtures.session(child28, "10.00", true, LocalDate.of(2029, 1, 1))), "date");
      ProblemAssert.invalid(AidFixtures.log(staff, AidFixtures.session(child28, "10.00", true, LocalDate.of(2028, 11, 29))), "date");
    } finally {
      clock.reset();
    }
    // read as the admin, whose token lives in real time
    assertEquals(0, new java.math.BigDecimal("100.00").compareTo(AidFixtures.money(AidFixtures.account(child27, 2027), "spent")),
        "charged to the 2027 account");
    assertEquals(0, new java.math.BigDecimal("30.00").compareTo(AidFixtures.money(AidFixtures.account(child28, 2028), "spent")),
        "three sessions of 10.00 charged to the 2028 account, nothing of the refused ones");
  }

  @Test
  void institution_mayNotGiveALateEntryReason_norAnotherInstitutionsId() {
    String adult = Fixtures.person(community).path("id").asText();
    Map<String, Object> b = AidFixtures.session(adult, "10.00", false, AidFixtures.today().minusDays(60));
    b.put("lateEntryReason", "补录");
    ProblemAssert.invalid(AidFixtures.log(clinic.staff(), b), "lateEntryReason");
    Map<String, Object> other = AidFixtures.session(adult, "10.00", false);
    other.put("institutionId", AidFixtures.clinic(community, true).id());
    ProblemAssert.invalid(AidFixtures.log(clinic.staff(), other), "institutionId");
  }

  @Test
  void admin_recordsAnOlderSession_withAReason_audited_andItChargesThatYearsAccount() {
    LocalDate old = AidFixtures.today().minusDays(400);
    String child = enrolledChild(old.getYear());
    Map<String, Object> body = AidFixtures.session(child, "300.00", true, old);

    ProblemAssert.invalid(AidFixtures.lateEntry(clinic.id(), body, null), "lateEntryReason");
    ProblemAssert.invalid(AidFixtures.log(TestApp.admin(), body), "institutionId");

    Api.Resp r = AidFixtures.lateEntry(clinic.id(), body, "纸质记录补录，经区残联核准");
    assertEquals(201, r.status(), r.toString());
    assertEquals("300.00", r.str("aidCharged"));
    assertEquals(clinic.id(), r.str("institutionId"));
    assertEquals("纸质记录补录，经区残联核准", r.str("lateEntryReason"));
    JsonNode a = AidFixtures.account(child, old.getYear());
    assertEquals("300.00", a.path("spent").asText());
    assertEquals(1, AidFixtures.countWhere("SELECT count(*) FROM audit_events WHERE entity = 'session' AND entity_id = ? "
        + "AND actor_role = 'ADMIN' AND after->>'lateEntryReason' = ?", r.str("id"), "纸质记录补录，经区残联核准"));
    // the institution sees the session and may void it
    assertEquals(200, clinic.staff().get("/sessions/" + r.str("id")).status());
  }

  @Test
  void regionalAdmin_mayNotRecordForAnInstitutionOutsideTheirRegion() {
    String adult = Fixtures.person(community).path("id").asText();
    Api townAdmin = Fixtures.regionalAdmin(Fixtures.town());
    Map<String, Object> b = AidFixtures.session(adult, "10.00", false, AidFixtures.today().minusDays(90));
    b.put("institutionId", clinic.id());
    b.put("lateEntryReason", "补录");
    Api.Resp r = AidFixtures.log(townAdmin, b);
    assertTrue(r.status() == 404 || r.status() == 422, r.toString());
  }

  @Test
  void feeAboveThePerSessionCap_isRefused() {
    String child = enrolledChild(AidFixtures.thisYear());
    ProblemAssert.invalid(AidFixtures.log(clinic.staff(), AidFixtures.session(child, "5000.01", true)), "fee");
    assertEquals(201, AidFixtures.log(clinic.staff(), AidFixtures.session(child, "5000.00", true)).status());
  }
}
