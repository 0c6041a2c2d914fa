package cn.donghe.rehab.reports;

import static cn.donghe.rehab.reports.ReportFixtures.assertFigures;
import static cn.donghe.rehab.reports.ReportFixtures.group;
import static cn.donghe.rehab.reports.ReportFixtures.indicator;
import static cn.donghe.rehab.reports.ReportFixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Boundaries of the arithmetic and of the calendar, each in a town of its own. */
class IndicatorEdgeCasesTest {

  @Test
  void emptyDenominator_hasNoRate_andIsMetWithNoShortfall() {
    String town = Fixtures.town();
    JsonNode r = report("year=2025&regionCode=" + town + "&groupBy=COMMUNITY");
    for (String code : List.of("REHAB_SERVICE_RATE", "DEVICE_FITTING_RATE", "DOCTOR_CONTRACT_RATE")) {
      JsonNode i = indicator(r, code);
      assertFigures(i, 0, 0, null, true, 0);
      assertEquals(0, i.path("groups").size());
    }
    JsonNode aid = indicator(r, "CHILD_AID_UTILISATION");
    assertEquals("0.00", aid.path("numerator").asText());
    assertEquals("0.00", aid.path("denominator").asText());
    assertTrue(aid.path("rate").isNull());
    assertTrue(aid.path("target").isNull() && aid.path("met").isNull() && aid.path("shortfall").isNull(), aid.toString());
    assertEquals(0, aid.path("enrolled").asInt(-1));
  }

  @Test
  void nineOfTen_isExactly90_andMet() {
    ReportFixtures.Area area = ReportFixtures.area();
    for (int i = 0; i < 10; i++) {
      String p = area.person(area.a());
      ReportFixtures.assessRehab(p, 2025);
      if (i < 9) ReportFixtures.session(area.rehab(), p, LocalDate.of(2025, 8, 8));
    }
    assertFigures(indicator(report("year=2025&regionCode=" + area.town()), "REHAB_SERVICE_RATE"), 9, 10, "90.00", true, 0);
  }

  /** 1808 / 2009 = 89.995022...: the rate rounds to "90.00" but the target is not met (180800 < 90 x 2009). */
  @Test
  void justBelow90_roundsTo90_butIsNotMet_byExactComparison() {
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    TestApp.jdbi().useHandle(h -> {
      h.createUpdate("""
          WITH p AS (
            INSERT INTO persons (id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, category, grade,
                                 region_code, created_at, updated_at)
            SELECT gen_random_uuid(), '批量' || i, 'M', DATE '1970-01-01', '\\x00'::bytea,
                   sha256(convert_to(gen_random_uuid()::text, 'UTF8')), '150202************', 'PHYSICAL', 2, :c, now(), now()
              FROM generate_series(1, 2009) AS i
            RETURNING id)
          INSERT INTO assessments (person_id, year, assessed_on, rehab_needs, region_code, created_at, updated_at)
          SELECT id, 2025, DATE '2025-03-01', '{REHAB_TRAINING}', :c, now(), now() FROM p""").bind("c", community).execute();
      served(h, community, inst, 1808);
    });
    String q = "year=2025&regionCode=" + community;
    assertFigures(indicator(report(q), "REHAB_SERVICE_RATE"), 1808, 2009, "90.00", false, 1);
    TestApp.jdbi().useHandle(h -> served(h, community, inst, 1));
    assertFigures(indicator(report(q), "REHAB_SERVICE_RATE"), 1809, 2009, "90.04", true, 0);
  }

  /** Gives {@code n} more not-yet-served persons of the community a session in 2025 (bulk SQL, through the triggers). */
  private static void served(org.jdbi.v3.core.Handle h, String community, String inst, int n) {
    h.createUpdate("""
        INSERT INTO sessions (id, person_id, institution_id, service_type, date, duration_minutes, therapist, fee, use_child_aid,
                              aid_charged, self_pay, created_at)
        SELECT gen_random_uuid(), a.person_id, CAST(:inst AS uuid), 'REHAB_TRAINING', DATE '2025-05-05', 30, '批量', 0, false, 0, 0, now()
          FROM assessments a
         WHERE a.region_code = :c AND a.year = 2025
           AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.person_id = a.person_id)
         ORDER BY a.person_id LIMIT :n""").bind("c", community).bind("inst", inst).bind("n", n).execute();
  }

  /** At 00:30 on 1 January in Shanghai it is still 31 December in UTC: the report's year and day follow Shanghai. */
  @Test
  void newYearInShanghai_countsSessionsByTheirLocalDate() {
    MutableClock clock = TestApp.context().clock();
    try {
      clock.set(Instant.parse("2025-12-31T16:30:00Z"));
      ReportFixtures.Area area = ReportFixtures.area();
      String newYear = area.person(area.a());
      String oldYear = area.person(area.a());
      ReportFixtures.assess(newYear, 2026, LocalDate.of(2026, 1, 1), List.of("REHAB_NURSING"), List.of());
      ReportFixtures.assessRehab(oldYear, 2025);
      ReportFixtures.session(area.rehab(), newYear, LocalDate.of(2026, 1, 1), "REHAB_NURSING");
      ReportFixtures.session(area.rehab(), oldYear, LocalDate.of(2025, 12, 31));
      JsonNode now = report("regionCode=" + area.town());
      assertEquals(2026, now.path("year").asInt());
      assertEquals("2026-01-01", now.path("asOf").asText());
      assertFigures(indicator(now, "REHAB_SERVICE_RATE"), 1, 1, "100.00", true, 0);
      assertFigures(indicator(report("year=2025&regionCode=" + area.town()), "REHAB_SERVICE_RATE"), 1, 1, "100.00", true, 0);
      // the 31 December session does not count for 2026, the 1 January one not for 2025
      ReportFixtures.assess(oldYear, 2026, LocalDate.of(2026, 1, 1), List.of("REHAB_TRAINING"), List.of());
      assertFigures(indicator(report("year=2026&regionCode=" + area.town()), "REHAB_SERVICE_RATE"), 1, 2, "50.00", false, 1);
    } finally {
      clock.reset();
    }
  }

