package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonApiTest {
  @Test
  void create_thenAdminSeesFullNumbers_andInstitutionSeesMasked() {
    String community = Fixtures.community();
    Map<String, Object> body = Fixtures.personBody(community, Category.HEARING, 3, LocalDate.of(1975, 2, 28));
    Api.Resp created = TestApp.admin().post("/persons", body);
    assertEquals(201, created.status(), created.toString());
    String id = created.str("id");
    Api.Resp full = TestApp.admin().get("/persons/" + id);
    assertEquals(body.get("idNumber"), full.str("idNumber"));
    assertEquals(body.get("certificateNo"), full.str("certificateNo"));

    String inst = Fixtures.institution(community, true, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(inst);
    Api.Resp found = staff.post("/persons/lookup", Map.of("certificateNo", body.get("certificateNo")));
    assertEquals(200, found.status());
    String masked = found.str("idNumber");
    String idNumber = (String) body.get("idNumber");
    assertEquals(idNumber.substring(0, 6) + "************", masked);
    String cert = (String) body.get("certificateNo");
    assertEquals(cert.substring(0, 6) + "************" + cert.substring(18), found.str("certificateNo"));
  }

  @Test
  void badCheckDigit_is422NamingIdNumber_andNothingStored() {
    String community = Fixtures.community();
    Map<String, Object> body = Fixtures.personBody(community, Category.PHYSICAL, 2, LocalDate.of(1990, 1, 1));
    String id = (String) body.get("idNumber");
    char wrong = id.charAt(17) == '1' ? '2' : '1';
    body.put("idNumber", id.substring(0, 17) + wrong);
    body.remove("certificateNo");
    long before = Fixtures.count("persons");
    Api.Resp r = TestApp.admin().post("/persons", body);
    assertEquals(422, r.status());
    assertEquals("application/problem+json", r.contentType());
    boolean named = false;
    for (JsonNode e : r.get("errors")) named |= e.path("field").asText().equals("idNumber");
    assertTrue(named, r.toString());
    assertEquals(before, Fixtures.count("persons"));
  }

  @Test
  void malformedJson_is400Problem_andUnknownPath404Problem_andBigBody413() {
    Api.Resp bad = TestApp.admin().send("POST", "/persons", "{\"name\": ", "application/json");
    assertEquals(400, bad.status());
    assertEquals("application/problem+json", bad.contentType());
    Api.Resp unknown = TestApp.admin().get("/no-such-thing");
    assertEquals(404, unknown.status());
    assertEquals("application/problem+json", unknown.contentType());
    Api.Resp big = TestApp.admin().send("POST", "/persons", "{\"name\":\"" + "x".repeat(1100 * 1024) + "\"}", "application/json");
    assertEquals(413, big.status());
    assertEquals("application/problem+json", big.contentType());
    assertFalse(big.text().contains("Exception"));
  }

  @Test
  void doctorWithoutContract_getsNotFound_guardianSeesOnlyOwnChild() {
    String community = Fixtures.community();
    JsonNode child = Fixtures.child(community, Category.HEARING, LocalDate.of(2020, 3, 3));
    JsonNode other = Fixtures.child(community, Category.HEARING, LocalDate.of(2021, 4, 4));
    Api guardian = Fixtures.guardianUser(child.path("id").asText());
    assertEquals(200, guardian.get("/persons/" + child.path("id").asText()).status());
    assertEquals(404, guardian.get("/persons/" + other.path("id").asText()).status());
    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    Api doctor = Fixtures.doctorUser(Fixtures.doctor(clinic).path("id").asText());
    assertEquals(404, doctor.get("/persons/" + child.path("id").asText()).status());
    assertEquals(0, doctor.get("/persons").get("items").size());
  }
}
