package cn.donghe.rehab.contracts;

import static cn.donghe.rehab.contracts.ContractFixtures.activeContract;
import static cn.donghe.rehab.contracts.ContractFixtures.assertInvalid;
import static cn.donghe.rehab.contracts.ContractFixtures.assertProblem;
import static cn.donghe.rehab.contracts.ContractFixtures.assessmentBody;
import static cn.donghe.rehab.contracts.ContractFixtures.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AssessmentApiTest {
  private static final int YEAR = LocalDate.now(TestApp.context().clock()).getYear();

  private static long assessmentsOf(String personId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM assessments WHERE person_id = :p")
        .bind("p", UUID.fromString(personId)).mapTo(Long.class).one());
  }

  private static String lastYearDay() { return LocalDate.of(YEAR - 1, 6, 15).toString(); }

  @Test
  void put_createsThenReplaces_auditedWithBeforeAndAfter() {
    ContractFixtures.ensureDemoDeviceTypes();
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String path = "/persons/" + person + "/assessments/" + (YEAR - 1);
    Api.Resp created = TestApp.admin().put(path, assessmentBody(LocalDate.of(YEAR - 1, 3, 1), List.of("REHAB_TRAINING", "REHAB_TRAINING"), List.of("WHEELCHAIR")));
    assertEquals(201, created.status(), created.toString());
    assertEquals(List.of("REHAB_TRAINING"), strings(created.get("rehabNeeds")));
    assertEquals(List.of("WHEELCHAIR"), strings(created.get("deviceNeeds")));
    assertEquals(w.community(), created.str("regionCode"));
    assertEquals(YEAR - 1, created.get("year").asInt());

    Api.Resp replaced = TestApp.admin().put(path, assessmentBody(LocalDate.of(YEAR - 1, 9, 1), List.of("REHAB_MEDICAL", "HEALTH_EDUCATION"), List.of()));
    assertEquals(200, replaced.status(), replaced.toString());
    assertEquals(List.of("REHAB_MEDICAL", "HEALTH_EDUCATION"), strings(replaced.get("rehabNeeds")));
    assertEquals(List.of(), strings(replaced.get("deviceNeeds")));
    assertEquals(1, assessmentsOf(person));
    boolean needsDevice = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT needs_device FROM assessments WHERE person_id = :p")
        .bind("p", UUID.fromString(person)).mapTo(Boolean.class).one());
    assertTrue(!needsDevice);

    JsonNode audit = TestApp.jdbi().withHandle(h -> h.createQuery(
            "SELECT jsonb_build_object('before', before, 'after', after) FROM audit_events WHERE entity = 'assessment' AND entity_id = :id AND action = 'REPLACE'")
        .bind("id", person + "/" + (YEAR - 1)).mapTo(String.class).one()).transform(s -> {
          try { return Api.JSON.readTree(s); } catch (Exception e) { throw new IllegalStateException(e); }
        });
    assertEquals("WHEELCHAIR", audit.path("before").path("deviceNeeds").get(0).asText());
    assertEquals("REHAB_MEDICAL", audit.path("after").path("rehabNeeds").get(0).asText());

    TestApp.admin().put("/persons/" + person + "/assessments/" + YEAR, assessmentBody(today(), List.of(), List.of()));
    Api.Resp list = TestApp.admin().get("/persons/" + person + "/assessments");
    assertEquals(200, list.status());
    assertEquals(2, list.get("items").size());
    assertEquals(YEAR, list.get("items").get(0).path("year").asInt());
  }

  @Test
  void contractedDoctor_mayAssess_othersGet404_otherRoles403() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String path = "/persons/" + person + "/assessments/" + YEAR;
    Map<String, Object> body = assessmentBody(today(), List.of("REHAB_TRAINING"), List.of());
    assertProblem(w.doctor().put(path, body), 404);
    assertProblem(w.doctor().get("/persons/" + person + "/assessments"), 404);
    activeContract(person, w.doctorId());
    Api.Resp r = w.doctor().put(path, body);
    assertEquals(201, r.status(), r.toString());
    assertEquals(200, w.doctor().get("/persons/" + person + "/assessments").status());

    Api otherDoctor = Fixtures.doctorUser(Fixtures.doctor(w.clinicId()).path("id").asText());
    assertProblem(otherDoctor.put(path, body), 404);
    assertProblem(otherDoctor.get("/persons/" + person + "/assessments"), 404);
    Api regionalOut = Fixtures.regionalAdmin(Fixtures.town());
    assertProblem(regionalOut.put(path, body), 404);
    assertProblem(regionalOut.get("/persons/" + person + "/assessments"), 404);
    Api regionalIn = Fixtures.regionalAdmin(w.town());
    assertEquals(200, regionalIn.put(path, body).status());

    JsonNode child = Fixtures.child(w.community(), Category.HEARING, LocalDate.of(2021, 2, 2));
    Api guardian = Fixtures.guardianUser(child.path("id").asText());
    Api institution = Fixtures.institutionUser(w.rehabId());
    for (Api api : List.of(guardian, institution)) {
      assertProblem(api.put("/persons/" + child.path("id").asText() + "/assessments/" + YEAR, body), 403);
      assertProblem(api.get("/persons/" + child.path("id").asText() + "/assessments"), 403);
    }
    assertProblem(TestApp.admin().put("/persons/" + UUID.randomUUID() + "/assessments/" + YEAR, body), 404);
  }

  @Test
  void everyValidationRule_is422NamingTheField_andStoresNothing() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    record Case(String year, String field, Consumer<Map<String, Object>> change) {}
    int y = YEAR - 1;
    List<Case> cases = List.of(
        new Case("20x4", "year", b -> { }),
        new Case("1999", "year", b -> { }),
        new Case("2101", "year", b -> { }),
        new Case(String.valueOf(y), "assessedOn", b -> b.remove("assessedOn")),
        new Case(String.valueOf(y), "assessedOn", b -> b.put("assessedOn", "not-a-date")),
        new Case(String.valueOf(y), "assessedOn", b -> b.put("assessedOn", LocalDate.of(y + 1, 1, 1).toString())),
        new Case(String.valueOf(YEAR), "assessedOn", b -> b.put("assessedOn", today().plusDays(1).toString())),
        new Case(String.valueOf(y), "rehabNeeds", b -> b.remove("rehabNeeds")),
        new Case(String.valueOf(y), "rehabNeeds[1]", b -> b.put("rehabNeeds", List.of("REHAB_TRAINING", "MASSAGE"))),
        new Case(String.valueOf(y), "rehabNeeds", b -> b.put("rehabNeeds", "REHAB_TRAINING")),
        new Case(String.valueOf(y), "deviceNeeds[0]", b -> b.put("deviceNeeds", List.of("wheel chair"))),
        new Case(String.valueOf(y), "deviceNeeds[0]", b -> b.put("deviceNeeds", Arrays.asList((String) null))),
        new Case(String.valueOf(y), "deviceNeeds[0]", b -> b.put("deviceNeeds", List.of("X".repeat(41)))),
        new Case(String.valueOf(y), "deviceNeeds", b -> {
          List<String> many = new ArrayList<>();
          for (int i = 0; i < 21; i++) many.add("CODE_" + i);
          b.put("deviceNeeds", many);
        }));
    long before = Fixtures.count("assessments");
    for (Case c : cases) {
      Map<String, Object> body = assessmentBody(LocalDate.of(y, 5, 5), List.of("REHAB_TRAINING"), List.of("WALKER"));
      c.change().accept(body);
      assertInvalid(TestApp.admin().put("/persons/" + person + "/assessments/" + c.year(), body), c.field());
    }
    assertEquals(before, Fixtures.count("assessments"));
  }

  @Test
  void assessedBeforeBirth_orAfterThePersonLeft_is422() {
    ContractFixtures.World w = ContractFixtures.world();
    JsonNode child = Fixtures.child(w.community(), Category.INTELLECTUAL, LocalDate.of(YEAR - 1, 7, 1));
    assertInvalid(TestApp.admin().put("/persons/" + child.path("id").asText() + "/assessments/" + (YEAR - 1),
        assessmentBody(LocalDate.of(YEAR - 1, 6, 30), List.of("REHAB_TRAINING"), List.of())), "assessedOn");
    String person = w.person();
    LocalDate left = today().minusDays(1).getYear() == YEAR ? today().minusDays(1) : today();
    assertEquals(200, TestApp.admin().patch("/persons/" + person, Map.of("status", "MOVED_OUT", "statusDate", left.toString())).status());
    assertInvalid(TestApp.admin().put("/persons/" + person + "/assessments/" + YEAR,
        assessmentBody(left, List.of("REHAB_TRAINING"), List.of())), "assessedOn");
    // Before they left is fine (last year's assessment of a person who moved out this year).
    assertEquals(201, TestApp.admin().put("/persons/" + person + "/assessments/" + (YEAR - 1),
        assessmentBody(LocalDate.parse(lastYearDay()), List.of("REHAB_TRAINING"), List.of())).status());
  }

  @Test
  void deviceNeeds_areCheckedAgainstTheCatalogue_onceItHasRows() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String path = "/persons/" + person + "/assessments/" + (YEAR - 1);
    boolean exists = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT to_regclass('device_types') IS NOT NULL").mapTo(Boolean.class).one());
    if (!exists) {
      // No catalogue yet: any well-formed code is accepted.
      assertEquals(201, TestApp.admin().put(path, assessmentBody(LocalDate.parse(lastYearDay()), List.of(), List.of("ANY_CODE_1"))).status());
      TestApp.jdbi().useHandle(h -> h.execute("CREATE TABLE device_types (code text PRIMARY KEY)"));
      try {
        // An empty catalogue still accepts any code.
        assertEquals(200, TestApp.admin().put(path, assessmentBody(LocalDate.parse(lastYearDay()), List.of(), List.of("ANY_CODE_2"))).status());
        TestApp.jdbi().useHandle(h -> h.execute("INSERT INTO device_types (code) VALUES ('WHEELCHAIR_T')"));
        assertCatalogueEnforced(path, "WHEELCHAIR_T");
      } finally {
        TestApp.jdbi().useHandle(h -> h.execute("DROP TABLE device_types"));
      }
    } else {
      String known = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT code FROM device_types LIMIT 1").mapTo(String.class).findOne().orElse(null));
      if (known != null) assertCatalogueEnforced(path, known);
    }
  }

  private static void assertCatalogueEnforced(String path, String known) {
    Api.Resp bad = TestApp.admin().put(path, assessmentBody(LocalDate.parse(lastYearDay()), List.of(), List.of(known, "NOT_IN_CATALOGUE_X")));
    assertInvalid(bad, "deviceNeeds[1]");
    Api.Resp ok = TestApp.admin().put(path, assessmentBody(LocalDate.parse(lastYearDay()), List.of(), List.of(known)));
    assertTrue(ok.status() == 200 || ok.status() == 201, ok.toString());
    assertEquals(List.of(known), strings(ok.get("deviceNeeds")));
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
