package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonRatingsTest {
  private static final LocalDate BIRTH = LocalDate.of(1970, 4, 2);

  /** A person PHYSICAL grade 2; returns {id, idNumber}. */
  private static String[] person(String community) {
    Map<String, Object> body = Fixtures.personBody(community, Category.PHYSICAL, 2, BIRTH);
    Api.Resp r = TestApp.admin().post("/persons", body);
    assertEquals(201, r.status(), r.toString());
    return new String[] {r.str("id"), (String) body.get("idNumber")};
  }

  private static Map<String, Object> rating(String idNumber, Category category, int grade, LocalDate effective) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("category", category.name());
    m.put("grade", grade);
    m.put("certificateNo", IdNumbers.certificate(idNumber, category, grade));
    m.put("effectiveDate", effective.toString());
    m.put("reason", "复评 re-assessment");
    return m;
  }

  private static long ratings(String personId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM person_ratings WHERE person_id = CAST(:p AS uuid)")
        .bind("p", personId).mapTo(Long.class).one());
  }

  private static List<String> fields(Api.Resp r) {
    List<String> out = new ArrayList<>();
    r.get("errors").forEach(e -> out.add(e.path("field").asText()));
    return out;
  }

  @Test
  void reRating_keepsTheOldRating_andThePersonFollowsTheNewest_backdatedOnesOnlyJoinTheHistory() {
    String[] p = person(Fixtures.community());
    LocalDate today = LocalDate.now(TestApp.context().clock());

    Api.Resp r = TestApp.admin().post("/persons/" + p[0] + "/ratings", rating(p[1], Category.VISUAL, 1, today.minusDays(10)));
    assertEquals(201, r.status(), r.toString());
    assertTrue(r.get("current").asBoolean());
    assertEquals("VISUAL", r.str("category"));
    assertTrue(r.str("certificateNo").endsWith("************11"), r.toString());

    JsonNode now = TestApp.admin().get("/persons/" + p[0]).json();
    assertEquals("VISUAL", now.path("category").asText());
    assertEquals(1, now.path("grade").asInt());
    assertEquals(IdNumbers.certificate(p[1], Category.VISUAL, 1), now.path("certificateNo").asText());
    // the old certificate number no longer finds the person, the new one does
    assertEquals(404, TestApp.admin().post("/persons/lookup", Map.of("certificateNo", IdNumbers.certificate(p[1], Category.PHYSICAL, 2))).status());
    assertEquals(200, TestApp.admin().post("/persons/lookup", Map.of("certificateNo", IdNumbers.certificate(p[1], Category.VISUAL, 1))).status());

    Api.Resp back = TestApp.admin().post("/persons/" + p[0] + "/ratings", rating(p[1], Category.HEARING, 3, today.minusYears(1)));
    assertEquals(201, back.status(), back.toString());
    assertFalse(back.get("current").asBoolean());
    assertEquals("VISUAL", TestApp.admin().get("/persons/" + p[0]).get("category").asText());

    JsonNode items = TestApp.admin().get("/persons/" + p[0] + "/ratings").get("items");
    assertEquals(3, items.size(), items.toString());
    assertEquals(List.of("VISUAL", "HEARING", "PHYSICAL"), List.of(items.get(0).path("category").asText(),
        items.get(1).path("category").asText(), items.get(2).path("category").asText()));
    assertTrue(items.get(0).path("current").asBoolean());
    assertEquals("REGISTERED", items.get(2).path("reason").asText());
    assertEquals(BIRTH.toString(), items.get(2).path("effectiveDate").asText());
    long audits = TestApp.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM audit_events WHERE action = 'RATE' AND entity_id = :p").bind("p", p[0]).mapTo(Long.class).one());
    assertEquals(2, audits);
  }

  @Test
  void badRatings_nameTheirField_andStoreNothing() {
    String[] p = person(Fixtures.community());
    String[] other = person(Fixtures.community());
    LocalDate today = LocalDate.now(TestApp.context().clock());
    Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
    cases.put("effectiveDate", rating(p[1], Category.VISUAL, 1, today.plusDays(1)));
    cases.put("effectiveDate ", rating(p[1], Category.VISUAL, 1, BIRTH.minusDays(1)));
    cases.put("certificateNo", rating(other[1], Category.VISUAL, 1, today)); // somebody else's certificate
    Map<String, Object> digits = rating(p[1], Category.VISUAL, 1, today);
    digits.put("grade", 2); // contradicts the certificate's grade digit
    cases.put("certificateNo ", digits);
    Map<String, Object> noReason = rating(p[1], Category.VISUAL, 1, today);
    noReason.put("reason", " ");
    cases.put("reason", noReason);
    Map<String, Object> noCert = rating(p[1], Category.VISUAL, 1, today);
    noCert.remove("certificateNo");
    cases.put("certificateNo  ", noCert);
    Map<String, Object> badCategory = rating(p[1], Category.VISUAL, 1, today);
    badCategory.put("category", "=HYPERLINK(\"x\")");
    cases.put("category", badCategory);
    for (var c : cases.entrySet()) {
      Api.Resp r = TestApp.admin().post("/persons/" + p[0] + "/ratings", c.getValue());
      assertEquals(422, r.status(), c.getKey() + ": " + r);
      assertTrue(fields(r).contains(c.getKey().strip()), c.getKey() + ": " + r);
    }
    assertEquals(1, ratings(p[0]));
    assertEquals("PHYSICAL", TestApp.admin().get("/persons/" + p[0]).get("category").asText());
  }

  @Test
  void sameEffectiveDateTwice_orAPersonNoLongerActive_is409() {
    String[] p = person(Fixtures.community());
    LocalDate today = LocalDate.now(TestApp.context().clock());
    assertEquals(201, TestApp.admin().post("/persons/" + p[0] + "/ratings", rating(p[1], Category.VISUAL, 1, today)).status());
    Api.Resp again = TestApp.admin().post("/persons/" + p[0] + "/ratings", rating(p[1], Category.MENTAL, 2, today));
    assertEquals(409, again.status(), again.toString());
    assertEquals(200, TestApp.admin().patch("/persons/" + p[0], Map.of("status", "DECEASED", "statusDate", today.toString())).status());
    Api.Resp dead = TestApp.admin().post("/persons/" + p[0] + "/ratings", rating(p[1], Category.MENTAL, 2, today.minusDays(3)));
    assertEquals(409, dead.status(), dead.toString());
    assertEquals(2, ratings(p[0]));
  }

  @Test
  void otherTownsAdmin_institutionsAndDoctors_cannotRateOrReadRatings() {
    String town = Fixtures.town();
    String[] p = person(Fixtures.community(town));
    LocalDate today = LocalDate.now(TestApp.context().clock());
    Api otherTown = Fixtures.regionalAdmin(Fixtures.town());
    Api ownTown = Fixtures.regionalAdmin(town);
    String inst = Fixtures.institution(Fixtures.community(town), false, "REHAB").path("id").asText();
    Api staff = Fixtures.institutionUser(inst);
    assertEquals(404, otherTown.post("/persons/" + p[0] + "/ratings", rating(p[1], Category.VISUAL, 1, today)).status());
    assertEquals(404, otherTown.get("/persons/" + p[0] + "/ratings").status());
    assertEquals(403, staff.post("/persons/" + p[0] + "/ratings", rating(p[1], Category.VISUAL, 1, today)).status());
    assertEquals(403, staff.get("/persons/" + p[0] + "/ratings").status());
    assertEquals(1, ratings(p[0]));
    assertEquals(201, ownTown.post("/persons/" + p[0] + "/ratings", rating(p[1], Category.VISUAL, 1, today)).status());
  }

  @Test
  void onTheLeapDay_todayIsAllowed_tomorrowIsTheFuture_andBirthOn29FebruaryBoundsThePast() {
    MutableClock clock = TestApp.context().clock();
    try {
      clock.set(Instant.parse("2024-02-29T02:00:00Z")); // 10:00 on 29 Feb 2024 in Shanghai
      Map<String, Object> body = Fixtures.personBody(Fixtures.community(), Category.PHYSICAL, 2, LocalDate.of(2000, 2, 29));
      Api.Resp created = TestApp.admin().post("/persons", body);
      assertEquals(201, created.status(), created.toString());
      String id = created.str("id");
      String idNumber = (String) body.get("idNumber");
      assertEquals(422, TestApp.admin().post("/persons/" + id + "/ratings", rating(idNumber, Category.VISUAL, 1, LocalDate.of(2024, 3, 1))).status());
      assertEquals(422, TestApp.admin().post("/persons/" + id + "/ratings", rating(idNumber, Category.VISUAL, 1, LocalDate.of(2000, 2, 28))).status());
      Api.Resp leap = TestApp.admin().post("/persons/" + id + "/ratings", rating(idNumber, Category.VISUAL, 1, LocalDate.of(2024, 2, 29)));
      assertEquals(201, leap.status(), leap.toString());
      assertTrue(leap.get("current").asBoolean());
      clock.set(Instant.parse("2024-12-31T15:59:00Z")); // 23:59 on 31 Dec in Shanghai
      Api.Resp newYearsEve = TestApp.admin().post("/persons/" + id + "/ratings", rating(idNumber, Category.HEARING, 4, LocalDate.of(2024, 12, 31)));
      assertEquals(201, newYearsEve.status(), newYearsEve.toString());
      clock.set(Instant.parse("2024-12-31T16:01:00Z")); // 00:01 on 1 Jan 2025 in Shanghai
      Api.Resp newYear = TestApp.admin().post("/persons/" + id + "/ratings", rating(idNumber, Category.MENTAL, 4, LocalDate.of(2025, 1, 1)));
      assertEquals(201, newYear.status(), newYear.toString());
      assertEquals("MENTAL", TestApp.admin().get("/persons/" + id).get("category").asText());
    } finally {
      clock.reset();
    }
  }
}
