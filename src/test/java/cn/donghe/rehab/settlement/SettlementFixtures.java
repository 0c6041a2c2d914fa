package cn.donghe.rehab.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Years long past that only the settlement tests write into, the shared clock moved there, and the data they need. */
final class SettlementFixtures {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private SettlementFixtures() {}

  static void clockAt(LocalDate day) {
    TestApp.context().clock().set(day.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant());
  }

  static void clockReset() { TestApp.context().clock().reset(); }

  /** The plan's aid standard for a year before the plan (ages 0-10), so children can be enrolled in it. */
  static void aidStandard(int year) {
    Api.Resp r = TestApp.admin().put("/aid-standards/" + year, Map.of("minAge", 0, "maxAge", 10, "amounts",
        Map.of("PHYSICAL", "20000.00", "INTELLECTUAL", "20000.00", "AUTISM", "20000.00", "HEARING", "24000.00", "LOW_VISION", "5000.00")));
    assertEquals(200, r.status(), r.toString());
  }

  static Api.Resp putSchedule(int year, String effectiveFrom, Object... typeAndMax) {
    List<Map<String, Object>> items = new java.util.ArrayList<>();
    for (int i = 0; i < typeAndMax.length; i += 2) items.add(Map.of("serviceType", typeAndMax[i], "maxFee", typeAndMax[i + 1]));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    if (effectiveFrom != null) body.put("effectiveFrom", effectiveFrom);
    return TestApp.admin().put("/fee-schedules/" + year, body);
  }

  /**
   * A child aged 5 on 1 January of the (past) year, enrolled in PHYSICAL aid for it (budget 20000.00); an adult today,
   * so the record carries a certificate.
   */
  static String enrolledChild(String community, int year) {
    String id = Fixtures.person(community, Category.PHYSICAL, 2, LocalDate.of(year - 6, 6, 15)).path("id").asText();
    Api.Resp r = TestApp.admin().post("/aid-accounts", Map.of("personId", id, "year", year, "category", "PHYSICAL",
        "guardianConsent", Map.of("name", "家长", "relation", "母亲", "signedOn", LocalDate.of(year, 1, 2).toString())));
    assertEquals(201, r.status(), r.toString());
    return id;
  }

  static Map<String, Object> session(String personId, String type, LocalDate date, String fee, String insurance, boolean aid) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("serviceType", type);
    m.put("date", date.toString());
    m.put("durationMinutes", 45);
    m.put("therapist", "李治疗师");
    m.put("fee", fee);
    if (insurance != null) m.put("insurancePaid", insurance);
    m.put("useChildAid", aid);
    return m;
  }

  static Api.Resp log(Api staff, Map<String, Object> body) {
    return staff.withHeader("Idempotency-Key", "settle-" + UUID.randomUUID()).post("/sessions", body);
  }

  static String logged(Api staff, Map<String, Object> body) {
    Api.Resp r = log(staff, body);
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  static JsonNode account(String personId, int year) {
    return TestApp.admin().get("/aid-accounts?personId=" + personId + "&year=" + year).get("items").get(0);
  }

  static BigDecimal money(JsonNode n, String field) { return new BigDecimal(n.path(field).asText()); }

  static void close(String period) {
    Api.Resp r = TestApp.admin().post("/periods/" + period + "/close", Map.of("note", "结算测试"));
    assertEquals(200, r.status(), r.toString());
  }

  static void reopenQuietly(String period) {
    TestApp.admin().post("/periods/" + period + "/reopen", Map.of("reason", "测试结束"));
  }

  static BigDecimal sum(String sql, Object... args) {
    return TestApp.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) q.bind(i, args[i]);
      return q.mapTo(BigDecimal.class).one();
    });
  }

  static long count(String sql, Object... args) {
    return TestApp.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) q.bind(i, args[i]);
      return q.mapTo(Long.class).one();
    });
  }
}
