package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
  private static long readIdNumberRows(UUID personId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery(
            "SELECT count(*) FROM audit_events WHERE action = 'READ_ID_NUMBER' AND entity = 'person' AND entity_id = :id")
        .bind("id", personId.toString()).mapTo(Long.class).one());
  }

  private static String snapshot(UUID eventId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT a::text FROM audit_events a WHERE id = :id").bind("id", eventId).mapTo(String.class).one());
  }

  @Test
  void auditRows_cannotBeUpdatedDeletedOrTruncated_evenByTheApplicationsOwnDatabaseRole() {
    NumberedPersons.Created p = NumberedPersons.persons(Fixtures.community(), 1).get(0);
    UUID eventId = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT id FROM audit_events WHERE entity_id = :id AND action = 'CREATE'")
        .bind("id", p.id().toString()).mapTo(UUID.class).one());
    String before = snapshot(eventId);
    long rows = Fixtures.count("audit_events");
    List<String> attempts = List.of(
        "UPDATE audit_events SET action = 'FORGED' WHERE id = '" + eventId + "'",
        "UPDATE audit_events SET after = NULL",
        "DELETE FROM audit_events WHERE id = '" + eventId + "'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events");
    for (String sql : attempts) {
      Exception e = assertThrows(Exception.class, () -> TestApp.jdbi().useHandle((Handle h) -> h.execute(sql)), sql);
      // the service role lacks the privilege (DatabaseRolesTest); the owner is stopped by the trigger
      assertTrue(e.getMessage().contains("permission denied") || e.getMessage().contains("append-only"), sql + ": " + e.getMessage());
    }
    assertEquals(before, snapshot(eventId));
    assertTrue(Fixtures.count("audit_events") >= rows);
  }

  @Test
  void readingAnUnmaskedIdNumber_isAudited_maskedReadsAreNot() {
    String community = Fixtures.community();
    NumberedPersons.Created p = NumberedPersons.persons(community, 1).get(0);
    AppUser reader = Fixtures.createUserDirect(Fixtures.username("reader"), "ADMIN", null, null, List.of(), null);
    Api readerApi = Fixtures.login(reader);
    long before = readIdNumberRows(p.id());

    assertEquals(p.idNumber(), readerApi.get("/persons/" + p.id()).str("idNumber"));
    assertEquals(before + 1, readIdNumberRows(p.id()));
    assertEquals(200, readerApi.post("/persons/lookup", Map.of("certificateNo", p.certificateNo())).status());
    assertEquals(before + 2, readIdNumberRows(p.id()));
    String actors = TestApp.jdbi().withHandle(h -> h.createQuery(
            "SELECT string_agg(DISTINCT actor_id::text || ':' || actor_role, ',') FROM audit_events WHERE action = 'READ_ID_NUMBER' AND entity_id = :id")
        .bind("id", p.id().toString()).mapTo(String.class).one());
    assertEquals(reader.id() + ":ADMIN", actors);

    // an institution sees masked numbers: no READ_ID_NUMBER row
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(inst);
    Api.Resp masked = staff.post("/persons/lookup", Map.of("idNumber", p.idNumber()));
    assertEquals(200, masked.status());
    assertTrue(masked.str("idNumber").contains("********"));
    assertEquals(200, staff.get("/persons/" + p.id()).status());
    assertEquals(before + 2, readIdNumberRows(p.id()));
  }

  @Test
  void auditList_filtersByActorAndTime_andIsForDistrictAdminsOnly() {
    Instant start = TestApp.context().clock().instant().minus(1, ChronoUnit.SECONDS);
    AppUser actor = Fixtures.createUserDirect(Fixtures.username("actor"), "ADMIN", null, null, List.of(), null);
    Api actorApi = Fixtures.login(actor);
    String community = Fixtures.community();
    Map<String, Object> body = Fixtures.personBody(community, cn.donghe.rehab.registry.Category.PHYSICAL, 3, java.time.LocalDate.of(1985, 6, 6));
    Api.Resp created = actorApi.post("/persons", body);
    assertEquals(201, created.status(), created.toString());
    String personId = created.str("id");
    actorApi.get("/persons/" + personId);
    Instant end = TestApp.context().clock().instant().plus(1, ChronoUnit.SECONDS);

    Api admin = TestApp.admin();
    Api.Resp byActor = admin.get("/audit?actorId=" + actor.id() + "&limit=500");
    assertEquals(200, byActor.status(), byActor.toString());
    List<String> actions = new ArrayList<>();
    for (JsonNode e : byActor.get("items")) {
      assertEquals(actor.id().toString(), e.path("actorId").asText());
      if (personId.equals(e.path("entityId").asText())) actions.add(e.path("action").asText());
    }
    assertEquals(List.of("READ_ID_NUMBER", "CREATE"), actions, "newest first, both of this actor's events on the person");

    Api.Resp inWindow = admin.get("/audit?actorId=" + actor.id() + "&from=" + start + "&to=" + end);
    assertEquals(byActor.get("items").size(), inWindow.get("items").size());
    Api.Resp later = admin.get("/audit?actorId=" + actor.id() + "&from=" + end);
    assertEquals(0, later.get("items").size());
    Api.Resp earlier = admin.get("/audit?actorId=" + actor.id() + "&to=" + start);
    assertEquals(0, earlier.get("items").size());
    Api.Resp otherActor = admin.get("/audit?actorId=" + UUID.randomUUID());
    assertEquals(0, otherActor.get("items").size());

    Api.Resp badActor = admin.get("/audit?actorId=not-a-uuid");
    assertEquals(400, badActor.status());
    assertEquals("actorId", badActor.get("errors").get(0).path("field").asText());
    Api.Resp badTime = admin.get("/audit?from=yesterday");
    assertEquals(400, badTime.status());
    assertEquals("from", badTime.get("errors").get(0).path("field").asText());

    assertEquals(401, TestApp.anonymous().get("/audit").status());
    assertEquals(403, Fixtures.regionalAdmin(community.substring(0, 9) + "000").get("/audit").status());
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    assertEquals(403, Fixtures.institutionUser(inst).get("/audit").status());
  }
}
