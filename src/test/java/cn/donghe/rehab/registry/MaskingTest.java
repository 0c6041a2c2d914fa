package cn.donghe.rehab.registry;

import static cn.donghe.rehab.support.IdCandidates.MINIMUM;
import static cn.donghe.rehab.support.IdCandidates.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.IdCandidates;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 3: what non-admins see of a person leaves at least 1,000 possible ID numbers (DESIGN section 2),
 * in every view (read, look-up, list, the doctor's unsigned worklist), on any day and over many days.
 */
class MaskingTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static LocalDate today() { return LocalDate.now(TestApp.context().clock()); }

  /** Moves the service's clock to noon of a day (in the service's zone). */
  private static void at(LocalDate day) {
    TestApp.context().clock().set(day.atTime(LocalTime.NOON).atZone(ZONE).toInstant());
  }

  private record Subject(String id, Map<String, Object> body) {
    String idNumber() { return (String) body.get("idNumber"); }
    String cert() { return (String) body.get("certificateNo"); }
  }

  private static Subject person(String community, LocalDate birth) {
    Map<String, Object> b = Fixtures.personBody(community, Category.HEARING, 3, birth);
    Api.Resp r = TestApp.admin().post("/persons", b);
    assertEquals(201, r.status(), r.toString());
    return new Subject(r.str("id"), b);
  }

  private static void contract(String personId, String doctorId) {
    TestApp.jdbi().useHandle(h -> h.execute("""
        INSERT INTO contracts (id, person_id, doctor_id, start_date, end_date, service_package, created_at)
        VALUES (?, ?, ?, DATE '2015-01-01', DATE '2040-12-31', 'BASIC', now())""", UUID.randomUUID(), UUID.fromString(personId), UUID.fromString(doctorId)));
  }

  private static void assertMasked(Subject s, JsonNode v, String yearMonth, int age) {
    String id = s.idNumber();
    assertEquals(id.substring(0, 6) + "************", v.path("idNumber").asText(), v.toString());
    if (v.has("certificateNo") && !v.path("certificateNo").isNull()) {
      assertEquals(id.substring(0, 6) + "************" + s.cert().substring(18), v.path("certificateNo").asText(), v.toString());
    }
    assertTrue(v.path("birthDate").isMissingNode() || v.path("birthDate").isNull(), "no birthDate: " + v);
    assertEquals(yearMonth, v.path("birthYearMonth").asText(), v.toString());
    assertEquals(age, v.path("age").asInt(-1), v.toString());
    assertFalse(v.toString().contains(id.substring(6, 14)), "birth digits of the ID number: " + v);
  }

  @Test
  void institutionAndDoctor_seeMaskedNumbers_yearMonthAndAge_andAtLeast1000NumbersRemain() {
    String community = Fixtures.community();
    Subject s = person(community, LocalDate.of(1988, 6, 17));
    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinic).path("id").asText();
    contract(s.id(), doctorId);
    Api doctor = Fixtures.doctorUser(doctorId);
    Api staff = Fixtures.institutionUser(Fixtures.institution(community, true, "REHAB").path("id").asText());
    int age = IdCandidates.maskedAge(LocalDate.of(1988, 6, 17), today());

    JsonNode found = staff.post("/persons/lookup", Map.of("certificateNo", s.cert())).json();
    JsonNode read = staff.get("/persons/" + s.id()).json();
    assertMasked(s, found, "1988-06", age);
    assertMasked(s, read, "1988-06", age);
    long institution = IdCandidates.count(seen(found, today()), seen(read, today()));
    assertTrue(institution >= MINIMUM, "INSTITUTION view leaves " + institution + " numbers");

    JsonNode docRead = doctor.get("/persons/" + s.id()).json();
    JsonNode listed = null;
    for (JsonNode row : doctor.get("/persons").get("items")) if (row.path("id").asText().equals(s.id())) listed = row;
    assertMasked(s, docRead, "1988-06", age);
    assertMasked(s, listed, "1988-06", age);
    long doc = IdCandidates.count(seen(docRead, today()), seen(listed, today()));
    assertTrue(doc >= MINIMUM, "DOCTOR view leaves " + doc + " numbers");
  }

  @Test
  void theDoctorsUnsignedWorklist_isMaskedToo() {
    String community = Fixtures.community();
    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinic).path("id").asText();
    Api doctor = Fixtures.doctorUser(doctorId);
    Subject s = person(community, LocalDate.of(1999, 12, 31));
    JsonNode row = null;
    for (JsonNode r : doctor.get("/contracts/worklist/unsigned?limit=500").get("items")) {
      if (r.path("personId").asText().equals(s.id())) row = r;
    }
    assertTrue(row != null, "the new person is on the doctor's worklist");
    assertMasked(s, row, "1999-12", IdCandidates.maskedAge(LocalDate.of(1999, 12, 31), today()));
    long n = IdCandidates.count(seen(row, today()));
    assertTrue(n >= MINIMUM, "worklist row leaves " + n + " numbers");
  }

  /**
   * The age must not give the day away: neither on the day it changes (1 Jan for a 1 Jan birthday, 31 Dec,
   * 29 Feb) nor when a doctor watches it change day by day.
   */
  @Test
  void age_withAMovedClock_neverRevealsTheDay_evenWatchedDailyForAYear() {
    String community = Fixtures.community();
    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinic).path("id").asText();
    AppUser doctorUser = Fixtures.createUserDirect(Fixtures.username("doc-clock"), "DOCTOR", null, UUID.fromString(doctorId), List.of(), null);
    Subject leap = person(community, LocalDate.of(2016, 2, 29));
    Subject newYear = person(community, LocalDate.of(2017, 1, 1));
    Subject newYearsEve = person(community, LocalDate.of(2016, 12, 31));
    for (Subject s : List.of(leap, newYear, newYearsEve)) contract(s.id(), doctorId);
    record Expect(LocalDate day, Subject who, String yearMonth, int age) {}
    List<Expect> cases = List.of(
        new Expect(LocalDate.of(2025, 2, 28), leap, "2016-02", 9),    // last day of February: birthday counted (as if born 28 Feb)
        new Expect(LocalDate.of(2025, 2, 27), leap, "2016-02", 8),
        new Expect(LocalDate.of(2024, 2, 29), leap, "2016-02", 8),    // the real birthday: 8 from the last day of the month on
        new Expect(LocalDate.of(2024, 3, 1), leap, "2016-02", 8),
        new Expect(LocalDate.of(2024, 2, 28), leap, "2016-02", 7),
        new Expect(LocalDate.of(2025, 1, 1), newYear, "2017-01", 7),  // true age 8 today, shown 7 until 31 Jan
        new Expect(LocalDate.of(2025, 1, 31), newYear, "2017-01", 8),
        new Expect(LocalDate.of(2024, 12, 31), newYear, "2017-01", 7),
        new Expect(LocalDate.of(2024, 12, 31), newYearsEve, "2016-12", 8),
        new Expect(LocalDate.of(2024, 12, 30), newYearsEve, "2016-12", 7),
        new Expect(LocalDate.of(2025, 1, 1), newYearsEve, "2016-12", 8));
    try {
      for (Expect e : cases) {
        at(e.day());
        JsonNode v = Fixtures.login(doctorUser).get("/persons/" + e.who().id()).json();
        assertMasked(e.who(), v, e.yearMonth(), e.age());
        assertEquals(e.age(), IdCandidates.maskedAge(LocalDate.parse(e.who().body().get("birthDate").toString()), e.day()));
      }
      // the zone: 17:00 UTC on 30 Dec is already 31 Dec in Shanghai
      TestApp.context().clock().set(java.time.Instant.parse("2024-12-30T17:00:00Z"));
      assertEquals(8, Fixtures.login(doctorUser).get("/persons/" + newYearsEve.id()).json().path("age").asInt());

      // a doctor reading every day around the birthdays of a whole season
      List<Subject> subjects = List.of(leap, newYear, newYearsEve);
      List<List<IdCandidates.Seen>> watched = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (LocalDate d = LocalDate.of(2024, 12, 1); d.isBefore(LocalDate.of(2025, 3, 10)); d = d.plusDays(1)) {
        at(d);
        Api doc = Fixtures.login(doctorUser);
        JsonNode list = d.getDayOfMonth() % 7 == 0 ? doc.get("/persons").get("items") : null;
        for (int i = 0; i < subjects.size(); i++) {
          watched.get(i).add(seen(doc.get("/persons/" + subjects.get(i).id()).json(), d));
          if (list != null) for (JsonNode row : list) if (row.path("id").asText().equals(subjects.get(i).id())) watched.get(i).add(seen(row, d));
        }
      }
      for (int i = 0; i < subjects.size(); i++) {
        long n = IdCandidates.count(watched.get(i));
        assertTrue(n >= MINIMUM, "born " + subjects.get(i).body().get("birthDate") + ", watched daily: " + n + " numbers remain");
      }
    } finally {
      TestApp.context().clock().reset();
    }
  }

  @Test
  void aGuardian_seesTheirOwnChildInFull_andThatReadIsAudited() {
    String community = Fixtures.community();
    Map<String, Object> b = Fixtures.personBody(community, Category.INTELLECTUAL, 2, LocalDate.of(2019, 6, 20));
    b.remove("certificateNo");
    b.put("guardian", Map.of("name", "家长", "phone", "13800000000", "relation", "母亲"));
    String id = TestApp.admin().post("/persons", b).str("id");
    Api guardian = Fixtures.guardianUser(id);
    Api.Resp r = guardian.get("/persons/" + id);
    assertEquals(200, r.status(), r.toString());
    assertEquals(b.get("idNumber"), r.str("idNumber"));
    assertEquals("2019-06-20", r.str("birthDate"));
    assertEquals("2019-06", r.str("birthYearMonth"));
    assertEquals(java.time.Period.between(LocalDate.of(2019, 6, 20), today()).getYears(), r.get("age").asInt());
    long audited = TestApp.jdbi().withHandle(h -> h.createQuery(
            "SELECT count(*) FROM audit_events WHERE action = 'READ_ID_NUMBER' AND entity_id = :id AND actor_role = 'GUARDIAN'")
        .bind("id", id).mapTo(Long.class).one());
    assertEquals(1, audited);
  }

  @Test
  void theAdminsFullView_keepsTheBirthDate_andAddsYearMonthAndAge() {
    Subject s = person(Fixtures.community(), LocalDate.of(1970, 3, 9));
    Api.Resp r = TestApp.admin().get("/persons/" + s.id());
    assertEquals(s.idNumber(), r.str("idNumber"));
    assertEquals("1970-03-09", r.str("birthDate"));
    assertEquals("1970-03", r.str("birthYearMonth"));
    assertEquals(java.time.Period.between(LocalDate.of(1970, 3, 9), today()).getYears(), r.get("age").asInt());
  }

  @Test
  void noStoredMaskRevealsMoreThanTheAreaCode() {
    long bad = TestApp.jdbi().withHandle(h -> h.createQuery("""
            SELECT count(*) FROM persons WHERE id_number_masked !~ '^[0-9]{6}[*]{12}$'
               OR (certificate_masked IS NOT NULL AND certificate_masked !~ '^[0-9]{6}[*]{12}[1-7][1-4]$')""")
        .mapTo(Long.class).one());
    assertEquals(0, bad);
  }
}
