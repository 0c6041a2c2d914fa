package cn.donghe.rehab.devices;

import static cn.donghe.rehab.devices.DeviceFixtures.assertConflict;
import static cn.donghe.rehab.devices.DeviceFixtures.assertInvalid;
import static cn.donghe.rehab.devices.DeviceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FittingWorkflowTest {
  private static final LocalDate TODAY = LocalDate.now(TestApp.context().clock());
  private final DeviceFixtures.Site site = DeviceFixtures.site();
  private final Api staff = site.staff();

  private String request(String type, String personId) {
    Api.Resp r = staff.post("/fittings", body("personId", personId, "deviceTypeCode", type));
    assertEquals(201, r.status(), r.toString());
    assertEquals("REQUESTED", r.str("status"));
    return r.str("id");
  }

  private String inStatus(String status, String type) {
    String id = request(type, site.newPerson());
    if (status.equals("REQUESTED")) return id;
    if (status.equals("CANCELLED")) {
      assertEquals(200, staff.post("/fittings/" + id + "/cancel", null).status());
      return id;
    }
    boolean suitable = !status.equals("REJECTED");
    assertEquals(200, staff.post("/fittings/" + id + "/assess", body("suitable", suitable, "notes", "评估")).status());
    if (status.equals("ASSESSED") || status.equals("REJECTED")) return id;
    assertEquals(200, staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "100.00")).status());
    if (status.equals("FITTED")) return id;
    assertEquals(200, staff.post("/fittings/" + id + "/follow-up", body("on", TODAY.toString(), "outcome", "IN_USE")).status());
    return id;
  }

  @Test
  void happyPath_requestAssessDeliverFollowUp_eachStepAudited() {
    String type = DeviceFixtures.deviceType("600.00", 36, false);
    String id = request(type, site.personId());
    Api.Resp a = staff.post("/fittings/" + id + "/assess", body("suitable", true, "notes", "适合使用"));
    assertEquals("ASSESSED", a.str("status"));
    Api.Resp d = staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "serialNo", "WC-001", "subsidy", "600.00"));
    assertEquals(200, d.status(), d.toString());
    assertEquals("FITTED", d.str("status"));
    assertEquals("600.00", d.str("subsidy"));
    assertEquals(TODAY.plusMonths(36).toString(), d.str("subsidyUntil"));
    Api.Resp f = staff.post("/fittings/" + id + "/follow-up", body("on", TODAY.toString(), "outcome", "NEEDS_ADJUSTMENT"));
    assertEquals("FOLLOWED_UP", f.str("status"));
    assertEquals("NEEDS_ADJUSTMENT", f.str("followUpOutcome"));
    for (String action : List.of("CREATE", "ASSESS", "DELIVER", "FOLLOW_UP")) assertEquals(1, DeviceFixtures.auditCount(action, id), action);
    Api.Resp listed = staff.get("/fittings?personId=" + site.personId() + "&status=FOLLOWED_UP");
    assertEquals(1, listed.get("items").size());
  }

  @Test
  void unsuitable_isRejected_andCancelWorksFromRequestedAndAssessed() {
    String type = DeviceFixtures.deviceType("100.00", 12, false);
    String rejected = inStatus("REJECTED", type);
    assertEquals("REJECTED", staff.get("/fittings/" + rejected).str("status"));
    String requested = request(type, site.newPerson());
    Api.Resp c = staff.post("/fittings/" + requested + "/cancel", body("reason", "本人放弃"));
    assertEquals("CANCELLED", c.str("status"));
    String assessed = inStatus("ASSESSED", type);
    assertEquals("CANCELLED", staff.post("/fittings/" + assessed + "/cancel", null).str("status"));
  }

  @Test
  void everyIllegalTransition_is409WithCurrentStatus_andChangesNothing() {
    String type = DeviceFixtures.deviceType("100.00", 12, false);
    Map<String, Map<String, Object>> actions = Map.of(
        "assess", body("suitable", true),
        "deliver", body("deliveredOn", TODAY.toString(), "subsidy", "10.00"),
        "follow-up", body("on", TODAY.toString(), "outcome", "IN_USE"),
        "cancel", body());
    Map<String, List<String>> legal = Map.of(
        "REQUESTED", List.of("assess", "cancel"),
        "ASSESSED", List.of("deliver", "cancel"),
        "REJECTED", List.of(),
        "FITTED", List.of("follow-up"),
        "FOLLOWED_UP", List.of(),
        "CANCELLED", List.of());
    for (var state : legal.entrySet()) {
      String id = inStatus(state.getKey(), type);
      for (var action : actions.entrySet()) {
        if (state.getValue().contains(action.getKey())) continue;
        Api.Resp r = staff.post("/fittings/" + id + "/" + action.getKey(), action.getValue());
        assertConflict(r, state.getKey());
        assertEquals(state.getKey(), staff.get("/fittings/" + id).str("status"));
      }
    }
  }

  @Test
  void delivery_subsidyAboveCatalogue_futureDate_missingFields_are422_andStayAssessed() {
    String type = DeviceFixtures.deviceType("500.00", 24, false);
    String id = inStatus("ASSESSED", type);
    assertInvalid(staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "500.01")), "subsidy");
    assertInvalid(staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.plusDays(1).toString(), "subsidy", "1.00")), "deliveredOn");
    assertInvalid(staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.minusYears(1).toString(), "subsidy", "1.00")), "deliveredOn");
    assertInvalid(staff.post("/fittings/" + id + "/deliver", body("subsidy", "1.00")), "deliveredOn");
    assertInvalid(staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "-1.00")), "subsidy");
    assertInvalid(staff.post("/fittings/" + id + "/deliver", body("deliveredOn", "2024-02-30", "subsidy", "1.00")), "deliveredOn");
    assertEquals("ASSESSED", staff.get("/fittings/" + id).str("status"));
    assertEquals(0, DeviceFixtures.auditCount("DELIVER", id));
    String fitted = inStatus("FITTED", type);
    assertInvalid(staff.post("/fittings/" + fitted + "/follow-up", body("on", TODAY.toString(), "outcome", "LOST")), "outcome");
    assertInvalid(staff.post("/fittings/" + fitted + "/follow-up", body("on", TODAY.minusDays(1).toString(), "outcome", "IN_USE")), "on");
  }

  @Test
  void create_validatesFields_unknownType422_unknownPerson404_pendingDuplicate409() {
    long before = Fixtures.count("fittings");
    assertInvalid(staff.post("/fittings", body("deviceTypeCode", "WHATEVER")), "personId");
    assertInvalid(staff.post("/fittings", body("personId", site.personId(), "deviceTypeCode", "NO_SUCH_TYPE")), "deviceTypeCode");
    assertInvalid(staff.post("/fittings", body("personId", "not-a-uuid", "deviceTypeCode", "X1")), "personId");
    assertEquals(404, staff.post("/fittings", body("personId", "0190c4c0-0000-7000-8000-000000000000", "deviceTypeCode", "X1")).status());
    assertEquals(before, Fixtures.count("fittings"));
    String type = DeviceFixtures.deviceType("10.00", 12, false);
    String person = site.newPerson();
    request(type, person);
    assertEquals(409, staff.post("/fittings", body("personId", person, "deviceTypeCode", type)).status());
  }

  @Test
  void matchingItems_offerAvailableItemsOfTheType_refurbishedFirst_andDeliveryTakesTheItemOutOfThePool() {
    String type = DeviceFixtures.deviceType("300.00", 24, true);
    String fresh = DeviceFixtures.item(staff, type, site.institutionId(), "NEW");
    String old = DeviceFixtures.item(staff, type, site.institutionId(), "FAIR");
    Api.Resp intake = staff.post("/recycling", body("itemId", old, "deviceTypeCode", type, "condition", "FAIR"));
    assertEquals(201, intake.status(), intake.toString());
    String refurbished = staff.post("/recycling/" + intake.str("id") + "/inspect", body("outcome", "REFURBISH")).str("resultItemId");
    String onLoan = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    DeviceFixtures.loan(staff, onLoan, site.newPerson(), TODAY, TODAY.plusDays(30));
    String id = inStatus("ASSESSED", type);
    Api.Resp m = staff.get("/fittings/" + id + "/matching-items");
    assertEquals(200, m.status(), m.toString());
    List<String> ids = new java.util.ArrayList<>();
    m.get("items").forEach(n -> ids.add(n.path("id").asText()));
    assertEquals(List.of(refurbished, fresh), ids);
    Api.Resp d = staff.post("/fittings/" + id + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "300.00", "itemId", refurbished));
    assertEquals(200, d.status(), d.toString());
    assertEquals(refurbished, d.str("itemId"));
    assertFalse(d.str("serialNo").isBlank());
    assertEquals("RETIRED", DeviceFixtures.itemStatus(refurbished));
    assertConflict(staff.get("/fittings/" + id + "/matching-items"), "FITTED");
    assertTrue(DeviceFixtures.auditCount("FIT_OUT", refurbished) == 1);
  }
}
