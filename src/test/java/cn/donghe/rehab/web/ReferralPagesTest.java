package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 pages over plain HTTP: the doctor logs a home session and refers from the person page, the institution's
 * home page leads with incoming referrals (accept with an appointment, decline with a reason), and the doctor sees
 * the loop (referred, accepted, completed by the first session). Every refusal changes nothing.
 */
class ReferralPagesTest {
  static final class Scene {
    final String community = Fixtures.community();
    final String centre = Fixtures.institution(community, false, "REHAB").path("id").asText();
    final String otherCentre = Fixtures.institution(community, false, "REHAB").path("id").asText();
    final String deviceOnly = Fixtures.institution(community, false, "DEVICE").path("id").asText();
    final String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    final String doctorA = Fixtures.doctor(clinic).path("id").asText();
    final String doctorB = Fixtures.doctor(clinic).path("id").asText();
    final AppUser a = WebFixtures.user("DOCTOR", null, UUID.fromString(doctorA), List.of());
    final AppUser b = WebFixtures.user("DOCTOR", null, UUID.fromString(doctorB), List.of());
    final AppUser staff = WebFixtures.user("INSTITUTION", UUID.fromString(centre), null, List.of());
    final AppUser otherStaff = WebFixtures.user("INSTITUTION", UUID.fromString(otherCentre), null, List.of());

    /** A new adult contracted to doctor A. */
    JsonNode person() {
      JsonNode p = Fixtures.person(community);
      WebFixtures.contract(p.path("id").asText(), doctorA);
      return p;
    }
  }

  static Scene s;

  @BeforeAll
  static void scene() { s = new Scene(); }

  static WebClient login(AppUser u) { return new WebClient().login(u.username(), Fixtures.PASSWORD); }

  static long count(String sql, String id) {
    return TestApp.jdbi().withHandle(h -> h.createQuery(sql).bind("p", id).mapTo(Long.class).one());
  }

  static long referrals(String personId) { return count("SELECT count(*) FROM referrals WHERE person_id = CAST(:p AS uuid)", personId); }

  static long sessions(String personId) { return count("SELECT count(*) FROM sessions WHERE person_id = CAST(:p AS uuid)", personId); }

