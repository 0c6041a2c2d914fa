package cn.donghe.rehab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Scenario data for the report tests, made through the real API in a town of its own. */
final class ReportFixtures {
  private ReportFixtures() {}

  static Api admin() { return TestApp.admin(); }

  static LocalDate today() { return LocalDate.now(TestApp.context().clock()); }

  /**
   * A fresh town with two communities, a child-aid designated REHAB institution (and its staff), a DEVICE institution
   * (and its staff) and a clinic with a family doctor.
   */
  record Area(String town, String a, String b, String rehabId, Api rehab, String deviceInstId, Api device, String doctorId) {
    String person(String community) { return Fixtures.person(community).path("id").asText(); }

    String person(String community, Category category, int grade) {
      return Fixtures.person(community, category, grade, LocalDate.of(1975, 3, 9)).path("id").asText();
    }
  }

  static Area area() {
    String town = Fixtures.town();
    String a = Fixtures.community(town);
    String b = Fixtures.community(town);
    String rehab = Fixtures.institution(a, true, "REHAB").path("id").asText();
    String dev = Fixtures.institution(a, false, "DEVICE").path("id").asText();
    String clinic = Fixtures.institution(a, false, "PRIMARY_CARE").path("id").asText();
    String doctor = Fixtures.doctor(clinic).path("id").asText();
    return new Area(town, a, b, rehab, Fixtures.institutionUser(rehab), dev, Fixtures.institutionUser(dev), doctor);
  }

  private static final List<String> BORROWED = new ArrayList<>();

