package cn.donghe.rehab.reports;

import static cn.donghe.rehab.reports.ReportFixtures.assertFigures;
import static cn.donghe.rehab.reports.ReportFixtures.group;
import static cn.donghe.rehab.reports.ReportFixtures.groupKeys;
import static cn.donghe.rehab.reports.ReportFixtures.indicator;
import static cn.donghe.rehab.reports.ReportFixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Figures, groups, definitions, scope and parameters of the indicator report, on the hand-computed {@link Scenario2025}. */
class IndicatorReportApiTest {
  static final int YEAR = Scenario2025.YEAR;
  static Scenario2025 s;
  static ReportFixtures.Area area;

  @BeforeAll
  static void scenario() {
    s = Scenario2025.get();
    area = s.area;
  }

  private static JsonNode town(String extra) {
    return report("year=" + YEAR + "&regionCode=" + area.town() + extra);
  }

  @Test
  void rehabRate_countsNonVoidedSessionsOfTheYear_excludingPersonsGoneBeforeIt() {
    JsonNode r = town("");
    assertEquals(YEAR, r.path("year").asInt());
    assertEquals(area.town(), r.path("regionCode").asText());
    assertEquals("2025-12-31", r.path("asOf").asText());
    JsonNode rehab = indicator(r, "REHAB_SERVICE_RATE");
    // denominator p1 p2 p3 p4 p5 p7 p8 p11; numerator p1 p4 p5 p8 p11; 90% of 8 = 7.2 -> 8 needed
    assertFigures(rehab, 5, 8, "62.50", false, 3);
    assertEquals("90", rehab.path("target").asText());
    assertEquals(0, rehab.path("groups").size());
  }

  @Test
  void deviceRate_countsDeviceNeedsOnly() {
    assertFigures(indicator(town(""), "DEVICE_FITTING_RATE"), 0, 2, "0.00", false, 2);
  }

  @Test
  void contractRate_countsActivePersonsOnTheAsOfDay_inTheRegionOfTheirRecord() {
    JsonNode r = town("&groupBy=COMMUNITY");
    // active on 31 Dec: all but p6 and p7 (deceased before it) = 9; contracts in force: p1, p11
    JsonNode c = indicator(r, "DOCTOR_CONTRACT_RATE");
    assertFigures(c, 2, 9, "22.22", false, 7);
    assertEquals("100", c.path("target").asText());
    assertFigures(group(c, area.a()), 1, 7, "14.29", false, 6);
    assertFigures(group(c, area.b()), 1, 2, "50.00", false, 1);
    // on 1 March p7 was still alive and only p1's contract was in force
    assertFigures(indicator(town("&asOf=2025-03-01"), "DOCTOR_CONTRACT_RATE"), 1, 10, "10.00", false, 9);
    assertEquals("2025-03-01", town("&asOf=2025-03-01").path("asOf").asText());
  }

  @Test
  void groupByCommunity_countsAMovedPersonWhereTheyWereAssessed() {
    JsonNode rehab = indicator(town("&groupBy=COMMUNITY"), "REHAB_SERVICE_RATE");
    assertEquals(List.of(area.a(), area.b()), groupKeys(rehab));
    JsonNode a = group(rehab, area.a());
    assertFigures(a, 4, 7, "57.14", false, 3);
    assertEquals("测试社区" + area.a().substring(9), a.path("name").asText());
    assertFigures(group(rehab, area.b()), 1, 1, "100.00", true, 0);
  }

  @Test
  void groupByTown_category_grade_andTownCategory() {
    JsonNode byTown = indicator(town("&groupBy=TOWN"), "REHAB_SERVICE_RATE");
    assertEquals(List.of(area.town()), groupKeys(byTown));
    assertFigures(group(byTown, area.town()), 5, 8, "62.50", false, 3);
    assertEquals("测试街道" + area.town().substring(6, 9), group(byTown, area.town()).path("name").asText());

    JsonNode byCategory = indicator(town("&groupBy=CATEGORY"), "REHAB_SERVICE_RATE");
    assertEquals(List.of("HEARING", "PHYSICAL", "VISUAL"), groupKeys(byCategory));
    assertFigures(group(byCategory, "PHYSICAL"), 3, 6, "50.00", false, 3);
    assertEquals("肢体", group(byCategory, "PHYSICAL").path("name").asText());
    assertEquals("Physical", group(byCategory, "PHYSICAL").path("nameEn").asText());
    assertFigures(group(byCategory, "VISUAL"), 1, 1, "100.00", true, 0);
    assertFigures(group(byCategory, "HEARING"), 1, 1, "100.00", true, 0);

    JsonNode byGrade = indicator(town("&groupBy=GRADE"), "REHAB_SERVICE_RATE");
    assertEquals(List.of("1", "2", "3"), groupKeys(byGrade));
    assertFigures(group(byGrade, "2"), 3, 6, "50.00", false, 3);
    assertEquals("二级", group(byGrade, "2").path("name").asText());

    JsonNode two = town("&groupBy=TOWN,CATEGORY");
    assertEquals("TOWN,CATEGORY", two.path("groupBy").asText());
    JsonNode twoLevels = indicator(two, "REHAB_SERVICE_RATE");
    assertEquals(List.of(area.town() + "/HEARING", area.town() + "/PHYSICAL", area.town() + "/VISUAL"), groupKeys(twoLevels));
    assertFigures(group(twoLevels, area.town() + "/PHYSICAL"), 3, 6, "50.00", false, 3);
    assertTrue(group(twoLevels, area.town() + "/PHYSICAL").path("name").asText().endsWith(" / 肢体"));
    // the contract rate groups by the record's community
    assertFigures(group(indicator(two, "DOCTOR_CONTRACT_RATE"), area.town() + "/PHYSICAL"), 1, 7, "14.29", false, 6);
  }

