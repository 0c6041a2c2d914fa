package cn.donghe.rehab.settlement;

import static cn.donghe.rehab.settlement.SettlementFixtures.money;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.common.ProblemAssert;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fee schedule (DESIGN section 11) and sessions priced from it (section 6): versions with effective dates, aid
 * capped per session, insurance first, a type missing from the schedule refused. Year 2003 is this class's own; the
 * shared clock stands in it while sessions are logged and is put back afterwards.
 */
class FeeScheduleApiTest {
  private static final int YEAR = 2003;
  private static String community;
  private static Api staff;
  private static String child;

  @BeforeAll
  static void world() {
    community = Fixtures.community();
    String clinic = Fixtures.institution(community, true, "REHAB").path("id").asText();
    staff = Fixtures.institutionUser(clinic); // logged in on today's clock: the token outlives the trip to 2003
    SettlementFixtures.aidStandard(YEAR);
    Api.Resp v1 = SettlementFixtures.putSchedule(YEAR, null, "REHAB_TRAINING", "500.00", "PSYCHOLOGICAL_SUPPORT", "200.00");
    assertEquals(200, v1.status(), v1.toString());
    child = SettlementFixtures.enrolledChild(community, YEAR);
  }

  @AfterAll
  static void cleanUp() {
    SettlementFixtures.clockReset();
    SettlementFixtures.reopenQuietly("2002-01");
  }

  @Test
  void demoYears_shipWithADefaultSchedule_withoutHealthEducation() {
    Api.Resp r = TestApp.admin().get("/fee-schedules/2026");
    assertEquals(200, r.status(), r.toString());
    List<String> types = new java.util.ArrayList<>();
    r.get("items").forEach(i -> types.add(i.path("serviceType").asText()));
    assertEquals(List.of("DEVICE_SERVICE", "PSYCHOLOGICAL_SUPPORT", "REHAB_MEDICAL", "REHAB_NURSING", "REHAB_TRAINING"), types);
    assertEquals(404, TestApp.admin().get("/fee-schedules/2001").status());
  }

  @Test
  void firstVersion_startsOnFirstJanuary_andLaterVersionsApplyFromTheirDate() {
    Api.Resp r = TestApp.admin().get("/fee-schedules/" + YEAR);
    assertEquals(YEAR + "-01-01", r.get("versions").get(0).path("effectiveFrom").asText(), r.toString());
    try {
      SettlementFixtures.clockAt(LocalDate.of(YEAR, 5, 10));
      String v = SettlementFixtures.putSchedule(YEAR, YEAR + "-06-01", "REHAB_TRAINING", "400.00").str("version");
      // a May session keeps the first version's cap, and June's has the new one
      Api.Resp may = SettlementFixtures.log(staff, SettlementFixtures.session(child, "REHAB_TRAINING", LocalDate.of(YEAR, 5, 9), "450.00", null, true));
      assertEquals(new BigDecimal("450.00"), money(may.json(), "aidCharged"), may.toString());
      SettlementFixtures.clockAt(LocalDate.of(YEAR, 6, 2));
      Api.Resp june = SettlementFixtures.log(staff, SettlementFixtures.session(child, "REHAB_TRAINING", LocalDate.of(YEAR, 6, 1), "450.00", null, true));
      assertEquals(new BigDecimal("400.00"), money(june.json(), "aidCharged"), june.toString());
      assertEquals(new BigDecimal("50.00"), money(june.json(), "selfPay"));
      // PSYCHOLOGICAL_SUPPORT is not in the June version: no child aid for it from June
      ProblemAssert.invalid(SettlementFixtures.log(staff, SettlementFixtures.session(child, "PSYCHOLOGICAL_SUPPORT", LocalDate.of(YEAR, 6, 1),
          "100.00", null, true)), "serviceType");
      assertEquals("2", v);
    } finally {
      SettlementFixtures.clockReset();
    }
  }

  @Test
  void newVersion_cannotStartBeforeToday_norOutsideTheYear() {
    ProblemAssert.invalid(SettlementFixtures.putSchedule(YEAR, YEAR + "-03-01", "REHAB_TRAINING", "1.00"), "effectiveFrom");
    ProblemAssert.invalid(SettlementFixtures.putSchedule(YEAR, (YEAR + 1) + "-01-01", "REHAB_TRAINING", "1.00"), "effectiveFrom");
  }

