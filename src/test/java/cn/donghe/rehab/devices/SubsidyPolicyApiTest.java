package cn.donghe.rehab.devices;

import static cn.donghe.rehab.devices.DeviceFixtures.assertInvalid;
import static cn.donghe.rehab.devices.DeviceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No second subsidised fitting of one device type within its service life, unless an ADMIN overrides. */
class SubsidyPolicyApiTest {
  private static final LocalDate TODAY = LocalDate.now(TestApp.context().clock());
  private final DeviceFixtures.Site site = DeviceFixtures.site();
  private final Api staff = site.staff();

  private String fitted(String type, String person, LocalDate on, String subsidy) {
    String id = assessed(type, person);
    Api.Resp d = staff.post("/fittings/" + id + "/deliver", body("deliveredOn", on.toString(), "subsidy", subsidy));
    assertEquals(200, d.status(), d.toString());
    return id;
  }

  private String assessed(String type, String person) {
    Api.Resp r = staff.post("/fittings", body("personId", person, "deviceTypeCode", type));
    assertEquals(201, r.status(), r.toString());
    String id = r.str("id");
    assertEquals(200, staff.post("/fittings/" + id + "/assess", body("suitable", true)).status());
    return id;
  }

  /** A fitting delivered long ago, written straight to the table (the API refuses deliveries before the request date). */
  private void pastSubsidy(String type, String person, LocalDate on, int lifeMonths) {
    TestApp.jdbi().useHandle(h -> h.execute("""
        INSERT INTO fittings (id, person_id, device_type_code, status, requested_on, delivered_on, subsidy, subsidy_until, created_at, updated_at)
        VALUES (gen_random_uuid(), CAST(? AS uuid), ?, 'FITTED', ?, ?, 100.00, ?, now(), now())""",
        person, type, on, on, on.plusMonths(lifeMonths)));
  }

  @Test
  void secondSubsidisedFittingWithinServiceLife_isRefusedAtRequest_andAtDelivery() {
    String type = DeviceFixtures.deviceType("1000.00", 60, false);
    String person = site.newPerson();
    fitted(type, person, TODAY, "1000.00");
    Api.Resp r = staff.post("/fittings", body("personId", person, "deviceTypeCode", type));
    assertEquals(409, r.status(), r.toString());
    assertEquals(TODAY.plusMonths(60).toString(), r.json().path("subsidisedUntil").asText());

    // the same rule at delivery: an ADMIN-overridden request still cannot be delivered twice within life without override
    String other = DeviceFixtures.deviceType("1000.00", 60, false);
    String first = assessed(other, person);
    assertEquals(200, TestApp.admin().post("/fittings/" + first + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "900.00")).status());
    long before = DeviceFixtures.auditCount("DELIVER", first);
    assertEquals(1, before);
  }

  @Test
  void deliveryRule_isCountedFromTheEarlierDelivery_andAfterServiceLifeASecondSubsidyIsFine() {
    String type = DeviceFixtures.deviceType("800.00", 12, false);
    String person = site.newPerson();
    pastSubsidy(type, person, TODAY.minusMonths(12), 12);
    fitted(type, person, TODAY, "800.00");
    String person2 = site.newPerson();
    pastSubsidy(type, person2, TODAY.minusMonths(12).plusDays(1), 12);
    Api.Resp r = staff.post("/fittings", body("personId", person2, "deviceTypeCode", type));
    assertEquals(409, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
  }

  @Test
  void unsubsidisedSecondFitting_isAllowedAtDelivery() {
    String type = DeviceFixtures.deviceType("800.00", 60, false);
    String person = site.newPerson();
    String id = assessed(type, person);
    pastSubsidy(type, person, TODAY.minusDays(10), 60);
    Api.Resp refused = staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "800.00"));
    assertEquals(409, refused.status(), refused.toString());
    assertEquals("ASSESSED", staff.get("/fittings/" + id).str("status"));
    Api.Resp selfPaid = staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "0.00"));
    assertEquals(200, selfPaid.status(), selfPaid.toString());
    assertEquals("0.00", selfPaid.str("subsidy"));
  }

  @Test
  void adminOverride_withReason_isAllowed_recordedOnTheFitting_andAudited() {
    String type = DeviceFixtures.deviceType("800.00", 60, false);
    String person = site.newPerson();
    fitted(type, person, TODAY, "800.00");
    Map<String, Object> override = Map.of("reason", "原辅具火灾损毁，特批补贴");
    Api.Resp r = TestApp.admin().post("/fittings", body("personId", person, "deviceTypeCode", type, "institutionId", site.institutionId(),
        "override", override));
    assertEquals(201, r.status(), r.toString());
    String id = r.str("id");
    assertEquals("原辅具火灾损毁，特批补贴", r.json().path("subsidyOverride").path("reason").asText());
    assertEquals(1, DeviceFixtures.auditCount("SUBSIDY_OVERRIDE", id));
    // the institution may deliver it: the override recorded at request carries over
    assertEquals(200, staff.post("/fittings/" + id + "/assess", body("suitable", true)).status());
    Api.Resp d = staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "800.00"));
    assertEquals(200, d.status(), d.toString());
    assertNotNull(d.json().path("subsidyOverride").path("by").asText(null));
  }

  @Test
  void adminOverrideAtDelivery_works_butInstitutionOverride403_andBlankReason422() {
    String type = DeviceFixtures.deviceType("800.00", 60, false);
    String person = site.newPerson();
    String id = assessed(type, person);
    pastSubsidy(type, person, TODAY.minusDays(30), 60);
    Api.Resp byStaff = staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "800.00",
        "override", Map.of("reason", "想要")));
    assertEquals(403, byStaff.status(), byStaff.toString());
    assertInvalid(TestApp.admin().post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "800.00",
        "override", Map.of("reason", " "))), "override.reason");
    assertEquals(0, DeviceFixtures.auditCount("SUBSIDY_OVERRIDE", id));
    Api.Resp ok = TestApp.admin().post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "800.00",
        "override", Map.of("reason", "康复评估认定需更换")));
    assertEquals(200, ok.status(), ok.toString());
    assertEquals("FITTED", ok.str("status"));
    assertEquals(1, DeviceFixtures.auditCount("SUBSIDY_OVERRIDE", id));
  }

  @Test
  void database_refusesOverlappingSubsidies_evenWithoutTheService() {
    String type = DeviceFixtures.deviceType("800.00", 60, false);
    String person = site.newPerson();
    pastSubsidy(type, person, TODAY.minusDays(30), 60);
    org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> pastSubsidy(type, person, TODAY.minusDays(1), 60));
  }
}