  @Test
  void communityFilter_coversOnlyThatCommunity() {
    JsonNode r = report("year=" + YEAR + "&regionCode=" + area.b());
    assertFigures(indicator(r, "REHAB_SERVICE_RATE"), 1, 1, "100.00", true, 0);
    assertFigures(indicator(r, "DOCTOR_CONTRACT_RATE"), 1, 2, "50.00", false, 1);
  }

  @Test
  void everyIndicator_carriesItsVersionedDefinition_inChineseAndEnglish() {
    JsonNode r = town("");
    assertEquals(2, r.path("definitionVersion").asInt(), r.toString());
    JsonNode v1 = town("&definitionVersion=1");
    assertEquals(1, v1.path("definitionVersion").asInt());
    for (JsonNode i : v1.path("indicators")) assertEquals(i.path("code").asText() + "/2026-1", i.path("definition").path("version").asText());
    assertEquals(List.of("REHAB_SERVICE_RATE", "DEVICE_FITTING_RATE", "DOCTOR_CONTRACT_RATE", "CHILD_AID_UTILISATION", "PLAN_ADHERENCE"),
        r.path("indicators").findValuesAsText("code"));
    for (JsonNode i : r.path("indicators")) {
      JsonNode d = i.path("definition");
      // need-matched counting (version 2) changed the rehab and device definitions only
      boolean matched = i.path("code").asText().equals("REHAB_SERVICE_RATE") || i.path("code").asText().equals("DEVICE_FITTING_RATE");
      assertEquals(i.path("code").asText() + (matched ? "/2026-2" : "/2026-1"), d.path("version").asText());
      for (String part : List.of("numerator", "denominator")) {
        assertTrue(d.path(part).path("zh").asText().length() > 10, d.toString());
        assertTrue(d.path(part).path("en").asText().endsWith("."), d.toString());
      }
    }
  }

  @Test
  void regionalAdmin_seesOwnTownByDefault_andNoOther() {
    Api regional = Fixtures.regionalAdmin(area.town());
    Api.Resp own = regional.get("/reports/indicators?year=" + YEAR);
    assertEquals(200, own.status(), own.toString());
    assertEquals(area.town(), own.json().path("regionCode").asText());
    assertFigures(indicator(own.json(), "REHAB_SERVICE_RATE"), 5, 8, "62.50", false, 3);
    assertEquals(200, regional.get("/reports/indicators?year=" + YEAR + "&regionCode=" + area.a()).status());
    String other = Fixtures.town();
    Api.Resp foreign = regional.get("/reports/indicators?year=" + YEAR + "&regionCode=" + other);
    assertEquals(404, foreign.status(), foreign.toString());
    assertEquals("application/problem+json", foreign.contentType());
    assertEquals(404, regional.get("/reports/indicators?regionCode=150202000000").status());
  }

  @Test
  void otherRoles_areForbidden_andAnonymousUnauthorised() {
    Api doctor = Fixtures.doctorUser(area.doctorId());
    Api guardian = Fixtures.guardianUser(s.p1);
    for (Api api : List.of(area.rehab(), doctor, guardian)) {
      for (String path : List.of("/reports/indicators?year=2025", "/reports/indicators/REHAB_SERVICE_RATE/unserved",
          "/reports/indicators/REHAB_SERVICE_RATE/measure-report", "/reports/snapshots")) {
        Api.Resp r = api.get(path);
        assertEquals(403, r.status(), path + " " + r);
        assertEquals("application/problem+json", r.contentType());
      }
    }
    assertEquals(401, cn.donghe.rehab.support.TestApp.anonymous().get("/reports/indicators").status());
  }

  @Test
  void malformedParameters_answer400_namingTheParameter_unknownRegion404() {
    for (String q : List.of("year=20x5", "year=1999", "regionCode=1502", "groupBy=STREET", "groupBy=AGE", "asOf=2025-13-01", "format=pdf",
        "definitionVersion=3", "definitionVersion=v2")) {
      Api.Resp r = ReportFixtures.admin().get("/reports/indicators?" + q);
      assertEquals(400, r.status(), q + " " + r);
      assertEquals("application/problem+json", r.contentType());
      assertEquals(q.substring(0, q.indexOf('=')), r.json().path("errors").path(0).path("field").asText(), r.toString());
    }
    Api.Resp w = ReportFixtures.admin().get("/reports/indicators/REHAB_SERVICE_RATE/unserved?definitionVersion=0");
    assertEquals(400, w.status(), w.toString());
    assertEquals("definitionVersion", w.json().path("errors").path(0).path("field").asText(), w.toString());
    assertEquals(404, ReportFixtures.admin().get("/reports/indicators?regionCode=150299999999").status());
    assertEquals(404, ReportFixtures.admin().get("/reports/indicators/NO_SUCH_RATE/unserved").status());
  }
}
