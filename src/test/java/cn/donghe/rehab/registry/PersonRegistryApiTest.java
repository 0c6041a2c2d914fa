package cn.donghe.rehab.registry;

import static cn.donghe.rehab.common.ProblemAssert.fieldsOf;
import static cn.donghe.rehab.common.ProblemAssert.invalid;
import static cn.donghe.rehab.common.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The person registry over HTTP: every rule, masking per role, audited reads, filters, paging, updates, scope. */
class PersonRegistryApiTest {
  private static final LocalDate BIRTH = LocalDate.of(1972, 3, 14);

  private static Map<String, Object> body(String community) {
    return Fixtures.personBody(community, Category.PHYSICAL, 2, BIRTH);
  }

  /** Applies a change to a valid body; expects 422 naming the field and no new person. */
  private static void refused(String field, Consumer<Map<String, Object>> change) {
    Map<String, Object> b = body(Fixtures.community());
    change.accept(b);
    long before = Fixtures.count("persons");
    invalid(TestApp.admin().post("/persons", b), field);
    assertEquals(before, Fixtures.count("persons"));
  }

  private static String flipCheck(String id) {
    return id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
  }

  @Test
  void everyValidationRule_is422NamingTheField_andStoresNothing() {
    refused("name", b -> b.remove("name"));
    refused("name", b -> b.put("name", "名".repeat(101)));
    refused("gender", b -> b.put("gender", "X"));
    refused("gender", b -> b.put("gender", b.get("gender").equals("M") ? "F" : "M"));
    refused("birthDate", b -> b.put("birthDate", BIRTH.plusDays(1).toString()));
    refused("birthDate", b -> b.put("birthDate", "1972-02-30"));
    refused("idNumber", b -> b.put("idNumber", flipCheck((String) b.get("idNumber"))));
    refused("idNumber", b -> b.put("idNumber", "15020219720314"));
    refused("idNumber", b -> b.remove("idNumber"));
    refused("certificateNo", b -> b.remove("certificateNo"));
    refused("certificateNo", b -> b.put("certificateNo", b.get("idNumber") + "12"));
    refused("certificateNo", b -> b.put("certificateNo", b.get("idNumber") + "43"));
    refused("certificateNo", b -> b.put("certificateNo", b.get("idNumber") + "49"));
    refused("certificateNo", b -> b.put("certificateNo", Fixtures.idNumber(BIRTH, "M") + "42"));
    refused("category", b -> b.put("category", "BLIND"));
    refused("grade", b -> b.put("grade", 0));
    refused("grade", b -> b.remove("grade"));
    refused("regionCode", b -> b.put("regionCode", "150202999999"));
    refused("regionCode", b -> b.put("regionCode", Fixtures.town()));
    refused("regionCode", b -> b.put("regionCode", "abc"));
    refused("phone", b -> b.put("phone", "call me"));
    refused("guardian.name", b -> b.put("guardian", Map.of("phone", "13800000000", "relation", "母亲")));
    refused("extra", b -> b.put("extra", 1));
  }

  @Test
  void duplicateIdOrCertificateNumber_is409_namingTheField_andStoresNothing() {
    String community = Fixtures.community();
    Map<String, Object> b = body(community);
    assertEquals(201, TestApp.admin().post("/persons", b).status());
    long before = Fixtures.count("persons");
    Map<String, Object> again = new LinkedHashMap<>(b);
    again.put("name", "另一个人");
    duplicate(TestApp.admin().post("/persons", again), "idNumber", "certificateNo");
    again.put("idNumber", ((String) b.get("idNumber")).toLowerCase());
    duplicate(TestApp.admin().post("/persons", again), "idNumber");
    // invalid input is still 422 first, even when its number is taken
    again.put("regionCode", "150202999999");
    invalid(TestApp.admin().post("/persons", again), "regionCode");
    assertEquals(before, Fixtures.count("persons"));
  }

