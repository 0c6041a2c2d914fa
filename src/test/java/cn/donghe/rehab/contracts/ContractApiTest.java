package cn.donghe.rehab.contracts;

import static cn.donghe.rehab.contracts.ContractFixtures.assertInvalid;
import static cn.donghe.rehab.contracts.ContractFixtures.assertProblem;
import static cn.donghe.rehab.contracts.ContractFixtures.contract;
import static cn.donghe.rehab.contracts.ContractFixtures.contractBody;
import static cn.donghe.rehab.contracts.ContractFixtures.ids;
import static cn.donghe.rehab.contracts.ContractFixtures.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ContractApiTest {
  private static long contractsOf(String personId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM contracts WHERE person_id = :p")
        .bind("p", UUID.fromString(personId)).mapTo(Long.class).one());
  }

  @Test
  void create_withoutEndDate_runsOneYear_andIsActive() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    LocalDate start = today().minusDays(10);
    Api.Resp r = TestApp.admin().post("/contracts", contractBody(person, w.doctorId(), start));
    assertEquals(201, r.status(), r.toString());
    assertEquals(start.plusYears(1).minusDays(1).toString(), r.str("endDate"));
    assertEquals("ACTIVE", r.str("status"));
    assertEquals("BASIC", r.str("servicePackage"));
    assertEquals(person, r.str("personId"));
    assertNotNull(r.str("personName"));
    assertTrue(r.header("Location").endsWith("/contracts/" + r.str("id")));
    assertEquals(r.str("id"), TestApp.admin().get("/contracts/" + r.str("id")).str("id"));
    long audits = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_events WHERE entity = 'contract' AND entity_id = :id AND action = 'CREATE'")
        .bind("id", r.str("id")).mapTo(Long.class).one());
    assertEquals(1, audits);
    // The contracted doctor now reads the person.
    assertEquals(200, w.doctor().get("/persons/" + person).status());
  }

  @Test
  void create_withEndDate_isKept_andFutureStartIsPending() {
    ContractFixtures.World w = ContractFixtures.world();
    Map<String, Object> body = contractBody(w.person(), w.doctorId(), today().plusDays(5));
    body.put("endDate", today().plusDays(100).toString());
    body.put("servicePackage", "PERSONALIZED");
    Api.Resp r = TestApp.admin().post("/contracts", body);
    assertEquals(201, r.status(), r.toString());
    assertEquals(today().plusDays(100).toString(), r.str("endDate"));
    assertEquals("PENDING", r.str("status"));
    assertEquals("PERSONALIZED", r.str("servicePackage"));
  }

  @Test
  void doctor_signsForThemselves_doctorIdDefaulted_butNotForAnotherDoctor() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    Map<String, Object> body = contractBody(person, w.doctorId(), today());
    body.remove("doctorId");
    Api.Resp r = w.doctor().post("/contracts", body);
    assertEquals(201, r.status(), r.toString());
    assertEquals(w.doctorId(), r.str("doctorId"));

    String other = Fixtures.doctor(w.clinicId()).path("id").asText();
    long before = Fixtures.count("contracts");
    assertInvalid(w.doctor().post("/contracts", contractBody(w.person(), other, today())), "doctorId");
    assertEquals(before, Fixtures.count("contracts"));
  }

  @Test
  void doctor_cannotSignPersonOutsideTheirInstitutionsRegion() {
    ContractFixtures.World w = ContractFixtures.world();
    String elsewhere = Fixtures.person(Fixtures.community()).path("id").asText();
    long before = Fixtures.count("contracts");
    assertInvalid(w.doctor().post("/contracts", contractBody(elsewhere, w.doctorId(), today())), "personId");
    assertEquals(before, Fixtures.count("contracts"));
  }

  @Test
  void everyValidationRule_is422NamingTheField_andStoresNothing() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    Api admin = TestApp.admin();
    long before = Fixtures.count("contracts");
    record Case(String field, Consumer<Map<String, Object>> change) {}
    List<Case> cases = List.of(
        new Case("personId", b -> b.remove("personId")),
        new Case("personId", b -> b.put("personId", UUID.randomUUID().toString())),
        new Case("personId", b -> b.put("personId", "not-a-uuid")),
        new Case("doctorId", b -> b.remove("doctorId")),
        new Case("doctorId", b -> b.put("doctorId", UUID.randomUUID().toString())),
        new Case("servicePackage", b -> b.remove("servicePackage")),
        new Case("servicePackage", b -> b.put("servicePackage", "PREMIUM")),
        new Case("startDate", b -> b.remove("startDate")),
        new Case("startDate", b -> b.put("startDate", "2024-02-30")),
        new Case("startDate", b -> b.put("startDate", today().plusYears(1).plusDays(1).toString())),
        new Case("startDate", b -> b.put("startDate", "1999-12-31")),
        new Case("endDate", b -> b.put("endDate", today().minusDays(1).toString())),
        new Case("endDate", b -> b.put("endDate", today().plusYears(5).toString())));
    for (Case c : cases) {
      Map<String, Object> body = contractBody(person, w.doctorId(), today());
      c.change().accept(body);
      assertInvalid(admin.post("/contracts", body), c.field());
    }
    assertEquals(before, Fixtures.count("contracts"));
  }

  @Test
  void personNotActive_orOutsideRegionalAdminsRegion_is422() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    assertEquals(200, TestApp.admin().patch("/persons/" + person, Map.of("status", "DECEASED", "statusDate", today().minusDays(3).toString())).status());
    assertInvalid(TestApp.admin().post("/contracts", contractBody(person, w.doctorId(), today())), "personId");
    JsonNode child = Fixtures.child(w.community(), Category.VISUAL, today().minusYears(1));
    assertInvalid(TestApp.admin().post("/contracts", contractBody(child.path("id").asText(), w.doctorId(), today().minusYears(1).minusDays(1))), "startDate");
    Api regional = Fixtures.regionalAdmin(Fixtures.town());
    assertInvalid(regional.post("/contracts", contractBody(w.person(), w.doctorId(), today())), "personId");
  }

  @Test
  void overlappingContract_is409NamingTheExisting_adjacentIsFine() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    LocalDate start = today().minusMonths(2);
    JsonNode first = contract(person, w.doctorId(), start);
    String other = Fixtures.doctor(w.clinicId()).path("id").asText();
    Api.Resp clash = TestApp.admin().post("/contracts", contractBody(person, other, start.plusMonths(11)));
    assertProblem(clash, 409);
    assertEquals(first.path("id").asText(), clash.get("existingContractId").asText(null));
    assertEquals(1, contractsOf(person));
    // The day after the first term ends is free.
    Api.Resp next = TestApp.admin().post("/contracts", contractBody(person, other, start.plusYears(1)));
    assertEquals(201, next.status(), next.toString());
    assertEquals(2, contractsOf(person));
  }

  @Test
  void concurrentCreatesForOnePerson_exactlyOneWins() throws Exception {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    int n = 8;
    List<String> doctors = new ArrayList<>();
    for (int i = 0; i < n; i++) doctors.add(i % 2 == 0 ? w.doctorId() : Fixtures.doctor(w.clinicId()).path("id").asText());
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Resp>> results = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Map<String, Object> body = contractBody(person, doctors.get(i), today().minusDays(i));
        Callable<Api.Resp> call = () -> {
          go.await();
          return TestApp.admin().post("/contracts", body);
        };
        results.add(pool.submit(call));
      }
      go.countDown();
      int created = 0;
      String winner = null;
      List<Api.Resp> conflicts = new ArrayList<>();
      for (Future<Api.Resp> f : results) {
        Api.Resp r = f.get();
        if (r.status() == 201) {
          created++;
          winner = r.str("id");
        } else {
          assertProblem(r, 409);
          conflicts.add(r);
        }
      }
      assertEquals(1, created);
      for (Api.Resp r : conflicts) assertEquals(winner, r.get("existingContractId").asText(null), r.toString());
      assertEquals(1, contractsOf(person));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void list_filtersByDoctorPersonActiveOn_andPages() {
    ContractFixtures.World w = ContractFixtures.world();
    String p1 = w.person();
    String p2 = w.person();
    String p3 = w.person();
    String c1 = contract(p1, w.doctorId(), today().minusMonths(3)).path("id").asText();
    String c2 = contract(p2, w.doctorId(), today().minusYears(2)).path("id").asText();
    String other = Fixtures.doctor(w.clinicId()).path("id").asText();
    String c3 = contract(p3, other, today().minusDays(1)).path("id").asText();
    Api admin = TestApp.admin();

    assertEquals(List.of(c1, c2), ids(admin.get("/contracts?doctorId=" + w.doctorId()), "id"));
    assertEquals(List.of(c3), ids(admin.get("/contracts?personId=" + p3), "id"));
    assertEquals(List.of(c1), ids(admin.get("/contracts?doctorId=" + w.doctorId() + "&activeOn=" + today()), "id"));
    assertEquals(List.of(c2), ids(admin.get("/contracts?doctorId=" + w.doctorId() + "&activeOn=" + today().minusYears(2).plusDays(3)), "id"));
    assertEquals("EXPIRED", admin.get("/contracts/" + c2).str("status"));

    Api.Resp page1 = admin.get("/contracts?doctorId=" + w.doctorId() + "&limit=1");
    assertEquals(List.of(c1), ids(page1, "id"));
    assertNotNull(page1.str("nextCursor"));
    Api.Resp page2 = admin.get("/contracts?doctorId=" + w.doctorId() + "&limit=1&cursor=" + page1.str("nextCursor"));
    assertEquals(List.of(c2), ids(page2, "id"));
    assertTrue(page2.get("nextCursor").isNull());

    // A doctor lists only their own contracts, whatever the filter says.
    assertEquals(List.of(c1, c2), ids(w.doctor().get("/contracts"), "id"));
    assertEquals(List.of(), ids(w.doctor().get("/contracts?doctorId=" + other), "id"));
  }

  @Test
  void expiringWithinDays_listsRenewalsDue_notTerminatedOrRenewed() {
    ContractFixtures.World w = ContractFixtures.world();
    LocalDate t = today();
    String due = contract(w.person(), w.doctorId(), t.minusYears(1).plusDays(20)).path("id").asText();
    contract(w.person(), w.doctorId(), t.minusYears(1).plusDays(45));
    String renewedPerson = w.person();
    contract(renewedPerson, w.doctorId(), t.minusYears(1).plusDays(10));
    contract(renewedPerson, w.doctorId(), t.plusDays(10));
    String terminated = contract(w.person(), w.doctorId(), t.minusYears(1).plusDays(5)).path("id").asText();
    assertEquals(200, TestApp.admin().post("/contracts/" + terminated + "/terminate", Map.of("date", t.plusDays(2).toString(), "reason", "迁出")).status());
    assertEquals(List.of(due), ids(TestApp.admin().get("/contracts?doctorId=" + w.doctorId() + "&expiringWithinDays=30"), "id"));
  }

  @Test
  void malformedFilters_are400() {
    Api admin = TestApp.admin();
    for (String q : List.of("doctorId=x", "personId=123", "activeOn=2024-13-01", "expiringWithinDays=-1",
        "expiringWithinDays=abc", "expiringWithinDays=367", "limit=0", "cursor=%25%25")) {
      assertProblem(admin.get("/contracts?" + q), 400);
    }
  }

  @Test
  void terminate_endsTheContractBeforeTheDate_andDoctorLosesScope() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String id = contract(person, w.doctorId(), today().minusMonths(1)).path("id").asText();
    assertEquals(200, w.doctor().get("/persons/" + person).status());
    Api.Resp r = w.doctor().post("/contracts/" + id + "/terminate", Map.of("date", today().toString(), "reason", "本人要求解约"));
    assertEquals(200, r.status(), r.toString());
    assertEquals("TERMINATED", r.str("status"));
    assertEquals(today().toString(), r.str("terminatedOn"));
    assertEquals("本人要求解约", r.str("terminationReason"));
    assertProblem(w.doctor().get("/persons/" + person), 404);
    assertEquals(List.of(), ids(TestApp.admin().get("/contracts?personId=" + person + "&activeOn=" + today()), "id"));
    // The day is free again: a new contract may start today.
    assertEquals(201, TestApp.admin().post("/contracts", contractBody(person, w.doctorId(), today())).status());

    Api.Resp again = TestApp.admin().post("/contracts/" + id + "/terminate", Map.of("date", today().toString(), "reason", "再次"));
    assertProblem(again, 409);
    long audits = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_events WHERE entity = 'contract' AND entity_id = :id AND action = 'TERMINATE'")
        .bind("id", id).mapTo(Long.class).one());
    assertEquals(1, audits);
  }

  @Test
  void terminate_expiredContract_is409_andInvalidInput422() {
    ContractFixtures.World w = ContractFixtures.world();
    String expired = contract(w.person(), w.doctorId(), today().minusYears(2)).path("id").asText();
    assertProblem(TestApp.admin().post("/contracts/" + expired + "/terminate", Map.of("date", today().minusYears(2).plusDays(5).toString(), "reason", "x")), 409);

    LocalDate start = today().minusMonths(1);
    String id = contract(w.person(), w.doctorId(), start).path("id").asText();
    Api admin = TestApp.admin();
    assertInvalid(admin.post("/contracts/" + id + "/terminate", Map.of("reason", "x")), "date");
    assertInvalid(admin.post("/contracts/" + id + "/terminate", Map.of("date", today().toString())), "reason");
    assertInvalid(admin.post("/contracts/" + id + "/terminate", Map.of("date", today().toString(), "reason", " ")), "reason");
    assertInvalid(admin.post("/contracts/" + id + "/terminate", Map.of("date", start.minusDays(1).toString(), "reason", "x")), "date");
    assertInvalid(admin.post("/contracts/" + id + "/terminate", Map.of("date", start.plusYears(1).toString(), "reason", "x")), "date");
    assertInvalid(admin.post("/contracts/" + id + "/terminate", Map.of("date", "yesterday", "reason", "x")), "date");
    assertEquals("ACTIVE", admin.get("/contracts/" + id).str("status"));
    assertProblem(admin.post("/contracts/" + UUID.randomUUID() + "/terminate", Map.of("date", today().toString(), "reason", "x")), 404);
  }

  @Test
  void scope_otherDoctorAndOtherRegion_get404_otherRoles403() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    String id = contract(person, w.doctorId(), today().minusMonths(1)).path("id").asText();
    Api otherDoctor = Fixtures.doctorUser(Fixtures.doctor(w.clinicId()).path("id").asText());
    assertProblem(otherDoctor.get("/contracts/" + id), 404);
    assertProblem(otherDoctor.post("/contracts/" + id + "/terminate", Map.of("date", today().toString(), "reason", "x")), 404);
    Api regionalIn = Fixtures.regionalAdmin(w.town());
    Api regionalOut = Fixtures.regionalAdmin(Fixtures.town());
    assertEquals(200, regionalIn.get("/contracts/" + id).status());
    assertEquals(List.of(id), ids(regionalIn.get("/contracts?personId=" + person), "id"));
    assertProblem(regionalOut.get("/contracts/" + id), 404);
    assertEquals(List.of(), ids(regionalOut.get("/contracts?personId=" + person), "id"));
    assertEquals(200, w.doctor().get("/contracts/" + id).status());

    JsonNode child = Fixtures.child(w.community(), Category.HEARING, LocalDate.of(2020, 1, 1));
    Api guardian = Fixtures.guardianUser(child.path("id").asText());
    Api institution = Fixtures.institutionUser(w.rehabId());
    long before = Fixtures.count("contracts");
    for (Api api : List.of(guardian, institution)) {
      assertProblem(api.get("/contracts"), 403);
      assertProblem(api.get("/contracts/" + id), 403);
      assertProblem(api.post("/contracts", contractBody(child.path("id").asText(), w.doctorId(), today())), 403);
      assertProblem(api.post("/contracts/" + id + "/terminate", Map.of("date", today().toString(), "reason", "x")), 403);
      assertProblem(api.get("/contracts/worklist/unsigned"), 403);
    }
    assertProblem(TestApp.anonymous().get("/contracts"), 401);
    assertEquals(before, Fixtures.count("contracts"));
    assertFalse(TestApp.admin().get("/contracts/" + id).text().contains("idNumber"));
  }
}
