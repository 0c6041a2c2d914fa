package cn.donghe.rehab.reports;

import static cn.donghe.rehab.reports.ReportFixtures.assertFigures;
import static cn.donghe.rehab.reports.ReportFixtures.indicator;
import static cn.donghe.rehab.reports.ReportFixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PLAN_ADHERENCE (一人一案落实率) through the API: a month's plans against its sessions, the worklist, defaults, bad input. */
class PlanAdherenceApiTest {

  private static Map<String, Object> iv(String type, int perMonth) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serviceType", type);
    m.put("setting", "HOME");
    m.put("sessionsPerMonth", perMonth);
    return m;
  }

  private static String plan(String person, LocalDate start, List<Map<String, Object>> interventions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("goals", List.of("独立行走"));
    body.put("interventions", new ArrayList<>(interventions));
    body.put("startDate", start.toString());
    body.put("reviewDate", start.plusMonths(6).toString());
    Api.Resp r = TestApp.admin().post("/persons/" + person + "/plans", body);
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  /**
   * June 2025. A: 4 of 4 training + 0 of 1 education = 4/5 = 80% (adherent). B: 2 of 4 training (a third voided, three
   * nursing sessions the plan does not schedule) = 50%. C: six education sessions count once against 1 planned, 0 of 4
   * training = 1/5. D's plan starts in July: not in June's denominator. 1 of 3, 33.33%, target 80, short by 2.
   */
  @Test
  void juneOfPlans_countsSessionsMatchedByServiceType_cappedPerType_andListsPlannedVsDelivered() {
    MutableClock clock = TestApp.context().clock();
    ReportFixtures.Area area = ReportFixtures.area();
    String a = area.person(area.a());
    String b = area.person(area.a());
    String c = area.person(area.b());
    String d = area.person(area.b());
    try {
      clock.set(Instant.parse("2025-06-02T02:00:00Z"));
      plan(a, LocalDate.of(2025, 6, 1), List.of(iv("REHAB_TRAINING", 4), iv("HEALTH_EDUCATION", 1)));
      plan(b, LocalDate.of(2025, 6, 1), List.of(iv("REHAB_TRAINING", 4)));
      String planC = plan(c, LocalDate.of(2025, 6, 2), List.of(iv("HEALTH_EDUCATION", 1), iv("REHAB_TRAINING", 4)));
      plan(d, LocalDate.of(2025, 7, 1), List.of(iv("REHAB_TRAINING", 1)));
      clock.set(Instant.parse("2025-06-28T02:00:00Z"));
      for (int i = 1; i <= 4; i++) ReportFixtures.session(area.rehab(), a, LocalDate.of(2025, 6, i * 5), "REHAB_TRAINING");
      ReportFixtures.session(area.rehab(), b, LocalDate.of(2025, 6, 3), "REHAB_TRAINING");
      ReportFixtures.session(area.rehab(), b, LocalDate.of(2025, 6, 4), "REHAB_TRAINING");
      ReportFixtures.voidSession(area.rehab(), ReportFixtures.session(area.rehab(), b, LocalDate.of(2025, 6, 5), "REHAB_TRAINING"));
      for (int i = 1; i <= 3; i++) ReportFixtures.session(area.rehab(), b, LocalDate.of(2025, 6, 10 + i), "REHAB_NURSING");
      for (int i = 1; i <= 6; i++) ReportFixtures.session(area.rehab(), c, LocalDate.of(2025, 6, 10 + i), "HEALTH_EDUCATION");
      // a May and a July session do not count for June
      ReportFixtures.session(area.rehab(), b, LocalDate.of(2025, 5, 31), "REHAB_TRAINING");

      clock.set(Instant.parse("2025-07-03T02:00:00Z"));
      JsonNode r = report("regionCode=" + area.town());
      assertEquals("2025-06", r.path("month").asText(), "default: the last full month");
      JsonNode pa = indicator(r, "PLAN_ADHERENCE");
      assertFigures(pa, 1, 3, "33.33", false, 2);
      assertEquals(80, pa.path("target").asInt());
      assertTrue(pa.path("definition").path("version").asText().startsWith("PLAN_ADHERENCE/"), pa.toString());

      JsonNode byCommunity = indicator(report("regionCode=" + area.town() + "&month=2025-06&groupBy=COMMUNITY"), "PLAN_ADHERENCE");
      assertFigures(ReportFixtures.group(byCommunity, area.a()), 1, 2, "50.00", false, 1);
      assertFigures(ReportFixtures.group(byCommunity, area.b()), 0, 1, "0.00", false, 1);
      assertFigures(indicator(report("regionCode=" + area.town() + "&month=2025-05"), "PLAN_ADHERENCE"), 0, 0, null, true, 0);
      // July: D's plan has started, nobody was served in July yet
      assertFigures(indicator(report("regionCode=" + area.town() + "&month=2025-07"), "PLAN_ADHERENCE"), 0, 4, "0.00", false, 4);

      Api.Resp list = TestApp.admin().get("/reports/indicators/PLAN_ADHERENCE/unserved?regionCode=" + area.town() + "&month=2025-06");
      assertEquals(200, list.status(), list.toString());
      assertEquals(2, list.get("items").size(), list.toString());
      JsonNode rowC = null;
      for (JsonNode row : list.get("items")) if (row.path("personId").asText().equals(c)) rowC = row;
      assertTrue(rowC != null, list.toString());
      JsonNode gap = rowC.path("plan");
      assertEquals(planC, gap.path("planId").asText());
      assertEquals("2025-06", gap.path("month").asText());
      assertEquals(5, gap.path("planned").asInt());
      assertEquals(1, gap.path("delivered").asInt());
      Map<String, String> perType = new LinkedHashMap<>();
      gap.path("interventions").forEach(i -> perType.put(i.path("serviceType").asText(), i.path("planned").asInt() + "/" + i.path("delivered").asInt()));
      assertEquals(Map.of("HEALTH_EDUCATION", "1/6", "REHAB_TRAINING", "4/0"), perType);

      Api.Resp csv = TestApp.admin().withHeader("Accept", "text/csv")
          .get("/reports/indicators/PLAN_ADHERENCE/unserved?regionCode=" + area.town() + "&month=2025-06");
      assertEquals(200, csv.status(), csv.toString());
      String text = csv.text();
      assertTrue(text.contains("HEALTH_EDUCATION 1/6") && text.contains("REHAB_TRAINING 4/0"), text);
      String reportCsv = TestApp.admin().withHeader("Accept", "text/csv")
          .get("/reports/indicators?regionCode=" + area.town() + "&month=2025-06").text();
      assertTrue(reportCsv.contains("PLAN_ADHERENCE") && reportCsv.contains("2025-06"), reportCsv);
    } finally {
      clock.reset();
    }
  }

  /** The default month is the last full month in Shanghai: on 1 January the previous December, on 29 February January. */
  @Test
  void defaultMonth_followsTheMovedClock_on1January_29February_31December() {
    MutableClock clock = TestApp.context().clock();
    ReportFixtures.Area area = ReportFixtures.area();
    try {
      clock.set(Instant.parse("2025-12-31T16:30:00Z")); // 00:30 on 1 January 2026 in Shanghai
      assertEquals("2025-12", report("regionCode=" + area.town()).path("month").asText());
      clock.set(Instant.parse("2024-02-29T04:00:00Z"));
      assertEquals("2024-01", report("regionCode=" + area.town()).path("month").asText());
      clock.set(Instant.parse("2025-12-31T15:59:00Z")); // 23:59 on 31 December in Shanghai
      assertEquals("2025-11", report("regionCode=" + area.town()).path("month").asText());
      // a past year without month: its December
      assertEquals("2024-12", report("year=2024&regionCode=" + area.town()).path("month").asText());
    } finally {
      clock.reset();
    }
    // tokens expire, so a clock beyond them is checked on the rule itself: 29 February 2028 -> January 2028
    assertEquals(java.time.YearMonth.of(2028, 1), ReportService.defaultMonth(2028, LocalDate.of(2028, 2, 29)));
    assertEquals(java.time.YearMonth.of(2027, 12), ReportService.defaultMonth(2028, LocalDate.of(2028, 1, 1)));
    assertEquals(java.time.YearMonth.of(2028, 11), ReportService.defaultMonth(2028, LocalDate.of(2028, 12, 31)));
    assertEquals(java.time.YearMonth.of(2026, 12), ReportService.defaultMonth(2026, LocalDate.of(2028, 3, 1)));
  }

  @Test
  void malformedMonth_is400NamingMonth() {
    for (String bad : List.of("2025-13", "2025-6", "june", "1999-12", "2025-06-01")) {
      Api.Resp r = TestApp.admin().get("/reports/indicators?month=" + bad);
      assertEquals(400, r.status(), bad + " " + r);
      assertTrue(r.toString().contains("month"), r.toString());
      Api.Resp w = TestApp.admin().get("/reports/indicators/PLAN_ADHERENCE/unserved?month=" + bad);
      assertEquals(400, w.status(), bad + " " + w);
    }
  }
}