  private static void duplicate(Api.Resp r, String... fields) {
    problem(409, r);
    List<String> named = fieldsOf(r);
    assertTrue(named.containsAll(List.of(fields)), "expected " + List.of(fields) + " in " + named + ": " + r);
  }

  @Test
  void childUnder18_mayBeRegisteredWithoutCertificate() {
    JsonNode child = Fixtures.child(Fixtures.community(), Category.INTELLECTUAL, LocalDate.of(2019, 9, 9));
    assertTrue(child.path("certificateNo").isNull());
    assertEquals("家长", child.path("guardian").path("name").asText().substring(0, 2));
  }

  @Test
  void adminReads_fullNumbers_andEachReadIsAudited_withoutTheNumberInTheTrail() {
    Map<String, Object> b = body(Fixtures.community());
    String id = TestApp.admin().post("/persons", b).str("id");
    Api.Resp full = TestApp.admin().get("/persons/" + id);
    assertEquals(b.get("idNumber"), full.str("idNumber"));
    assertEquals(b.get("certificateNo"), full.str("certificateNo"));
    Api.Resp byLookup = TestApp.admin().post("/persons/lookup", Map.of("certificateNo", b.get("certificateNo")));
    assertEquals(b.get("idNumber"), byLookup.str("idNumber"));
    List<String> trail = TestApp.jdbi().withHandle(h -> h.createQuery(
            "SELECT coalesce(after::text, '') FROM audit_events WHERE entity = 'person' AND entity_id = :id AND action = 'READ_ID_NUMBER'")
        .bind("id", id).mapTo(String.class).list());
    assertEquals(2, trail.size());
    String all = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT string_agg(coalesce(before::text,'') || coalesce(after::text,''), '') FROM audit_events WHERE entity_id = :id")
        .bind("id", id).mapTo(String.class).one());
    assertFalse(all.contains((String) b.get("idNumber")), "plaintext ID number in the audit trail");
  }

  @Test
  void everyNonAdminRole_seesMaskedNumbers_andTheirReadsAreNotAuditedAsFull() {
    String community = Fixtures.community();
    Map<String, Object> b = Fixtures.personBody(community, Category.HEARING, 4, LocalDate.of(2012, 7, 1));
    b.put("guardian", Map.of("name", "家长甲", "phone", "13800000000", "relation", "父亲"));
    String id = TestApp.admin().post("/persons", b).str("id");
    String idNo = (String) b.get("idNumber");
    String cert = (String) b.get("certificateNo");
    String maskedId = idNo.substring(0, 6) + "************";
    String maskedCert = cert.substring(0, 6) + "************" + cert.substring(18);

    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinic).path("id").asText();
    TestApp.jdbi().useHandle(h -> h.execute("""
        INSERT INTO contracts (id, person_id, doctor_id, start_date, end_date, service_package, created_at)
        VALUES (?, ?, ?, current_date - 30, current_date + 300, 'BASIC', now())""", UUID.randomUUID(), UUID.fromString(id), UUID.fromString(doctorId)));
    Api institution = Fixtures.institutionUser(Fixtures.institution(community, true, "REHAB").path("id").asText());
    Api doctor = Fixtures.doctorUser(doctorId);
    Api guardian = Fixtures.guardianUser(id);
    // an institution reads a person in its reach only (issue 15): here it found them by number, card in hand
    problem(404, institution.get("/persons/" + id));
    assertEquals(200, institution.post("/persons/lookup", Map.of("idNumber", idNo)).status());
    for (Api api : List.of(institution, doctor)) {
      Api.Resp r = api.get("/persons/" + id);
      assertEquals(200, r.status(), r.toString());
      assertEquals(maskedId, r.str("idNumber"));
      assertEquals(maskedCert, r.str("certificateNo"));
      assertFalse(r.text().contains(idNo));
      assertFalse(r.json().has("birthDate"), r.toString());
      assertEquals("2012-07", r.str("birthYearMonth"));
    }
    // a guardian sees their own child in full (DESIGN section 2), and that read is audited like an ADMIN's
    Api.Resp own = guardian.get("/persons/" + id);
    assertEquals(idNo, own.str("idNumber"));
    assertEquals("2012-07-01", own.str("birthDate"));
    Api.Resp listed = doctor.get("/persons");
    assertEquals(1, listed.get("items").size());
    assertEquals(maskedId, listed.get("items").get(0).path("idNumber").asText());
    int fullReads = TestApp.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM audit_events WHERE entity_id = :id AND action = 'READ_ID_NUMBER'").bind("id", id).mapTo(Integer.class).one());
    assertEquals(1, fullReads, "only the guardian's read is a full read");
    problem(403, institution.get("/persons"));
  }

  @Test
  void lookup_needsExactlyOneNumber_andAnswers404ForUnknown() {
    invalid(TestApp.admin().post("/persons/lookup", Map.of()), "idNumber");
    invalid(TestApp.admin().post("/persons/lookup", Map.of("idNumber", "x", "certificateNo", "y")), "certificateNo");
    problem(404, TestApp.admin().post("/persons/lookup", Map.of("idNumber", Fixtures.idNumber(BIRTH, "F"))));
  }

  @Test
  void list_filtersByRegionCategoryGradeAndName_andPagesWithACursor() {
    String town = Fixtures.town();
    String c1 = Fixtures.community(town);
    String c2 = Fixtures.community(town);
    String marker = "筛" + Fixtures.next();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, Object> b = Fixtures.personBody(i < 3 ? c1 : c2, i % 2 == 0 ? Category.VISUAL : Category.MENTAL, 1 + i % 4, BIRTH.minusDays(i));
      b.put("name", marker + "人" + i);
      ids.add(TestApp.admin().post("/persons", b).str("id"));
    }
    Api admin = TestApp.admin();
    assertEquals(3, admin.get("/persons?regionCode=" + c1).get("items").size());
    assertEquals(5, admin.get("/persons?regionCode=" + town).get("items").size());
    assertEquals(3, admin.get("/persons?regionCode=" + town + "&category=VISUAL").get("items").size());
    assertEquals(2, admin.get("/persons?regionCode=" + town + "&grade=1").get("items").size());
    assertEquals(1, admin.get("/persons?regionCode=" + town + "&category=MENTAL&grade=4").get("items").size());
    assertEquals(5, admin.get("/persons?q=" + java.net.URLEncoder.encode(marker, java.nio.charset.StandardCharsets.UTF_8)).get("items").size());

    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Resp page = admin.get("/persons?regionCode=" + town + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertTrue(page.get("items").size() <= 2);
      for (JsonNode p : page.get("items")) assertTrue(seen.add(p.path("id").asText()), "repeated " + p);
      cursor = page.get("nextCursor").isNull() ? null : page.str("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertEquals(new HashSet<>(ids), seen);
    assertEquals(3, pages);

    problem(400, admin.get("/persons?grade=7"));
    problem(400, admin.get("/persons?category=BLIND"));
    problem(400, admin.get("/persons?regionCode=12"));
    problem(400, admin.get("/persons?limit=501"));
    problem(400, admin.get("/persons?cursor=bm90LWEtdXVpZA"));
  }

  @Test
  void patch_changesStatusRegionAndGuardian_withBeforeAndAfterInTheAuditTrail() {
    String town = Fixtures.town();
    String id = Fixtures.person(Fixtures.community(town)).path("id").asText();
    String moveTo = Fixtures.community(town);
    LocalDate today = LocalDate.now(TestApp.context().clock());
    Api.Resp r = TestApp.admin().patch("/persons/" + id, Map.of("status", "MOVED_OUT", "statusDate", today.toString(),
        "regionCode", moveTo, "guardian", Map.of("name", "李四", "phone", "13900000000", "relation", "配偶")));
    assertEquals(200, r.status(), r.toString());
    assertEquals("MOVED_OUT", r.str("status"));
    assertEquals(today.toString(), r.str("statusDate"));
    assertEquals(moveTo, r.str("regionCode"));
    assertEquals("李四", r.get("guardian").path("name").asText());
    JsonNode audit = TestApp.admin().get("/audit?entity=person&entityId=" + id).get("items");
    JsonNode update = null;
    for (JsonNode e : audit) if (e.path("action").asText().equals("UPDATE")) update = e;
    assertTrue(update != null, audit.toString());
    assertEquals("ACTIVE", update.path("before").path("status").asText());
    assertEquals("MOVED_OUT", update.path("after").path("status").asText());
    assertEquals(moveTo, update.path("after").path("regionCode").asText());
    assertTrue(update.path("before").path("guardian").isNull());
  }

  @Test
  void invalidPatch_is422_andChangesNothing() {
    String id = Fixtures.person(Fixtures.community()).path("id").asText();
    LocalDate today = LocalDate.now(TestApp.context().clock());
    invalid(TestApp.admin().patch("/persons/" + id, Map.of("status", "DECEASED")), "statusDate");
    invalid(TestApp.admin().patch("/persons/" + id, Map.of("status", "GONE", "statusDate", today.toString())), "status");
    invalid(TestApp.admin().patch("/persons/" + id, Map.of("status", "DECEASED", "statusDate", today.plusDays(1).toString())), "statusDate");
    invalid(TestApp.admin().patch("/persons/" + id, Map.of("status", "DECEASED", "statusDate", "1900-01-01")), "statusDate");
    invalid(TestApp.admin().patch("/persons/" + id, Map.of("regionCode", Fixtures.town())), "regionCode");
    invalid(TestApp.admin().patch("/persons/" + id, Map.of("phone", "??")), "phone");
    invalid(TestApp.admin().patch("/persons/" + id, Map.of("idNumber", "x")), "idNumber");
    Api.Resp after = TestApp.admin().get("/persons/" + id);
    assertEquals("ACTIVE", after.str("status"));
    assertNull(after.get("statusDate").isNull() ? null : after.str("statusDate"));
    problem(404, TestApp.admin().patch("/persons/" + UUID.randomUUID(), Map.of("phone", "13800000000")));
  }

  @Test
  void regionalAdmin_seesAndChangesOnlyTheirRegion_othersAre404() {
    String town = Fixtures.town();
    String mine = Fixtures.person(Fixtures.community(town)).path("id").asText();
    String other = Fixtures.person(Fixtures.community()).path("id").asText();
    Api regional = Fixtures.regionalAdmin(town);
    assertEquals(200, regional.get("/persons/" + mine).status());
    problem(404, regional.get("/persons/" + other));
    problem(404, regional.patch("/persons/" + other, Map.of("phone", "13800000000")));
    for (JsonNode p : regional.get("/persons?limit=500").get("items")) {
      assertTrue(p.path("regionCode").asText().startsWith(town.substring(0, 9)), p.toString());
    }
    Map<String, Object> outside = body(Fixtures.community());
    invalid(regional.post("/persons", outside), "regionCode");
    invalid(regional.patch("/persons/" + mine, Map.of("regionCode", Fixtures.community())), "regionCode");
  }

  @Test
  void nonAdmins_mayNotCreateOrPatch_andAnonymousIs401() {
    String community = Fixtures.community();
    String id = Fixtures.person(community).path("id").asText();
    Api guardian = Fixtures.guardianUser(id);
    problem(403, guardian.post("/persons", body(community)));
    problem(403, guardian.patch("/persons/" + id, Map.of("phone", "13800000000")));
    problem(401, TestApp.anonymous().get("/persons/" + id));
    problem(401, TestApp.anonymous().post("/persons/lookup", Map.of("idNumber", "x")));
  }
}
