package cn.donghe.rehab.devices;

import static cn.donghe.rehab.devices.DeviceFixtures.assertInvalid;
import static cn.donghe.rehab.devices.DeviceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may see and change which device records (DESIGN section 2). */
class DeviceScopeTest {
  private static final LocalDate TODAY = LocalDate.now(TestApp.context().clock());
  private final DeviceFixtures.Site site = DeviceFixtures.site();
  private final Api staff = site.staff();
  private final String type = DeviceFixtures.rentableType();
  private final String child = Fixtures.child(site.community(), Category.PHYSICAL, LocalDate.of(2019, 6, 1)).path("id").asText();
  private final String otherChild = Fixtures.child(site.community(), Category.PHYSICAL, LocalDate.of(2019, 7, 1)).path("id").asText();
  private final String fitting = fittingFor(child);
  private final String otherFitting = fittingFor(otherChild);
  private final String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
  private final String loan = DeviceFixtures.loan(staff, item, child, TODAY.minusDays(10), TODAY.plusDays(20)).path("id").asText();

  private String fittingFor(String person) {
    Api.Resp r = staff.post("/fittings", body("personId", person, "deviceTypeCode", type));
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }

  @Test
  void institutionWithoutDeviceServices_is403Everywhere() {
    String rehab = Fixtures.institution(site.community(), true, "REHAB").path("id").asText();
    Api other = Fixtures.institutionUser(rehab);
    for (String path : List.of("/fittings", "/fittings/" + fitting, "/device-items", "/loans", "/loans/" + loan, "/repairs", "/recycling",
        "/notifications")) {
      Api.Resp r = other.get(path);
      assertEquals(403, r.status(), path + " " + r);
      assertEquals("application/problem+json", r.contentType());
    }
    long before = Fixtures.count("fittings");
    assertEquals(403, other.post("/fittings", body("personId", site.personId(), "deviceTypeCode", type)).status());
    assertEquals(403, other.post("/device-items", body("deviceTypeCode", type, "serialNo", "X-1", "condition", "NEW")).status());
    assertEquals(403, other.post("/fittings/" + fitting + "/cancel", null).status());
    assertEquals(before, Fixtures.count("fittings"));
  }

  @Test
  void anotherDeviceInstitution_seesNoneOfThisInstitutionsRecords_404() {
    DeviceFixtures.Site far = DeviceFixtures.site();
    Api them = far.staff();
    assertEquals(404, them.get("/fittings/" + fitting).status());
    assertEquals(404, them.post("/fittings/" + fitting + "/assess", body("suitable", true)).status());
    assertEquals(404, them.get("/device-items/" + item).status());
    assertEquals(404, them.get("/loans/" + loan).status());
    assertEquals(404, them.post("/loans/" + loan + "/return", body("returnedOn", TODAY.toString(), "condition", "GOOD")).status());
    assertEquals(404, them.post("/repairs", body("itemId", item, "problem", "x")).status());
    assertEquals(404, them.post("/loans", body("itemId", item, "personId", far.personId(), "startDate", TODAY.toString(),
        "dueDate", TODAY.plusDays(3).toString())).status());
    assertInvalid(them.post("/device-items", body("deviceTypeCode", type, "serialNo", "X-" + UUID.randomUUID(), "condition", "NEW",
        "institutionId", site.institutionId())), "institutionId");
    // the child is out of that institution's reach (issue 15): the person filter itself answers 404
    assertEquals(404, them.get("/fittings?personId=" + child).status());
    assertFalse(LoanApiTest.ids(them.get("/device-items")).contains(item));
    assertEquals("REQUESTED", staff.get("/fittings/" + fitting).str("status"));
    assertEquals("ON_LOAN", DeviceFixtures.itemStatus(item));
  }

  @Test
  void guardian_readsOwnChildsFittingsLoansAndReminders_only_andChangesNothing() {
    Api guardian = Fixtures.guardianUser(child);
    assertEquals(Set.of(fitting), LoanApiTest.ids(guardian.get("/fittings?personId=" + child)));
    assertEquals(Set.of(fitting), LoanApiTest.ids(guardian.get("/fittings")));
    assertEquals(200, guardian.get("/fittings/" + fitting).status());
    assertEquals(Set.of(loan), LoanApiTest.ids(guardian.get("/loans?personId=" + child)));
    assertEquals(200, guardian.get("/loans/" + loan).status());
    assertEquals(200, guardian.get("/notifications?personId=" + child).status());
    assertEquals(404, guardian.get("/fittings/" + otherFitting).status());
    assertEquals(404, guardian.get("/fittings?personId=" + otherChild).status());
    assertEquals(404, guardian.get("/loans?personId=" + otherChild).status());
    assertEquals(403, guardian.post("/fittings", body("personId", child, "deviceTypeCode", type)).status());
    assertEquals(403, guardian.post("/fittings/" + fitting + "/cancel", null).status());
    assertEquals(403, guardian.post("/loans/" + loan + "/extend", body("dueDate", TODAY.plusDays(60).toString())).status());
    assertEquals(403, guardian.get("/device-items").status());
    assertEquals(403, guardian.get("/repairs").status());
    assertEquals(403, guardian.get("/fittings/" + fitting + "/matching-items").status());
  }

  @Test
  void doctor_readsContractedPersonsRecords_only() {
    String clinic = Fixtures.institution(site.community(), false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinic).path("id").asText();
    TestApp.jdbi().useHandle(h -> h.execute("""
        INSERT INTO contracts (id, person_id, doctor_id, start_date, end_date, service_package, created_at)
        VALUES (gen_random_uuid(), CAST(? AS uuid), CAST(? AS uuid), ?, ?, 'BASIC', now())""",
        child, doctorId, TODAY.minusDays(30), TODAY.plusDays(300)));
    Api doctor = Fixtures.doctorUser(doctorId);
    assertEquals(200, doctor.get("/fittings/" + fitting).status());
    assertEquals(Set.of(loan), LoanApiTest.ids(doctor.get("/loans?personId=" + child)));
    assertEquals(404, doctor.get("/fittings/" + otherFitting).status());
    assertEquals(403, doctor.post("/fittings/" + fitting + "/assess", body("suitable", true)).status());
  }

  @Test
  void townAdmin_managesOwnTownOnly() {
    String town = site.community().substring(0, 9) + "000";
    Api townAdmin = Fixtures.regionalAdmin(town);
    assertEquals(200, townAdmin.get("/fittings/" + fitting).status());
    assertEquals(200, townAdmin.get("/device-items/" + item).status());
    DeviceFixtures.Site elsewhere = DeviceFixtures.site();
    String farFitting = fittingForAt(elsewhere);
    assertEquals(404, townAdmin.get("/fittings/" + farFitting).status());
    assertEquals(404, townAdmin.post("/fittings", body("personId", elsewhere.personId(), "deviceTypeCode", type)).status());
    assertInvalid(townAdmin.post("/device-items", body("deviceTypeCode", type, "serialNo", "Y-" + UUID.randomUUID(), "condition", "NEW",
        "institutionId", elsewhere.institutionId())), "institutionId");
    assertTrue(LoanApiTest.ids(TestApp.admin().get("/fittings?personId=" + elsewhere.personId())).contains(farFitting));
  }

  private String fittingForAt(DeviceFixtures.Site s) {
    Api.Resp r = s.staff().post("/fittings", body("personId", s.personId(), "deviceTypeCode", type));
    assertEquals(201, r.status(), r.toString());
    return r.str("id");
  }
}
