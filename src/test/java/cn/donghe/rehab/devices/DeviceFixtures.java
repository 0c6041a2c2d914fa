package cn.donghe.rehab.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Test data for the devices feature, made through the real API. */
final class DeviceFixtures {
  private DeviceFixtures() {}

  /** A unique catalogue entry; returns its code. */
  static String deviceType(String subsidy, int lifeMonths, boolean rentable) {
    String code = "T" + Fixtures.next() + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
    Api.Resp r = TestApp.admin().post("/device-types", Map.of("code", code, "name", "测试辅具" + code, "category", "MOBILITY",
        "subsidy", subsidy, "serviceLifeMonths", lifeMonths, "rentable", rentable));
    assertEquals(201, r.status(), r.toString());
    return code;
  }

  static String rentableType() { return deviceType("800.00", 36, true); }

  /** A community with one DEVICE institution, its staff login and a person living there. */
  record Site(String community, String institutionId, Api staff, String personId) {
    String newPerson() { return Fixtures.person(community).path("id").asText(); }
  }

  static Site site() {
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "DEVICE").path("id").asText();
    return new Site(community, inst, Fixtures.institutionUser(inst), Fixtures.person(community).path("id").asText());
  }

  static String item(Api api, String type, String institutionId, String condition) {
    Api.Resp r = api.post("/device-items", Map.of("deviceTypeCode", type, "serialNo", "SN-" + UUID.randomUUID().toString().substring(0, 13),
        "condition", condition, "institutionId", institutionId));
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  static JsonNode loan(Api api, String itemId, String personId, LocalDate start, LocalDate due) {
    Api.Resp r = api.post("/loans", Map.of("itemId", itemId, "personId", personId, "startDate", start.toString(), "dueDate", due.toString()));
    assertEquals(201, r.status(), r.toString());
    return r.json();
  }

  static String itemStatus(String itemId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT status FROM device_items WHERE id = CAST(:id AS uuid)")
        .bind("id", itemId).mapTo(String.class).one());
  }

  static Map<String, Object> body(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static void assertConflict(Api.Resp r, String currentStatus) {
    assertEquals(409, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    if (currentStatus != null) assertEquals(currentStatus, r.json().path("currentStatus").asText(), r.toString());
  }

  static void assertInvalid(Api.Resp r, String field) {
    assertEquals(422, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    boolean named = false;
    for (JsonNode e : r.get("errors")) named |= e.path("field").asText().equals(field);
    assertTrue(named, "field " + field + " not named: " + r);
  }

  static long auditCount(String action, String entityId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_events WHERE action = :a AND entity_id = :id")
        .bind("a", action).bind("id", entityId).mapTo(Long.class).one());
  }
}
