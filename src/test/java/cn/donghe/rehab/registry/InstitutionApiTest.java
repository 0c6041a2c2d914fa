package cn.donghe.rehab.registry;

import static cn.donghe.rehab.common.ProblemAssert.invalid;
import static cn.donghe.rehab.common.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InstitutionApiTest {
  private static boolean contains(JsonNode items, String id) {
    for (JsonNode i : items) if (i.path("id").asText().equals(id)) return true;
    return false;
  }

  @Test
  void institution_isCreated_readable_andListedByService() {
    String community = Fixtures.community();
    Api.Resp r = TestApp.admin().post("/institutions", Map.of("name", "东河区测试康复中心", "regionCode", community,
        "services", List.of("REHAB", "DEVICE"), "childAidDesignated", true));
    assertEquals(201, r.status(), r.toString());
    String id = r.str("id");
    assertEquals(List.of("REHAB", "DEVICE"), List.of(r.get("services").get(0).asText(), r.get("services").get(1).asText()));
    assertTrue(r.get("childAidDesignated").asBoolean());
    Api.Resp got = Fixtures.institutionUser(id).get("/institutions/" + id);
    assertEquals(200, got.status());
    assertEquals(community, got.str("regionCode"));
    assertTrue(contains(TestApp.admin().get("/institutions?service=DEVICE&limit=500").get("items"), id)
        || TestApp.admin().get("/institutions?service=DEVICE&limit=500").get("nextCursor") != null);
    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    assertFalse(contains(TestApp.admin().get("/institutions?service=DEVICE&limit=500").get("items"), clinic));
  }

  @Test
  void invalidInstitution_is422_andStoresNothing() {
    long before = Fixtures.count("institutions");
    Api admin = TestApp.admin();
    String community = Fixtures.community();
    invalid(admin.post("/institutions", Map.of("name", "x", "regionCode", community, "services", List.of("SPA"))), "services");
    invalid(admin.post("/institutions", Map.of("name", "x", "regionCode", community, "services", List.of())), "services");
    invalid(admin.post("/institutions", Map.of("regionCode", community, "services", List.of("REHAB"))), "name");
    invalid(admin.post("/institutions", Map.of("name", "x", "regionCode", "150202999999", "services", List.of("REHAB"))), "regionCode");
    invalid(admin.post("/institutions", Map.of("name", "x", "services", List.of("REHAB"))), "regionCode");
    assertEquals(before, Fixtures.count("institutions"));
  }

  @Test
  void unknownOrMalformedId_is404() {
    problem(404, TestApp.admin().get("/institutions/" + UUID.randomUUID()));
    problem(404, TestApp.admin().get("/institutions/not-a-uuid"));
  }

  @Test
  void regionalAdmin_seesOnlyInstitutionsOfTheirRegion() {
    String town = Fixtures.town();
    String mine = Fixtures.institution(Fixtures.community(town), false, "REHAB").path("id").asText();
    String other = Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText();
    Api regional = Fixtures.regionalAdmin(town);
    assertEquals(200, regional.get("/institutions/" + mine).status());
    problem(404, regional.get("/institutions/" + other));
    JsonNode items = regional.get("/institutions?limit=500").get("items");
    for (JsonNode i : items) assertTrue(i.path("regionCode").asText().startsWith(town.substring(0, 9)), i.toString());
    // designating institutions is a district act (issue 15): 403 in and outside the admin's region alike
    problem(403, regional.post("/institutions", Map.of("name", "外镇机构", "regionCode", Fixtures.community(), "services", List.of("REHAB"))));
    problem(403, regional.post("/institutions", Map.of("name", "本镇机构", "regionCode", Fixtures.community(town), "services", List.of("REHAB"))));
  }

  @Test
  void nonAdmins_mayNotCreate() {
    String inst = Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText();
    problem(403, Fixtures.institutionUser(inst).post("/institutions", Map.of("name", "x", "regionCode", "150202000000", "services", List.of("REHAB"))));
    problem(401, TestApp.anonymous().get("/institutions"));
  }

  @Test
  void doctor_isCreatedAtAPrimaryCareInstitution_andListedByInstitution() {
    String clinic = Fixtures.institution(Fixtures.community(), false, "PRIMARY_CARE").path("id").asText();
    String license = "LIC-" + UUID.randomUUID();
    Api.Resp r = TestApp.admin().post("/doctors", Map.of("name", "李建华", "institutionId", clinic, "licenseNo", license));
    assertEquals(201, r.status(), r.toString());
    assertEquals(license, r.str("licenseNo"));
    JsonNode items = TestApp.admin().get("/doctors?institutionId=" + clinic).get("items");
    assertEquals(1, items.size());
    assertEquals(r.str("id"), items.get(0).path("id").asText());
  }

  @Test
  void doctor_atAnInstitutionWithoutPrimaryCare_is422() {
    String rehab = Fixtures.institution(Fixtures.community(), true, "REHAB").path("id").asText();
    long before = Fixtures.count("doctors");
    invalid(TestApp.admin().post("/doctors", Map.of("name", "x", "institutionId", rehab, "licenseNo", "LIC-" + UUID.randomUUID())), "institutionId");
    invalid(TestApp.admin().post("/doctors", Map.of("name", "x", "institutionId", UUID.randomUUID().toString(), "licenseNo", "LIC-" + UUID.randomUUID())), "institutionId");
    invalid(TestApp.admin().post("/doctors", Map.of("name", "x", "institutionId", rehab)), "licenseNo");
    assertEquals(before, Fixtures.count("doctors"));
  }

  @Test
  void duplicateLicenseNumber_is409() {
    String clinic = Fixtures.institution(Fixtures.community(), false, "PRIMARY_CARE").path("id").asText();
    String license = "LIC-" + UUID.randomUUID();
    assertEquals(201, TestApp.admin().post("/doctors", Map.of("name", "甲", "institutionId", clinic, "licenseNo", license)).status());
    long before = Fixtures.count("doctors");
    problem(409, TestApp.admin().post("/doctors", Map.of("name", "乙", "institutionId", clinic, "licenseNo", license)));
    assertEquals(before, Fixtures.count("doctors"));
  }
}
