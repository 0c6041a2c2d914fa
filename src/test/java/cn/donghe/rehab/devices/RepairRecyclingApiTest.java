package cn.donghe.rehab.devices;

import static cn.donghe.rehab.devices.DeviceFixtures.assertConflict;
import static cn.donghe.rehab.devices.DeviceFixtures.assertInvalid;
import static cn.donghe.rehab.devices.DeviceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepairRecyclingApiTest {
  private static final LocalDate TODAY = LocalDate.now(TestApp.context().clock());
  private final DeviceFixtures.Site site = DeviceFixtures.site();
  private final Api staff = site.staff();
  private final String type = DeviceFixtures.rentableType();
  private static final java.util.Map<String, Object> STEPS = java.util.Map.of(
      "start", body(), "done", body("cost", "1.00"), "unrepairable", body("notes", "x"));

  private String openRepair(String item) {
    Api.Resp r = staff.post("/repairs", body("itemId", item, "problem", "刹车失灵"));
    assertEquals(201, r.status(), r.toString());
    assertEquals("OPEN", r.str("status"));
    return r.str("id");
  }

  @Test
  void repair_openStartDone_itemGoesInRepairThenAvailable_illegalStepsAre409() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "FAIR");
    String id = openRepair(item);
    assertEquals("IN_REPAIR", DeviceFixtures.itemStatus(item));
    assertConflict(staff.post("/repairs", body("itemId", item, "problem", "again")), "IN_REPAIR");
    assertConflict(staff.post("/repairs/" + id + "/done", body("cost", "10.00")), "OPEN");
    assertConflict(staff.post("/repairs/" + id + "/unrepairable", body("notes", "x")), "OPEN");
    assertEquals("IN_PROGRESS", staff.post("/repairs/" + id + "/start", null).str("status"));
    assertConflict(staff.post("/repairs/" + id + "/start", null), "IN_PROGRESS");
    assertInvalid(staff.post("/repairs/" + id + "/done", body("notes", "no cost")), "cost");
    assertInvalid(staff.post("/repairs/" + id + "/done", body("cost", "-5.00")), "cost");
    assertEquals("IN_REPAIR", DeviceFixtures.itemStatus(item));
    Api.Resp done = staff.post("/repairs/" + id + "/done", body("cost", "120.50", "notes", "更换刹车片"));
    assertEquals(200, done.status(), done.toString());
    assertEquals("DONE", done.str("status"));
    assertEquals("120.50", done.str("cost"));
    assertEquals("AVAILABLE", DeviceFixtures.itemStatus(item));
    for (var step : STEPS.entrySet()) assertConflict(staff.post("/repairs/" + id + "/" + step.getKey(), step.getValue()), "DONE");
    // second repair, this time beyond repair: the item retires and can no longer go to repair or on loan
    String second = openRepair(item);
    staff.post("/repairs/" + second + "/start", null);
    assertEquals("UNREPAIRABLE", staff.post("/repairs/" + second + "/unrepairable", body("notes", "车架断裂")).str("status"));
    assertEquals("RETIRED", DeviceFixtures.itemStatus(item));
    for (var step : STEPS.entrySet()) assertConflict(staff.post("/repairs/" + second + "/" + step.getKey(), step.getValue()), "UNREPAIRABLE");
    assertConflict(staff.post("/repairs", body("itemId", item, "problem", "再修")), "RETIRED");
    assertConflict(staff.post("/loans", body("itemId", item, "personId", site.personId(), "startDate", TODAY.toString(),
        "dueDate", TODAY.plusDays(3).toString())), "RETIRED");
    Api.Resp history = staff.get("/repairs?itemId=" + item);
    assertEquals(List.of(id, second), List.of(history.get("items").get(0).path("id").asText(), history.get("items").get(1).path("id").asText()));
  }

  @Test
  void itemOnLoan_cannotGoToRepair() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    DeviceFixtures.loan(staff, item, site.personId(), TODAY, TODAY.plusDays(7));
    long before = Fixtures.count("repairs");
    assertConflict(staff.post("/repairs", body("itemId", item, "problem", "坏了")), "ON_LOAN");
    assertEquals(before, Fixtures.count("repairs"));
    assertEquals("ON_LOAN", DeviceFixtures.itemStatus(item));
  }

  @Test
  void repairRequest_needsExactlyOneTarget_andFittingRepairsOnlyForDeliveredFittings() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    assertInvalid(staff.post("/repairs", body("problem", "x")), "itemId");
    assertInvalid(staff.post("/repairs", body("itemId", item)), "problem");
    String fitting = staff.post("/fittings", body("personId", site.personId(), "deviceTypeCode", type)).str("id");
    assertConflict(staff.post("/repairs", body("fittingId", fitting, "problem", "x")), "REQUESTED");
    assertInvalid(staff.post("/repairs", body("itemId", item, "fittingId", fitting, "problem", "x")), "itemId");
    staff.post("/fittings/" + fitting + "/assess", body("suitable", true));
    staff.post("/fittings/" + fitting + "/deliver", body("deliveredOn", TODAY.toString(), "subsidy", "100.00"));
    Api.Resp r = staff.post("/repairs", body("fittingId", fitting, "problem", "轮子松动"));
    assertEquals(201, r.status(), r.toString());
    assertEquals(site.institutionId(), r.str("institutionId"));
    assertEquals(409, staff.post("/repairs", body("fittingId", fitting, "problem", "again")).status());
  }

  @Test
  void recyclingFromAFitting_refurbish_putsANewAvailableItemIntoThePool() {
    String fitting = staff.post("/fittings", body("personId", site.personId(), "deviceTypeCode", type)).str("id");
    staff.post("/fittings/" + fitting + "/assess", body("suitable", true));
    staff.post("/fittings/" + fitting + "/deliver", body("deliveredOn", TODAY.toString(), "serialNo", "WC-RC-1", "subsidy", "100.00"));
    String other = DeviceFixtures.deviceType("10.00", 12, true);
    assertInvalid(staff.post("/recycling", body("fittingId", fitting, "deviceTypeCode", other, "condition", "GOOD")), "deviceTypeCode");
    Api.Resp in = staff.post("/recycling", body("fittingId", fitting, "deviceTypeCode", type, "condition", "GOOD"));
    assertEquals(201, in.status(), in.toString());
    assertEquals("RECEIVED", in.str("status"));
    assertEquals("WC-RC-1", in.str("serialNo"));
    assertEquals(409, staff.post("/recycling", body("fittingId", fitting, "deviceTypeCode", type, "condition", "GOOD")).status());
    assertInvalid(staff.post("/recycling/" + in.str("id") + "/inspect", body("outcome", "MAYBE")), "outcome");
    Api.Resp done = staff.post("/recycling/" + in.str("id") + "/inspect", body("outcome", "REFURBISH"));
    assertEquals("REFURBISHED", done.str("status"), done.toString());
    Api.Resp item = staff.get("/device-items/" + done.str("resultItemId"));
    assertEquals("AVAILABLE", item.str("status"));
    assertTrue(item.json().path("refurbished").asBoolean());
    assertEquals(1, item.json().path("reuseCount").asInt());
    assertEquals(site.institutionId(), item.str("institutionId"));
    assertConflict(staff.post("/recycling/" + in.str("id") + "/inspect", body("outcome", "SCRAP")), "REFURBISHED");
  }

  @Test
  void recyclingAPoolItem_retiresIt_andEachRefurbishmentCountsOneMoreReuse() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "FAIR");
    String gen1 = cycle(item);
    assertEquals("RETIRED", DeviceFixtures.itemStatus(item));
    assertEquals(1, staff.get("/device-items/" + gen1).json().path("reuseCount").asInt());
    String gen2 = cycle(gen1);
    assertEquals(2, staff.get("/device-items/" + gen2).json().path("reuseCount").asInt());
    DeviceFixtures.loan(staff, gen2, site.personId(), TODAY, TODAY.plusDays(3));
    assertConflict(staff.post("/recycling", body("itemId", gen2, "deviceTypeCode", type, "condition", "FAIR")), "ON_LOAN");
  }

  private String cycle(String item) {
    Api.Resp in = staff.post("/recycling", body("itemId", item, "deviceTypeCode", type, "condition", "POOR"));
    assertEquals(201, in.status(), in.toString());
    return staff.post("/recycling/" + in.str("id") + "/inspect", body("outcome", "REFURBISH")).str("resultItemId");
  }

  @Test
  void walkInScrap_closesTheIntake_withoutAPoolItem() {
    Api.Resp in = staff.post("/recycling", body("deviceTypeCode", type, "condition", "POOR"));
    assertEquals(201, in.status(), in.toString());
    long items = Fixtures.count("device_items");
    Api.Resp r = staff.post("/recycling/" + in.str("id") + "/inspect", body("outcome", "SCRAP"));
    assertEquals("SCRAPPED", r.str("status"));
    assertTrue(r.json().path("resultItemId").isNull());
    assertEquals(items, Fixtures.count("device_items"));
    assertConflict(staff.post("/recycling/" + in.str("id") + "/inspect", body("outcome", "REFURBISH")), "SCRAPPED");
    assertInvalid(TestApp.admin().post("/recycling", body("deviceTypeCode", type, "condition", "POOR")), "institutionId");
  }
}
