package cn.donghe.rehab.periods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cn.donghe.rehab.common.ProblemAssert;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN section 10: every write dated in a CLOSED month answers 409 period-closed naming the date field, and changes
 * nothing; the same write dated in an open month goes through. The records are made while the (shared) clock stands in
 * March 2019; then it moves to 2 April 2019 and March is closed. Clock and months are put back afterwards.
 */
class ClosedPeriodWritesTest {
  private static final String CLOSED = "2019-03";
  private static final LocalDate IN_MARCH = LocalDate.of(2019, 3, 5);
  private static final LocalDate LATE_MARCH = LocalDate.of(2019, 3, 28);
  private static final LocalDate APRIL = LocalDate.of(2019, 4, 1);

  private static Api rehab;
  private static Api device;
  private static String community;
  private static String person;
  private static String marchSession;
  private static String assessedInMarch;
  private static String assessedFitting;
  private static String fittedFitting;
  private static String openLoan;
  private static String freeItem;

  @BeforeAll
  static void marchHappened() {
    community = Fixtures.community();
    String rehabId = Fixtures.institution(community, false, "REHAB").path("id").asText();
    String deviceId = Fixtures.institution(community, false, "DEVICE").path("id").asText();
    rehab = Fixtures.institutionUser(rehabId); // logged in on today's clock: tokens outlive the trip to 2019
    device = Fixtures.institutionUser(deviceId);
    person = Fixtures.person(community).path("id").asText();
    String type = deviceType();
    try {
      PeriodFixtures.clockAt(LocalDate.of(2019, 3, 10));
      marchSession = created(rehab.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/sessions", session(IN_MARCH)));
      assessedInMarch = Fixtures.person(community).path("id").asText();
      created(TestApp.admin().put("/persons/" + assessedInMarch + "/assessments/2019", assessment(IN_MARCH)));
      assessedFitting = fitting(type, false);
      fittedFitting = fitting(type, true);
      String lent = item(type, deviceId);
      openLoan = created(device.post("/loans", Map.of("itemId", lent, "personId", person, "startDate", IN_MARCH.toString(),
          "dueDate", "2019-06-30")));
      freeItem = item(type, deviceId);
      PeriodFixtures.clockAt(LocalDate.of(2019, 4, 2));
      PeriodFixtures.closed(CLOSED);
      PeriodFixtures.closed("2018-12");
    } catch (RuntimeException | Error e) {
      cleanUp();
      throw e;
    }
  }

  @AfterAll
  static void cleanUp() {
    PeriodFixtures.clockReset();
    PeriodFixtures.reopenQuietly(CLOSED);
    PeriodFixtures.reopenQuietly("2018-12");
  }

  @Test
  void sessionCreate_datedInAClosedMonth_is409_namingDate() {
    long before = Fixtures.count("sessions");
    assertClosed(rehab.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/sessions", session(LATE_MARCH)), "date");
    assertEquals(before, Fixtures.count("sessions"));
    created(rehab.withHeader("Idempotency-Key", UUID.randomUUID().toString()).post("/sessions", session(APRIL)));
  }

  @Test
  void sessionVoid_ofASessionDatedInAClosedMonth_is409_andItStaysCounted() {
    assertClosed(rehab.post("/sessions/" + marchSession + "/void", Map.of("reason", "录入错误")), "date");
    assertFalse("VOIDED".equals(TestApp.admin().get("/sessions/" + marchSession).str("status")));
  }

  @Test
  void assessment_datedInAClosedMonth_orMovedOutOfOne_is409_namingAssessedOn() {
    String fresh = Fixtures.person(community).path("id").asText();
    assertClosed(TestApp.admin().put("/persons/" + fresh + "/assessments/2019", assessment(LATE_MARCH)), "assessedOn");
    assertClosed(TestApp.admin().put("/persons/" + assessedInMarch + "/assessments/2019", assessment(APRIL)), "assessedOn");
    assertEquals(IN_MARCH.toString(), TestApp.admin().get("/persons/" + assessedInMarch + "/assessments").get("items").get(0)
        .path("assessedOn").asText());
    created(TestApp.admin().put("/persons/" + fresh + "/assessments/2019", assessment(APRIL)));
  }

  @Test
  void fittingDelivery_datedInAClosedMonth_is409_namingDeliveredOn() {
    assertClosed(device.post("/fittings/" + assessedFitting + "/deliver", Map.of("deliveredOn", LATE_MARCH.toString(), "subsidy", "100.00")),
        "deliveredOn");
    assertEquals("ASSESSED", TestApp.admin().get("/fittings/" + assessedFitting).str("status"));
    Api.Resp ok = device.post("/fittings/" + assessedFitting + "/deliver", Map.of("deliveredOn", APRIL.toString(), "subsidy", "100.00"));
    assertEquals(200, ok.status(), ok.toString());
  }

  @Test
  void fittingFollowUp_datedInAClosedMonth_is409_namingOn() {
    assertClosed(device.post("/fittings/" + fittedFitting + "/follow-up", Map.of("on", LATE_MARCH.toString(), "outcome", "IN_USE")), "on");
    assertEquals("FITTED", TestApp.admin().get("/fittings/" + fittedFitting).str("status"));
  }

  @Test
  void loanStart_datedInAClosedMonth_is409_namingStartDate_andTheItemStaysAvailable() {
    assertClosed(device.post("/loans", Map.of("itemId", freeItem, "personId", person, "startDate", LATE_MARCH.toString(),
        "dueDate", "2019-06-30")), "startDate");
    assertEquals("AVAILABLE", TestApp.admin().get("/device-items/" + freeItem).str("status"));
  }

  @Test
  void loanReturn_datedInAClosedMonth_is409_namingReturnedOn() {
    assertClosed(device.post("/loans/" + openLoan + "/return", Map.of("returnedOn", LATE_MARCH.toString(), "condition", "GOOD")), "returnedOn");
    assertEquals("OPEN", TestApp.admin().get("/loans/" + openLoan).str("status"));
    Api.Resp ok = device.post("/loans/" + openLoan + "/return", Map.of("returnedOn", APRIL.toString(), "condition", "GOOD"));
    assertEquals(200, ok.status(), ok.toString());
  }

  @Test
  void aidStandardChange_forAYearWhoseLastMonthIsClosed_is409_namingYear() {
    long standards = Fixtures.count("aid_standards");
    Map<String, Object> body = Map.of("minAge", 0, "maxAge", 10, "amounts", Map.of("PHYSICAL", "20000.00"));
    assertClosed(TestApp.admin().put("/aid-standards/2018", body), "year");
    assertEquals(standards, Fixtures.count("aid_standards"));
  }

  private static void assertClosed(Api.Resp r, String field) {
    ProblemAssert.problem(409, r);
    assertEquals("period-closed", r.str("type").replaceAll(".*/", ""), r.toString());
    assertEquals(field, r.str("field"), r.toString());
  }

  private static String created(Api.Resp r) {
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  private static Map<String, Object> session(LocalDate date) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", person);
    m.put("serviceType", "REHAB_TRAINING");
    m.put("date", date.toString());
    m.put("durationMinutes", 45);
    m.put("therapist", "王治疗师");
    m.put("fee", "80.00");
    m.put("useChildAid", false);
    return m;
  }

  private static Map<String, Object> assessment(LocalDate on) {
    return Map.of("assessedOn", on.toString(), "rehabNeeds", List.of("REHAB_TRAINING"), "deviceNeeds", List.of());
  }

  private static String deviceType() {
    String code = "P" + Fixtures.next() + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
    created(TestApp.admin().post("/device-types", Map.of("code", code, "name", "测试辅具" + code, "category", "MOBILITY",
        "subsidy", "800.00", "serviceLifeMonths", 36, "rentable", true)));
    return code;
  }

  private static String item(String type, String institutionId) {
    return created(device.post("/device-items", Map.of("deviceTypeCode", type, "serialNo", "SN-" + UUID.randomUUID().toString().substring(0, 13),
        "condition", "GOOD", "institutionId", institutionId)));
  }

  /** A fitting requested and assessed suitable in March, delivered in March too if asked. */
  private static String fitting(String type, boolean deliver) {
    String id = created(device.post("/fittings", Map.of("personId", Fixtures.person(community).path("id").asText(), "deviceTypeCode", type)));
    assertEquals(200, device.post("/fittings/" + id + "/assess", Map.of("suitable", true, "notes", "适合")).status());
    if (deliver) {
      Api.Resp d = device.post("/fittings/" + id + "/deliver", Map.of("deliveredOn", "2019-03-10", "subsidy", "100.00"));
      assertEquals(200, d.status(), d.toString());
    }
    return id;
  }
}
