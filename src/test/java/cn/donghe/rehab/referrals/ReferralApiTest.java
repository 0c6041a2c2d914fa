package cn.donghe.rehab.referrals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.ProblemAssert;
import cn.donghe.rehab.contracts.ContractFixtures;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 19 items 2 and 3 (DESIGN section 12): referrals, their state machine, the reach they give, the worklists. */
class ReferralApiTest {

  /** A world (clinic, doctor, rehab institution) plus the rehab institution's staff and a contracted person. */
  record Setup(ContractFixtures.World w, Api rehab, String person) {}

  static Setup setup() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    ContractFixtures.activeContract(person, w.doctorId());
    return new Setup(w, Fixtures.institutionUser(w.rehabId()), person);
  }

  static Map<String, Object> body(String personId, String institutionId, String serviceType) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("toInstitutionId", institutionId);
    m.put("serviceType", serviceType);
    m.put("reason", "居家康复效果不佳，建议机构康复训练");
    return m;
  }

  static JsonNode refer(Setup s) {
    Api.Resp r = s.w().doctor().post("/referrals", body(s.person(), s.w().rehabId(), "REHAB_TRAINING"));
    assertEquals(201, r.status(), r.toString());
    return r.json();
  }

  static long count(String sql, Object... args) {
    return TestApp.jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) q.bind(i, args[i]);
      return q.mapTo(Long.class).one();
    });
  }

  static Api.Resp logSession(Api staff, String personId, String serviceType) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("serviceType", serviceType);
    m.put("date", LocalDate.now(TestApp.context().clock()).toString());
    m.put("durationMinutes", 45);
    m.put("therapist", "王治疗师");
    m.put("fee", "50.00");
    m.put("useChildAid", false);
    return staff.withHeader("Idempotency-Key", "ref-" + UUID.randomUUID()).post("/sessions", m);
  }

  @Test
  void doctorRefers_institutionSeesItIncoming_acceptsIt_andGainsReachToThePerson() {
    Setup s = setup();
    assertEquals(404, s.rehab().get("/persons/" + s.person()).status(), "no reach before acceptance");
    JsonNode ref = refer(s);
    assertEquals("PENDING", ref.path("status").asText());
    assertEquals(s.w().doctorId(), ref.path("fromDoctorId").asText());
    assertFalse(ref.path("overdue").asBoolean());
    String id = ref.path("id").asText();
    assertEquals(1, count("SELECT count(*) FROM audit_events WHERE entity = 'referral' AND entity_id = ? AND action = 'CREATE'", id));
    assertEquals(List.of(id), ContractFixtures.ids(s.rehab().get("/referrals?direction=in&status=PENDING"), "id"));
    assertEquals(List.of(id), ContractFixtures.ids(s.w().doctor().get("/referrals?direction=out"), "id"));
    assertEquals(404, s.rehab().get("/persons/" + s.person()).status(), "a pending referral gives no reach");

    Api.Resp accepted = s.rehab().post("/referrals/" + id + "/accept", Map.of("appointmentOn",
        LocalDate.now(TestApp.context().clock()).plusDays(3).toString()));
    assertEquals(200, accepted.status(), accepted.toString());
    assertEquals("ACCEPTED", accepted.str("status"));
    assertEquals(1, count("SELECT count(*) FROM audit_events WHERE entity = 'referral' AND entity_id = ? AND action = 'ACCEPT'", id));
    assertEquals(200, s.rehab().get("/persons/" + s.person()).status(), "an accepted referral gives reach");
    assertEquals("ACCEPTED", s.w().doctor().get("/referrals/" + id).str("status"));
  }

  @Test
  void acceptedReferral_opensTheChildsAidAccountToTheInstitution() {
    ContractFixtures.World w = ContractFixtures.world();
    int year = LocalDate.now(TestApp.context().clock()).getYear();
    String child = Fixtures.child(w.community(), Category.HEARING, LocalDate.of(year - 5, 2, 1)).path("id").asText();
    ContractFixtures.activeContract(child, w.doctorId());
    Api.Resp acc = TestApp.admin().post("/aid-accounts", Map.of("personId", child, "year", year, "category", "HEARING",
        "guardianConsent", Map.of("name", "王芳", "relation", "母亲", "signedOn", LocalDate.of(year, 1, 2).toString())));
    assertEquals(201, acc.status(), acc.toString());
    Api rehab = Fixtures.institutionUser(w.rehabId());
    String account = acc.str("id");
    assertEquals(404, rehab.get("/aid-accounts/" + account).status());
    Api.Resp ref = w.doctor().post("/referrals", body(child, w.rehabId(), "REHAB_TRAINING"));
    assertEquals(201, ref.status(), ref.toString());
    assertEquals(200, rehab.post("/referrals/" + ref.str("id") + "/accept", Map.of()).status());
    assertEquals(200, rehab.get("/aid-accounts/" + account).status());
  }

  @Test
  void refusals_storeNothing() {
    Setup s = setup();
    long before = count("SELECT count(*) FROM referrals");
    // a person not contracted to this doctor: 404 like an unknown id
    ProblemAssert.problem(404, s.w().doctor().post("/referrals", body(s.w().person(), s.w().rehabId(), "REHAB_TRAINING")));
    ProblemAssert.problem(404, s.w().doctor().post("/referrals", body(UUID.randomUUID().toString(), s.w().rehabId(), "REHAB_TRAINING")));
    // an institution without the service (a primary-care clinic; a rehab institution for device services)
    ProblemAssert.invalid(s.w().doctor().post("/referrals", body(s.person(), s.w().clinicId(), "REHAB_TRAINING")), "toInstitutionId");
    ProblemAssert.invalid(s.w().doctor().post("/referrals", body(s.person(), s.w().rehabId(), "DEVICE_SERVICE")), "toInstitutionId");
    ProblemAssert.invalid(s.w().doctor().post("/referrals", body(s.person(), UUID.randomUUID().toString(), "REHAB_TRAINING")), "toInstitutionId");
    Map<String, Object> noReason = body(s.person(), s.w().rehabId(), "REHAB_TRAINING");
    noReason.remove("reason");
    ProblemAssert.invalid(s.w().doctor().post("/referrals", noReason), "reason");
    // institutions and guardians do not refer
    ProblemAssert.problem(403, s.rehab().post("/referrals", body(s.person(), s.w().rehabId(), "REHAB_TRAINING")));
    assertEquals(before, count("SELECT count(*) FROM referrals"));
  }

  @Test
  void transitions_acceptTwice_acceptAfterCancel_declineWithoutReason_andWrongActors() {
    Setup s = setup();
    String id = refer(s).path("id").asText();
    Api other = Fixtures.institutionUser(Fixtures.institution(s.w().community(), false, "REHAB").path("id").asText());
    ProblemAssert.problem(404, other.post("/referrals/" + id + "/accept", Map.of()));
    ProblemAssert.problem(404, other.get("/referrals/" + id));
    ProblemAssert.problem(403, s.w().doctor().post("/referrals/" + id + "/accept", Map.of()));
    ProblemAssert.problem(404, ContractFixtures.world().doctor().post("/referrals/" + id + "/cancel", null));
    assertEquals(200, s.rehab().post("/referrals/" + id + "/accept", Map.of()).status());
    ProblemAssert.problem(409, s.rehab().post("/referrals/" + id + "/accept", Map.of()));
    ProblemAssert.problem(409, s.w().doctor().post("/referrals/" + id + "/cancel", null));
    assertEquals(1, count("SELECT count(*) FROM audit_events WHERE entity = 'referral' AND entity_id = ? AND action = 'ACCEPT'", id));

    Setup t = setup();
    String cancelled = refer(t).path("id").asText();
    Api.Resp c = t.w().doctor().post("/referrals/" + cancelled + "/cancel", null);
    assertEquals(200, c.status(), c.toString());
    assertEquals("CANCELLED", c.str("status"));
    ProblemAssert.problem(409, t.rehab().post("/referrals/" + cancelled + "/accept", Map.of()));
    assertEquals(404, t.rehab().get("/persons/" + t.person()).status(), "a cancelled referral gives no reach");

    String declined = refer(t).path("id").asText();
    ProblemAssert.invalid(t.rehab().post("/referrals/" + declined + "/decline", Map.of()), "reason");
    Api.Resp d = t.rehab().post("/referrals/" + declined + "/decline", Map.of("reason", "本机构暂无名额"));
    assertEquals(200, d.status(), d.toString());
    assertEquals("DECLINED", d.str("status"));
    assertEquals("本机构暂无名额", d.str("declinedReason"));
    ProblemAssert.problem(409, t.rehab().post("/referrals/" + declined + "/accept", Map.of()));
  }

  @Test
  void openReferralForTheSameService_is409() {
    Setup s = setup();
    refer(s);
    ProblemAssert.problem(409, s.w().doctor().post("/referrals", body(s.person(), s.w().rehabId(), "REHAB_TRAINING")));
  }

  @Test
  void concurrentAccepts_exactlyOneWins() throws Exception {
    Setup s = setup();
    String id = refer(s).path("id").asText();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) answers.add(pool.submit(() -> s.rehab().post("/referrals/" + id + "/accept", Map.of()).status()));
      int ok = 0;
      int conflict = 0;
      for (Future<Integer> f : answers) {
        int st = f.get();
        if (st == 200) ok++;
        else if (st == 409) conflict++;
      }
      assertEquals(1, ok);
      assertEquals(15, conflict);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void firstMatchingSessionAfterAcceptance_completesTheReferral_inTheSessionsTransaction() {
    Setup s = setup();
    String id = refer(s).path("id").asText();
    // before acceptance a session does not complete it
    assertEquals(201, logSession(s.rehab(), s.person(), "REHAB_TRAINING").status());
    assertEquals(200, s.rehab().post("/referrals/" + id + "/accept", Map.of()).status());
    // another service type does not complete it
    assertEquals(201, logSession(s.rehab(), s.person(), "REHAB_MEDICAL").status());
    assertEquals("ACCEPTED", s.rehab().get("/referrals/" + id).str("status"));
    Api.Resp session = logSession(s.rehab(), s.person(), "REHAB_TRAINING");
    assertEquals(201, session.status());
    JsonNode done = s.w().doctor().get("/referrals/" + id).json();
    assertEquals("COMPLETED", done.path("status").asText());
    assertEquals(session.str("id"), done.path("completedBySessionId").asText());
    assertEquals(1, count("SELECT count(*) FROM audit_events WHERE entity = 'referral' AND entity_id = ? AND action = 'COMPLETE'", id));
    // a completed referral can no longer be cancelled
    ProblemAssert.problem(409, s.w().doctor().post("/referrals/" + id + "/cancel", null));
  }

  @Test
  void pendingForMoreThanSevenDays_isOverdue() {
    Setup s = setup();
    String id = refer(s).path("id").asText();
    TestApp.jdbi().useHandle(h -> h.createUpdate("UPDATE referrals SET referred_on = referred_on - 8 WHERE id = :id")
        .bind("id", UUID.fromString(id)).execute());
    assertTrue(s.rehab().get("/referrals/" + id).json().path("overdue").asBoolean());
    TestApp.jdbi().useHandle(h -> h.createUpdate("UPDATE referrals SET referred_on = referred_on + 1 WHERE id = :id")
        .bind("id", UUID.fromString(id)).execute());
    assertFalse(s.rehab().get("/referrals/" + id).json().path("overdue").asBoolean(), "exactly 7 days is not yet overdue");
  }

  @Test
  void takeUpByTown_countsReferredAcceptedCompleted_andTheMedianDaysToAcceptance() {
    Setup s = setup();
    String a = refer(s).path("id").asText();
    String b = s.w().doctor().post("/referrals", body(s.person(), s.w().rehabId(), "REHAB_MEDICAL")).str("id");
    Setup other = new Setup(s.w(), s.rehab(), s.w().person());
    ContractFixtures.activeContract(other.person(), s.w().doctorId());
    refer(other);
    TestApp.jdbi().useHandle(h -> h.createUpdate("UPDATE referrals SET referred_on = referred_on - 4 WHERE id = :id")
        .bind("id", UUID.fromString(b)).execute());
    assertEquals(200, s.rehab().post("/referrals/" + a + "/accept", Map.of()).status());
    assertEquals(200, s.rehab().post("/referrals/" + b + "/accept", Map.of()).status());
    assertEquals(201, logSession(s.rehab(), s.person(), "REHAB_TRAINING").status());
    int year = LocalDate.now(TestApp.context().clock()).getYear();
    Api.Resp r = TestApp.admin().get("/referrals/take-up?year=" + year);
    assertEquals(200, r.status(), r.toString());
    JsonNode town = null;
    for (JsonNode t : r.json().path("towns")) if (t.path("townCode").asText().equals(s.w().town())) town = t;
    assertEquals(3, town.path("referred").asLong(), r.toString());
    assertEquals(2, town.path("accepted").asLong());
    assertEquals(1, town.path("completed").asLong());
    assertEquals("2.0", town.path("medianDaysToAcceptance").asText());
    ProblemAssert.problem(403, s.w().doctor().get("/referrals/take-up"));
  }

  static Map<String, Object> planNaming(String referralId, String institutionId, String serviceType) {
    LocalDate today = LocalDate.now(TestApp.context().clock());
    Map<String, Object> iv = new LinkedHashMap<>();
    iv.put("serviceType", serviceType);
    iv.put("institutionId", institutionId);
    iv.put("setting", "INSTITUTION");
    iv.put("sessionsPerMonth", 4);
    iv.put("referralId", referralId);
    return Map.of("goals", List.of("独立行走"), "interventions", List.of(iv), "startDate", today.toString(),
        "reviewDate", today.plusMonths(6).toString());
  }

  /** Issue 19 item 5: an intervention may name its referral: same person, same institution, same service type; else 422. */
  @Test
  void planInterventionNamesItsReferral_otherPersonsUnknownOrMismatched_are422_andNothingStored() {
    Setup s = setup();
    String rid = refer(s).path("id").asText();
    // another person of the same doctor, with a referral of their own
    String other = s.w().person();
    ContractFixtures.activeContract(other, s.w().doctorId());
    String otherRid = s.w().doctor().post("/referrals", body(other, s.w().rehabId(), "REHAB_TRAINING")).json().path("id").asText();
    long plans = count("SELECT count(*) FROM plans WHERE person_id = CAST(? AS uuid)", s.person());

    ProblemAssert.invalid(s.w().doctor().post("/persons/" + s.person() + "/plans", planNaming(otherRid, s.w().rehabId(), "REHAB_TRAINING")),
        "interventions[0].referralId");
    ProblemAssert.invalid(s.w().doctor().post("/persons/" + s.person() + "/plans",
        planNaming(UUID.randomUUID().toString(), s.w().rehabId(), "REHAB_TRAINING")), "interventions[0].referralId");
    ProblemAssert.invalid(s.w().doctor().post("/persons/" + s.person() + "/plans", planNaming(rid, s.w().rehabId(), "REHAB_NURSING")),
        "interventions[0].referralId");
    String otherInstitution = Fixtures.institution(s.w().community(), false, "REHAB").path("id").asText();
    ProblemAssert.invalid(s.w().doctor().post("/persons/" + s.person() + "/plans", planNaming(rid, otherInstitution, "REHAB_TRAINING")),
        "interventions[0].referralId");
    assertEquals(plans, count("SELECT count(*) FROM plans WHERE person_id = CAST(? AS uuid)", s.person()), "nothing stored");

    Api.Resp ok = s.w().doctor().post("/persons/" + s.person() + "/plans", planNaming(rid, s.w().rehabId(), "REHAB_TRAINING"));
    assertEquals(201, ok.status(), ok.toString());
    assertEquals(rid, ok.json().path("interventions").path(0).path("referralId").asText());
  }
}
