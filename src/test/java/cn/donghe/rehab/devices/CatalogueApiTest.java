package cn.donghe.rehab.devices;

import static cn.donghe.rehab.devices.DeviceFixtures.assertInvalid;
import static cn.donghe.rehab.devices.DeviceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CatalogueApiTest {
  @Test
  void admin_addsEntry_moneyAsString_andEveryRoleReadsIt() {
    String code = DeviceFixtures.deviceType("1200.50", 60, true);
    DeviceFixtures.Site site = DeviceFixtures.site();
    Api.Resp r = site.staff().get("/device-types/" + code);
    assertEquals(200, r.status(), r.toString());
    assertEquals("1200.50", r.str("subsidy"));
    assertEquals(60, r.json().path("serviceLifeMonths").asInt());
    assertTrue(r.json().path("rentable").asBoolean());
    Api guardian = Fixtures.guardianUser(site.personId());
    boolean listed = false;
    String cursor = null;
    do {
      Api.Resp page = guardian.get("/device-types?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
      assertEquals(200, page.status());
      for (JsonNode t : page.get("items")) listed |= t.path("code").asText().equals(code);
      cursor = page.json().path("nextCursor").isNull() ? null : page.str("nextCursor");
    } while (cursor != null);
    assertTrue(listed);
  }

  @Test
  void duplicateCode_is409_andNothingChanges() {
    String code = DeviceFixtures.deviceType("100.00", 12, false);
    long before = Fixtures.count("device_types");
    Api.Resp r = TestApp.admin().post("/device-types", body("code", code, "name", "重复", "category", "OTHER", "subsidy", "1.00",
        "serviceLifeMonths", 12, "rentable", false));
    assertEquals(409, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    assertEquals(before, Fixtures.count("device_types"));
  }

  @Test
  void badCode_negativeSubsidy_unknownCategory_are422NamingEachField_andNothingStored() {
    long before = Fixtures.count("device_types");
    Api.Resp r = TestApp.admin().post("/device-types", body("code", "wheel-chair", "name", "轮椅", "category", "TOYS", "subsidy", "-1.00",
        "serviceLifeMonths", 0, "rentable", true));
    assertInvalid(r, "code");
    assertInvalid(r, "category");
    assertInvalid(r, "subsidy");
    assertInvalid(r, "serviceLifeMonths");
    assertInvalid(TestApp.admin().post("/device-types", body("code", "X", "name", "短", "category", "OTHER", "subsidy", "1.00",
        "serviceLifeMonths", 1, "rentable", true)), "code");
    assertInvalid(TestApp.admin().post("/device-types", body("code", "FLOATY", "name", "n", "category", "OTHER", "subsidy", "1.005",
        "serviceLifeMonths", 1, "rentable", true)), "subsidy");
    assertEquals(before, Fixtures.count("device_types"));
  }

  @Test
  void nonAdmin_andTownLevelAdmin_mayNotAddEntries() {
    DeviceFixtures.Site site = DeviceFixtures.site();
    Api.Resp r = site.staff().post("/device-types", body("code", "INST_TRY", "name", "n", "category", "OTHER", "subsidy", "1.00",
        "serviceLifeMonths", 1, "rentable", true));
    assertEquals(403, r.status());
    Api town = Fixtures.regionalAdmin(site.community().substring(0, 9) + "000");
    assertEquals(403, town.post("/device-types", body("code", "TOWN_TRY", "name", "n", "category", "OTHER", "subsidy", "1.00",
        "serviceLifeMonths", 1, "rentable", true)).status());
    assertEquals(404, TestApp.admin().get("/device-types/NO_SUCH_TYPE").status());
    assertEquals(401, TestApp.anonymous().get("/device-types").status());
  }
}