  @Test
  void firstVersion_inAClosedMonth_is409_periodClosed() {
    SettlementFixtures.close("2002-01");
    Api.Resp r = SettlementFixtures.putSchedule(2002, null, "REHAB_TRAINING", "100.00");
    ProblemAssert.problem(409, r);
    assertEquals("https://donghe.rehab/problems/period-closed", r.str("type"));
    assertEquals("effectiveFrom", r.str("field"));
    assertEquals(404, TestApp.admin().get("/fee-schedules/2002").status());
    assertEquals(200, SettlementFixtures.putSchedule(2002, "2002-02-01", "REHAB_TRAINING", "100.00").status());
  }

  @Test
  void badItems_are422_namingTheItem_andNothingIsStored() {
    long before = SettlementFixtures.count("SELECT count(*) FROM fee_schedule_versions");
    ProblemAssert.invalid(SettlementFixtures.putSchedule(2004, null, "SWIMMING", "1.00"), "items[0].serviceType");
    ProblemAssert.invalid(SettlementFixtures.putSchedule(2004, null, "REHAB_TRAINING", "-1.00"), "items[0].maxFee");
    ProblemAssert.invalid(SettlementFixtures.putSchedule(2004, null, "REHAB_TRAINING", "1.00", "REHAB_TRAINING", "2.00"), "items[1].serviceType");
    ProblemAssert.invalid(TestApp.admin().put("/fee-schedules/2004", Map.of()), "items");
    assertEquals(before, SettlementFixtures.count("SELECT count(*) FROM fee_schedule_versions"));
  }

  @Test
  void onlyTheDistrictFederation_setsTheSchedule() {
    ProblemAssert.problem(403, Fixtures.regionalAdmin(Fixtures.town()).put("/fee-schedules/2004",
        Map.of("items", List.of(Map.of("serviceType", "REHAB_TRAINING", "maxFee", "1.00")))));
    ProblemAssert.problem(403, staff.put("/fee-schedules/2004", Map.of("items", List.of(Map.of("serviceType", "REHAB_TRAINING", "maxFee", "1.00")))));
  }

  @Test
  void insurancePaysFirst_aidTheRestUpToTheCap_andTheGuardianSeesAllThreeParts() {
    try {
      SettlementFixtures.clockAt(LocalDate.of(YEAR, 3, 10));
      String kid = SettlementFixtures.enrolledChild(community, YEAR);
      Api.Resp r = SettlementFixtures.log(staff, SettlementFixtures.session(kid, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 9), "800.00", "200.00", true));
      assertEquals(201, r.status(), r.toString());
      assertEquals(new BigDecimal("200.00"), money(r.json(), "insurancePaid"));
      assertEquals(new BigDecimal("500.00"), money(r.json(), "aidCharged"));
      assertEquals(new BigDecimal("100.00"), money(r.json(), "selfPay"));
      Api.Resp small = SettlementFixtures.log(staff, SettlementFixtures.session(kid, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 9), "300.00", "250.00", true));
      assertEquals(new BigDecimal("50.00"), money(small.json(), "aidCharged"));
      assertEquals(new BigDecimal("0.00"), money(small.json(), "selfPay"));
      assertEquals(new BigDecimal("19450.00"), money(SettlementFixtures.account(kid, YEAR), "balance"));
      Api guardian = Fixtures.guardianUser(kid);
      Api.Resp seen = guardian.get("/sessions/" + r.str("id"));
      assertEquals(200, seen.status(), seen.toString());
      for (String part : List.of("insurancePaid", "aidCharged", "selfPay")) assertEquals(r.str(part), seen.str(part));
    } finally {
      SettlementFixtures.clockReset();
    }
  }

  @Test
  void insurancePaid_negativeOrAboveTheFee_is422_andNothingIsCharged() {
    long sessions = Fixtures.count("sessions");
    BigDecimal balance = money(SettlementFixtures.account(child, YEAR), "balance");
    try {
      SettlementFixtures.clockAt(LocalDate.of(YEAR, 3, 10));
      ProblemAssert.invalid(SettlementFixtures.log(staff, SettlementFixtures.session(child, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 9), "100.00", "-0.01", true)),
          "insurancePaid");
      ProblemAssert.invalid(SettlementFixtures.log(staff, SettlementFixtures.session(child, "REHAB_TRAINING", LocalDate.of(YEAR, 3, 9), "100.00", "100.01", true)),
          "insurancePaid");
      // HEALTH_EDUCATION is in no version of 2003: it cannot use child aid
      ProblemAssert.invalid(SettlementFixtures.log(staff, SettlementFixtures.session(child, "HEALTH_EDUCATION", LocalDate.of(YEAR, 3, 9), "10.00", null, true)),
          "serviceType");
    } finally {
      SettlementFixtures.clockReset();
    }
    assertEquals(sessions, Fixtures.count("sessions"));
    assertEquals(balance, money(SettlementFixtures.account(child, YEAR), "balance"));
  }
}
