package cn.donghe.rehab.periods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.ProblemAssert;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN section 10: months are OPEN until the district federation closes them; close and reopen are audited. */
class PeriodApiTest {
  private static final String AUDITED = "SELECT count(*) FROM audit_events WHERE entity = 'period' AND entity_id = ? AND action = ?";

  @Test
  void aYear_listsTwelveMonths_allOpenUntilClosed() {
    Api.Resp r = TestApp.admin().get("/periods?year=2004");
    assertEquals(200, r.status(), r.toString());
    JsonNode items = r.get("items");
    assertEquals(12, items.size());
    assertEquals("2004-01", items.get(0).path("period").asText());
    assertEquals("2004-12", items.get(11).path("period").asText());
    for (JsonNode m : items) {
      assertEquals("OPEN", m.path("status").asText());
      assertTrue(m.path("closedAt").isMissingNode(), m.toString());
    }
  }

  @Test
  void close_thenReopen_withNoteAndReason_bothAudited() {
    String period = "2005-02";
    try {
      Api.Resp c = TestApp.admin().post("/periods/" + period + "/close", Map.of("note", "已上报省残联"));
      assertEquals(200, c.status(), c.toString());
      assertEquals("CLOSED", c.str("status"));
      assertEquals("已上报省残联", c.str("note"));
      assertTrue(c.str("closedAt") != null && c.str("closedBy") != null, c.toString());
      assertEquals("CLOSED", TestApp.admin().get("/periods?year=2005").get("items").get(1).path("status").asText());
      assertEquals(1, PeriodFixtures.count(AUDITED, period, "CLOSE"));

      ProblemAssert.problem(409, TestApp.admin().post("/periods/" + period + "/close", Map.of("note", "again")));

      Api.Resp o = TestApp.admin().post("/periods/" + period + "/reopen", Map.of("reason", "更正 3 月的康复记录"));
      assertEquals(200, o.status(), o.toString());
      assertEquals("OPEN", o.str("status"));
      assertEquals(1, PeriodFixtures.count(AUDITED + " AND after->>'reason' = ?", period, "REOPEN", "更正 3 月的康复记录"));
      ProblemAssert.problem(409, TestApp.admin().post("/periods/" + period + "/reopen", Map.of("reason", "again")));
    } finally {
      PeriodFixtures.reopenQuietly(period);
    }
  }

  @Test
  void reopen_withoutAReason_is422_andTheMonthStaysClosed() {
    String period = "2005-03";
    try {
      PeriodFixtures.closed(period);
      ProblemAssert.invalid(TestApp.admin().post("/periods/" + period + "/reopen", Map.of()), "reason");
      ProblemAssert.invalid(TestApp.admin().post("/periods/" + period + "/reopen", Map.of("reason", "  ")), "reason");
      assertEquals("CLOSED", TestApp.admin().get("/periods?year=2005").get("items").get(2).path("status").asText());
      assertEquals(0, PeriodFixtures.count(AUDITED, period, "REOPEN"));
    } finally {
      PeriodFixtures.reopenQuietly(period);
    }
  }

  @Test
  void closingAMonthThatHasNotEnded_is422_namingPeriod_andNothingChanges() {
    String thisMonth = YearMonth.from(LocalDate.now(TestApp.context().clock())).toString();
    String nextMonth = YearMonth.from(LocalDate.now(TestApp.context().clock())).plusMonths(1).toString();
    TestApp.admin(); // logged in (and audited) before counting
    long audits = Fixtures.count("audit_events");
    ProblemAssert.invalid(PeriodFixtures.close(thisMonth), "period");
    ProblemAssert.invalid(PeriodFixtures.close(nextMonth), "period");
    assertEquals(audits, Fixtures.count("audit_events"));
    assertEquals(0, PeriodFixtures.count("SELECT count(*) FROM periods WHERE period IN (?, ?)", thisMonth, nextMonth));
  }

  @Test
  void malformedPeriodOrYear_is400_namingTheParameter() {
    for (String bad : new String[] {"2025-13", "2025-3", "202503", "1999-12", "abcd-ef"}) {
      Api.Resp r = PeriodFixtures.close(bad);
      ProblemAssert.problem(400, r);
      assertEquals("period", r.get("errors").get(0).path("field").asText(), r.toString());
    }
    Api.Resp y = TestApp.admin().get("/periods?year=20x5");
    ProblemAssert.problem(400, y);
    assertEquals("year", y.get("errors").get(0).path("field").asText(), y.toString());
  }

  @Test
  void onlyTheDistrictAdmin_closesOrReopens() {
    Api regional = Fixtures.regionalAdmin(Fixtures.town());
    String inst = Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(inst);
    long audits = Fixtures.count("audit_events");
    ProblemAssert.problem(403, regional.post("/periods/2005-04/close", Map.of("note", "x")));
    ProblemAssert.problem(403, regional.post("/periods/2005-04/reopen", Map.of("reason", "x")));
    ProblemAssert.problem(403, staff.post("/periods/2005-04/close", Map.of("note", "x")));
    ProblemAssert.problem(403, staff.get("/periods?year=2005"));
    assertEquals(audits, Fixtures.count("audit_events"));
    assertEquals(200, regional.get("/periods?year=2005").status());
    assertEquals(401, TestApp.anonymous().get("/periods?year=2005").status());
  }

  @Test
  void aSnapshotOfAYearWithAllMonthsClosed_isFinal_andOtherwiseNot() {
    int year = 2006;
    try {
      for (int m = 1; m <= 11; m++) PeriodFixtures.closed(YearMonth.of(year, m).toString());
      Api.Resp partial = TestApp.admin().post("/reports/snapshots", Map.of("year", year));
      assertEquals(201, partial.status(), partial.toString());
      assertFalse(partial.get("final").asBoolean(true), partial.toString());
      PeriodFixtures.closed(year + "-12");
      Api.Resp full = TestApp.admin().post("/reports/snapshots", Map.of("year", year));
      assertEquals(201, full.status(), full.toString());
      assertTrue(full.get("final").asBoolean(false), full.toString());
      assertTrue(TestApp.admin().get("/reports/snapshots/" + full.str("id")).get("final").asBoolean(false));
    } finally {
      for (int m = 1; m <= 12; m++) PeriodFixtures.reopenQuietly(YearMonth.of(year, m).toString());
    }
  }
}