  static String status(String referralId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT status FROM referrals WHERE id = CAST(:p AS uuid)")
        .bind("p", referralId).mapTo(String.class).one());
  }

  /** Refers through the doctor's form; answers the new referral's id. */
  static String refer(WebClient c, String personId) {
    c.get("/app/doctor/persons/" + personId + "/referral");
    WebClient.Page p = c.post("/app/doctor/persons/" + personId + "/referral",
        Map.of("toInstitutionId", s.centre, "serviceType", "REHAB_TRAINING", "reason", "需要机构康复训练"));
    assertEquals(303, p.status(), p.toString());
    return latestReferral(personId);
  }

  static String latestReferral(String personId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT id::text FROM referrals WHERE person_id = CAST(:p AS uuid)"
        + " ORDER BY created_at DESC LIMIT 1").bind("p", personId).mapTo(String.class).one());
  }

  @Test
  void doctor_logsAHomeSession_fromThePersonPage_noChildAid() {
    JsonNode p = s.person();
    String id = p.path("id").asText();
    WebClient c = login(s.a);
    String page = c.get("/app/doctor/persons/" + id).body();
    assertTrue(page.contains("/app/doctor/persons/" + id + "/session\"") && page.contains("/app/doctor/persons/" + id + "/referral\""), page);
    String form = c.get("/app/doctor/persons/" + id + "/session").body();
    assertTrue(form.contains("name=\"setting\"") && form.contains("name=\"idempotencyKey\"") && !form.contains("useChildAid"), form);
    String key = form.replaceAll("(?s).*name=\"idempotencyKey\" value=\"([^\"]+)\".*", "$1");

    WebClient.Page bad = c.post("/app/doctor/persons/" + id + "/session", Map.of("idempotencyKey", key, "serviceType", "REHAB_NURSING",
        "setting", "HOME", "date", WebFixtures.today().toString(), "durationMinutes", "45 min", "therapist", "李医生", "notes", ""));
    assertEquals(422, bad.status());
    assertTrue(bad.body().contains("id=\"e-durationMinutes\"") && bad.body().contains("aria-invalid=\"true\""), bad.body());
    assertEquals(0, sessions(id), "nothing stored");

    Map<String, String> ok = Map.of("idempotencyKey", key, "serviceType", "REHAB_NURSING", "setting", "HOME",
        "date", WebFixtures.today().toString(), "durationMinutes", "40", "therapist", "李医生", "notes", "上门护理");
    assertEquals(303, c.post("/app/doctor/persons/" + id + "/session", ok).status());
    c.get("/app/doctor/persons/" + id + "/session");
    assertEquals(303, c.post("/app/doctor/persons/" + id + "/session", ok).status(), "a resent form");
    assertEquals(1, sessions(id), "one session for a double submit");
    Map<String, Object> row = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT setting, institution_id::text AS inst, use_child_aid"
        + " FROM sessions WHERE person_id = CAST(:p AS uuid)").bind("p", id).mapToMap().one());
    assertEquals("HOME", row.get("setting"));
    assertEquals(s.clinic, row.get("inst"));
    assertEquals(false, row.get("use_child_aid"));
    String after = c.get("/app/doctor/persons/" + id + "?saved=session").body();
    assertTrue(after.contains("role=\"status\"") && after.contains("id=\"doctor-sessions\""), after);
  }

  @Test
  void referral_loop_referAcceptFirstSessionCompleted_visibleToTheDoctor() {
    JsonNode p = s.person();
    String id = p.path("id").asText();
    WebClient doctor = login(s.a);
    String rid = refer(doctor, id);
    assertEquals("PENDING", status(rid));
    assertTrue(doctor.get("/app/doctor/persons/" + id).body().contains("id=\"referral-" + rid + "\""));

    WebClient staff = login(s.staff);
    String home = staff.get("/app").body();
    int incoming = home.indexOf("id=\"incoming-referrals\"");
    assertTrue(incoming > 0 && incoming < home.indexOf("class=\"cards\""), "the home page leads with incoming referrals: " + home);
    assertTrue(home.contains(p.path("name").asText()) && home.contains("/app/institution/referrals/" + rid), home);
    assertFalse(login(s.otherStaff).get("/app").body().contains(rid), "another institution does not see it");

    staff.get("/app/institution/referrals/" + rid);
    WebClient.Page past = staff.post("/app/institution/referrals/" + rid + "/accept", Map.of("appointmentOn", WebFixtures.today().minusDays(1).toString()));
    assertEquals(422, past.status());
    assertTrue(past.body().contains("id=\"e-appointmentOn\""), past.body());
    assertEquals("PENDING", status(rid));
    WebClient.Page acc = staff.post("/app/institution/referrals/" + rid + "/accept", Map.of("appointmentOn", WebFixtures.today().plusDays(3).toString()));
    assertEquals(303, acc.status(), acc.toString());
    assertEquals("ACCEPTED", status(rid));
    staff.get("/app/institution/referrals/" + rid);
    assertEquals(409, staff.post("/app/institution/referrals/" + rid + "/accept", Map.of("appointmentOn", "")).status(), "accepting twice");
    String accepted = doctor.get("/app/doctor/persons/" + id).body();
    assertTrue(accepted.contains("data-status=\"ACCEPTED\""), accepted);

    Api api = Fixtures.login(s.staff).withHeader("Idempotency-Key", "rp-" + UUID.randomUUID());
    WebFixtures.ok(api.post("/sessions", Map.of("personId", id, "serviceType", "REHAB_TRAINING", "date", WebFixtures.today().toString(),
        "durationMinutes", 45, "therapist", "王治疗师", "fee", "0.00", "useChildAid", false)), 201);
    assertEquals("COMPLETED", status(rid));
    String done = doctor.get("/app/doctor/persons/" + id).body();
    assertTrue(done.contains("data-status=\"COMPLETED\""), done);
  }

  @Test
  void decline_needsAReason_andTheDoctorReadsIt() {
    String id = s.person().path("id").asText();
    String rid = refer(login(s.a), id);
    WebClient staff = login(s.staff);
    staff.get("/app/institution/referrals/" + rid);
    WebClient.Page none = staff.post("/app/institution/referrals/" + rid + "/decline", Map.of("reason", " "));
    assertEquals(422, none.status());
    assertTrue(none.body().contains("id=\"e-reason\""), none.body());
    assertEquals("PENDING", status(rid));
    assertEquals(303, staff.post("/app/institution/referrals/" + rid + "/decline", Map.of("reason", "本月名额已满")).status());
    assertEquals("DECLINED", status(rid));
    String page = login(s.a).get("/app/doctor/persons/" + id).body();
    assertTrue(page.contains("data-status=\"DECLINED\"") && page.contains("本月名额已满"), page);
  }

  @Test
  void refusals_changeNothing() {
    String id = s.person().path("id").asText();
    WebClient a = login(s.a);
    String rid = refer(a, id);
    // referral to an institution without REHAB: 422 beside the field
    a.get("/app/doctor/persons/" + id + "/referral");
    WebClient.Page noService = a.post("/app/doctor/persons/" + id + "/referral",
        Map.of("toInstitutionId", s.deviceOnly, "serviceType", "REHAB_TRAINING", "reason", "x"));
    assertEquals(422, noService.status());
    assertTrue(noService.body().contains("id=\"e-toInstitutionId\""), noService.body());
    assertEquals(1, referrals(id));

    // doctor B of the same clinic: the person, the forms and A's referral are all "not found"
    WebClient b = login(s.b);
    assertEquals(404, b.get("/app/doctor/persons/" + id).status());
    assertEquals(404, b.get("/app/doctor/persons/" + id + "/referral").status());
    b.get("/app/doctor/persons");
    assertEquals(404, b.post("/app/doctor/persons/" + id + "/referral",
        Map.of("toInstitutionId", s.centre, "serviceType", "REHAB_NURSING", "reason", "x")).status());
    assertEquals(404, b.post("/app/doctor/persons/" + id + "/session", Map.of("idempotencyKey", UUID.randomUUID().toString(),
        "serviceType", "REHAB_NURSING", "setting", "HOME", "date", WebFixtures.today().toString(), "durationMinutes", "30",
        "therapist", "B")).status());
    assertEquals(404, b.post("/app/doctor/referrals/" + rid + "/cancel", Map.of()).status());
    assertFalse(b.get("/app/doctor/referrals").body().contains(rid), "B's outgoing list does not show A's referral");
    assertTrue(a.get("/app/doctor/referrals").body().contains("#referral-" + rid + "\""), "A's outgoing list shows it");
    assertEquals(1, referrals(id));
    assertEquals(0, sessions(id));
    assertEquals("PENDING", status(rid));

    // another institution: 404 for the referral and its actions; the doctor's cancel page is not the institution's (403)
    WebClient other = login(s.otherStaff);
    assertEquals(404, other.get("/app/institution/referrals/" + rid).status());
    other.get("/app");
    assertEquals(404, other.post("/app/institution/referrals/" + rid + "/accept", Map.of("appointmentOn", "")).status());
    assertEquals(404, other.post("/app/institution/referrals/" + rid + "/decline", Map.of("reason", "不收")).status());
    assertEquals(403, other.post("/app/doctor/referrals/" + rid + "/cancel", Map.of()).status());
    assertEquals("PENDING", status(rid));
    // a forged form token
    WebClient staff = login(s.staff);
    staff.get("/app/institution/referrals/" + rid);
    assertEquals(403, staff.post("/app/institution/referrals/" + rid + "/accept", Map.of("_csrf", "forged", "appointmentOn", "")).status());
    assertEquals("PENDING", status(rid));

    // the referring doctor cancels; then the institution's accept is 409 and changes nothing
    a.get("/app/doctor/persons/" + id);
    assertEquals(303, a.post("/app/doctor/referrals/" + rid + "/cancel", Map.of()).status());
    assertEquals("CANCELLED", status(rid));
    staff.get("/app/institution/referrals/" + rid);
    assertEquals(409, staff.post("/app/institution/referrals/" + rid + "/accept", Map.of("appointmentOn", "")).status());
    assertEquals("CANCELLED", status(rid));
  }

  @Test
  void planPage_showsEachInterventionsReferralState_andDeliveredSessions() {
    String id = s.person().path("id").asText();
    WebClient a = login(s.a);
    String rid = refer(a, id);
    Api doctorApi = Fixtures.login(s.a);
    WebFixtures.ok(doctorApi.post("/persons/" + id + "/plans", Map.of("goals", List.of("独立行走"),
        "interventions", List.of(Map.of("serviceType", "REHAB_TRAINING", "institutionId", s.centre, "setting", "INSTITUTION",
            "sessionsPerMonth", 4, "referralId", rid)),
        "startDate", WebFixtures.today().toString(), "reviewDate", WebFixtures.today().plusMonths(6).toString())), 201);
    String page = a.get("/app/doctor/persons/" + id).body();
    assertTrue(page.contains("id=\"intervention-1-referral\"") && page.contains("id=\"intervention-1-delivered\""), page);
    assertTrue(page.contains("data-referral-status=\"PENDING\""), page);
  }
}