  /**
   * Built in mid-2025 (app clock moved): fittings can only be delivered after they were requested, and this year's
   * assessments with device needs are left alone for the devices demo, which serves every one of them.
   */
  @Test
  void deviceRate_countsFittingsDeliveredAndLoansStartedInTheYear() {
    MutableClock clock = TestApp.context().clock();
    try {
      clock.set(Instant.parse("2025-06-15T04:00:00Z"));
      ReportFixtures.Area area = ReportFixtures.area();
      String type = ReportFixtures.borrowDeviceType();
      int year = 2025;
      LocalDate jan1 = LocalDate.of(year, 1, 1);
      List<String> ps = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String p = area.person(area.a());
        ReportFixtures.assess(p, year, jan1, i == 4 ? List.of("REHAB_TRAINING") : List.of(), List.of(type));
        ps.add(p);
      }
      ReportFixtures.deliveredFitting(area, type, ps.get(0));
      ReportFixtures.loan(area, type, ps.get(1));
      ReportFixtures.requestedFitting(area, type, ps.get(2));
      JsonNode r = report("year=" + year + "&regionCode=" + area.town());
      assertFigures(indicator(r, "DEVICE_FITTING_RATE"), 2, 5, "40.00", false, 3);
      assertFigures(indicator(r, "REHAB_SERVICE_RATE"), 0, 1, "0.00", false, 1);
      Api.Resp list = ReportFixtures.admin().get("/reports/indicators/DEVICE_FITTING_RATE/unserved?year=" + year + "&regionCode=" + area.town());
      List<String> ids = new ArrayList<>();
      list.get("items").forEach(n -> ids.add(n.path("personId").asText()));
      assertEquals(ps.subList(2, 5).stream().sorted().toList(), ids);
    } finally {
      clock.reset();
      ReportFixtures.giveBackDeviceTypes();
    }
  }

  @Test
  void childAidUtilisation_isSpentOverBudget_withVoidedChargesRefunded() {
    ReportFixtures.Area area = ReportFixtures.area();
    int year = ReportFixtures.today().getYear();
    LocalDate birth = LocalDate.of(year - 6, 6, 15);
    String c1 = Fixtures.child(area.a(), Category.PHYSICAL, birth).path("id").asText();
    String c2 = Fixtures.child(area.b(), Category.HEARING, birth).path("id").asText();
    String c3 = Fixtures.child(area.a(), Category.PHYSICAL, birth).path("id").asText();
    enrol(c1, year, "PHYSICAL");
    enrol(c2, year, "HEARING");
    enrol(c3, year, "PHYSICAL");
    aidSession(area, c1, "300.00");
    ReportFixtures.voidSession(area.rehab(), aidSession(area, c3, "200.00"));
    JsonNode r = report("year=" + year + "&regionCode=" + area.town() + "&groupBy=CATEGORY");
    JsonNode aid = indicator(r, "CHILD_AID_UTILISATION");
    assertEquals("300.00", aid.path("numerator").asText());
    assertEquals("64000.00", aid.path("denominator").asText());
    assertEquals("0.47", aid.path("rate").asText(), "300 / 64000 = 0.46875 rounds half-up");
    assertEquals(3, aid.path("enrolled").asInt());
    JsonNode physical = group(aid, "PHYSICAL");
    assertEquals(List.of("300.00", "40000.00", "0.75", "2"), List.of(physical.path("numerator").asText(),
        physical.path("denominator").asText(), physical.path("rate").asText(), physical.path("enrolled").asText()));
    assertEquals("0.00", group(aid, "HEARING").path("rate").asText());
    Api.Resp list = ReportFixtures.admin().get("/reports/indicators/CHILD_AID_UTILISATION/unserved?year=" + year + "&regionCode=" + area.town());
    List<String> ids = new ArrayList<>();
    list.get("items").forEach(n -> ids.add(n.path("personId").asText()));
    assertEquals(java.util.stream.Stream.of(c2, c3).sorted().toList(), ids);
  }

  private static void enrol(String child, int year, String category) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", child);
    m.put("year", year);
    m.put("category", category);
    m.put("guardianConsent", Map.of("name", "家长", "relation", "母亲", "signedOn", ReportFixtures.today().minusDays(1).toString()));
    Api.Resp r = ReportFixtures.admin().post("/aid-accounts", m);
    assertEquals(201, r.status(), r.toString());
  }

  private static String aidSession(ReportFixtures.Area area, String child, String fee) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", child);
    m.put("serviceType", "REHAB_TRAINING");
    m.put("date", ReportFixtures.today().toString());
    m.put("durationMinutes", 60);
    m.put("therapist", "张治疗师");
    m.put("fee", fee);
    m.put("useChildAid", true);
    Api.Resp r = area.rehab().withHeader("Idempotency-Key", "rpt-aid-" + java.util.UUID.randomUUID()).post("/sessions", m);
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }
}