  /**
   * A code for assessments' device needs that leaves the shared catalogue as it is: an existing code, or (while the
   * catalogue is empty, when assessments accept any code) a made-up one. Other tests of the shared database rely on
   * the catalogue being either empty or the demo's.
   */
  static String needCode() {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT code FROM device_types ORDER BY code LIMIT 1")
        .mapTo(String.class).findOne().orElse("RPT_NEED"));
  }

  /**
   * A rentable device type for fittings and loans: an existing one, else a new one that {@link #giveBackDeviceTypes()}
   * removes again (with the rows made with it), so the catalogue is left as it was found.
   */
  static synchronized String borrowDeviceType() {
    var existing = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT code FROM device_types WHERE rentable ORDER BY code LIMIT 1")
        .mapTo(String.class).findOne());
    if (existing.isPresent()) return existing.get();
    String code = "RPT" + Fixtures.next() + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
    Api.Resp r = admin().post("/device-types", Map.of("code", code, "name", "报表测试轮椅" + code, "category", "MOBILITY",
        "subsidy", "800.00", "serviceLifeMonths", 36, "rentable", true));
    assertEquals(201, r.status(), r.toString());
    BORROWED.add(code);
    return code;
  }

  /** Deletes the device types made by {@link #borrowDeviceType()} and the test rows that use them. */
  static synchronized void giveBackDeviceTypes() {
    TestApp.jdbi().useTransaction(h -> {
      for (String code : BORROWED) {
        h.execute("DELETE FROM loans WHERE item_id IN (SELECT id FROM device_items WHERE device_type_code = ?)", code);
        h.execute("DELETE FROM fittings WHERE device_type_code = ?", code);
        h.execute("DELETE FROM device_items WHERE device_type_code = ?", code);
        h.execute("UPDATE assessments SET device_needs = array_remove(device_needs, ?) WHERE ? = ANY(device_needs)", code, code);
        h.execute("DELETE FROM device_types WHERE code = ?", code);
      }
    });
    BORROWED.clear();
  }

  static void assess(String personId, int year, LocalDate on, List<String> rehab, List<String> devices) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("assessedOn", on.toString());
    m.put("rehabNeeds", rehab);
    m.put("deviceNeeds", devices);
    Api.Resp r = admin().put("/persons/" + personId + "/assessments/" + year, m);
    assertEquals(true, r.status() == 200 || r.status() == 201, r.toString());
  }

  static void assessRehab(String personId, int year) {
    assess(personId, year, LocalDate.of(year, 3, 1), List.of("REHAB_TRAINING"), List.of());
  }

  static String session(Api staff, String personId, LocalDate date) {
    return session(staff, personId, date, "REHAB_TRAINING");
  }

  static String session(Api staff, String personId, LocalDate date, String serviceType) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("serviceType", serviceType);
    m.put("date", date.toString());
    m.put("durationMinutes", 45);
    m.put("therapist", "李治疗师");
    m.put("fee", "120.00");
    m.put("useChildAid", false);
    Api.Resp r;
    if (date.isBefore(today().minusDays(31))) {
      // older than the late-entry window: an ADMIN records it for the institution, with a reason (issue 15 item 4)
      m.put("institutionId", staff.get("/me").str("institutionId"));
      m.put("lateEntryReason", "测试补录");
      r = admin().withHeader("Idempotency-Key", "rpt-" + UUID.randomUUID()).post("/sessions", m);
    } else {
      r = staff.withHeader("Idempotency-Key", "rpt-" + UUID.randomUUID()).post("/sessions", m);
    }
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  static void voidSession(Api staff, String sessionId) {
    Api.Resp r = staff.post("/sessions/" + sessionId + "/void", Map.of("reason", "录入错误"));
    assertEquals(200, r.status(), r.toString());
  }

  /** A fitting requested, assessed and delivered today by the device institution. */
  static String deliveredFitting(Area area, String type, String personId) {
    Api.Resp f = area.device().post("/fittings", Map.of("personId", personId, "deviceTypeCode", type));
    assertEquals(201, f.status(), f.toString());
    String id = f.str("id");
    assertEquals(200, area.device().post("/fittings/" + id + "/assess", Map.of("suitable", true, "notes", "适合")).status());
    Api.Resp d = area.device().post("/fittings/" + id + "/deliver", Map.of("deliveredOn", today().toString(), "subsidy", "0.00"));
    assertEquals(200, d.status(), d.toString());
    return id;
  }

  static String requestedFitting(Area area, String type, String personId) {
    Api.Resp f = area.device().post("/fittings", Map.of("personId", personId, "deviceTypeCode", type));
    assertEquals(201, f.status(), f.toString());
    return f.str("id");
  }

  /** A loan of a new pool item, started (and returned) today. */
  static String loan(Area area, String type, String personId) {
    Api.Resp item = area.device().post("/device-items", Map.of("deviceTypeCode", type,
        "serialNo", "RPT-" + UUID.randomUUID().toString().substring(0, 12), "condition", "GOOD", "institutionId", area.deviceInstId()));
    assertEquals(201, item.status(), item.toString());
    Api.Resp l = area.device().post("/loans", Map.of("itemId", item.str("id"), "personId", personId, "startDate", today().toString(),
        "dueDate", today().plusMonths(3).toString()));
    assertEquals(201, l.status(), l.toString());
    // returned the same day (still a loan started this year), so no reminder job ever finds it overdue
    Api.Resp back = area.device().post("/loans/" + l.str("id") + "/return", Map.of("returnedOn", today().toString(), "condition", "GOOD"));
    assertEquals(200, back.status(), back.toString());
    return l.str("id");
  }

  static void contract(String personId, String doctorId, LocalDate start) {
    Api.Resp r = admin().post("/contracts", Map.of("personId", personId, "doctorId", doctorId, "startDate", start.toString(),
        "servicePackage", "BASIC"));
    assertEquals(201, r.status(), r.toString());
  }

  static void status(String personId, String status, LocalDate on) {
    Api.Resp r = admin().patch("/persons/" + personId, Map.of("status", status, "statusDate", on.toString()));
    assertEquals(200, r.status(), r.toString());
  }

  static void move(String personId, String community) {
    Api.Resp r = admin().patch("/persons/" + personId, Map.of("regionCode", community));
    assertEquals(200, r.status(), r.toString());
  }

  static JsonNode report(String query) {
    Api.Resp r = admin().get("/reports/indicators?" + query);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  static JsonNode indicator(JsonNode report, String code) {
    for (JsonNode i : report.path("indicators")) if (i.path("code").asText().equals(code)) return i;
    throw new AssertionError("no indicator " + code + " in " + report);
  }

  static JsonNode group(JsonNode indicator, String key) {
    for (JsonNode g : indicator.path("groups")) if (g.path("key").asText().equals(key)) return g;
    throw new AssertionError("no group " + key + " in " + indicator);
  }

  static List<String> groupKeys(JsonNode indicator) {
    List<String> keys = new ArrayList<>();
    indicator.path("groups").forEach(g -> keys.add(g.path("key").asText()));
    return keys;
  }

  /** Asserts numerator, denominator, rate (null = JSON null), met and shortfall of an indicator or group. */
  static void assertFigures(JsonNode n, long numerator, long denominator, String rate, boolean met, long shortfall) {
    String where = n.toString();
    assertEquals(numerator, n.path("numerator").asLong(-1), where);
    assertEquals(denominator, n.path("denominator").asLong(-1), where);
    if (rate == null) assertEquals(true, n.path("rate").isNull(), where);
    else assertEquals(rate, n.path("rate").asText(), where);
    assertEquals(met, n.path("met").asBoolean(!met), where);
    assertEquals(shortfall, n.path("shortfall").asLong(-1), where);
  }
}
