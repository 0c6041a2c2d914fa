package cn.donghe.rehab.sessions;

import static cn.donghe.rehab.sessions.AidFixtures.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionApiTest {
  private static String community;
  private static AidFixtures.Clinic clinic;

  @BeforeAll
  static void clinic() {
    community = Fixtures.community();
    clinic = AidFixtures.clinic(community, true);
  }

  private String enrolledChild(Category category, String aidCategory) {
    String child = AidFixtures.child(community, category, AidFixtures.thisYear(), 5).path("id").asText();
    AidFixtures.enrol(child, AidFixtures.thisYear(), aidCategory);
    return child;
  }

  private static void assertProblem(Api.Resp r, int status, String type, String field) {
    assertEquals(status, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    if (type != null) assertTrue(r.str("type").endsWith("/" + type) || r.str("type").equals(type), r.toString());
    if (field != null) {
      boolean named = false;
      for (JsonNode e : r.get("errors")) named |= e.path("field").asText().equals(field);
      named |= field.equals(r.str("field"));
      assertTrue(named, "expected field " + field + " in " + r);
    }
  }

  @Test
  void charge_withinBalance_isPaidFullyByAid() {
    String child = enrolledChild(Category.HEARING, "HEARING");
    Api.Resp r = AidFixtures.log(clinic.staff(), AidFixtures.session(child, "300.00", true));
    assertEquals(201, r.status(), r.toString());
    assertEquals("300.00", r.str("aidCharged"));
    assertEquals("0.00", r.str("selfPay"));
    assertEquals("23700.00", r.str("aidBalanceAfter"));
    assertEquals("ACTIVE", r.str("status"));
    assertEquals(clinic.id(), r.str("institutionId"));
    assertEquals(child, r.str("personId"));
    assertEquals("REHAB_TRAINING", r.str("serviceType"));
    assertEquals(45, r.get("durationMinutes").asInt());
  }

  @Test
  void charge_exceedingBalance_paysRestAsSelfPay_andBalanceStopsAtZero() {
    String child = enrolledChild(Category.VISUAL, "LOW_VISION");
    assertEquals(201, AidFixtures.log(clinic.staff(), AidFixtures.session(child, "4800.00", true)).status());
    Api.Resp split = AidFixtures.log(clinic.staff(), AidFixtures.session(child, "500.00", true));
    assertEquals("200.00", split.str("aidCharged"));
    assertEquals("300.00", split.str("selfPay"));
    assertEquals("0.00", split.str("aidBalanceAfter"));
    Api.Resp none = AidFixtures.log(clinic.staff(), AidFixtures.session(child, "150.00", true));
    assertEquals(201, none.status());
    assertEquals("0.00", none.str("aidCharged"));
    assertEquals("150.00", none.str("selfPay"));
    assertEquals("0.00", none.str("aidBalanceAfter"));
    assertEquals(0L, AidFixtures.countWhere("SELECT count(*) FROM aid_ledger WHERE session_id = CAST(? AS uuid)", none.str("id")),
        "a session aid paid nothing for has no CHARGE entry");
  }

  @Test
  void withoutChildAid_everythingIsSelfPay_andNoAccountIsNeeded() {
    String adult = Fixtures.person(community).path("id").asText();
    Api.Resp r = AidFixtures.log(clinic.staff(), AidFixtures.session(adult, "80.00", false));
    assertEquals(201, r.status(), r.toString());
    assertEquals("0.00", r.str("aidCharged"));
    assertEquals("80.00", r.str("selfPay"));
    assertTrue(r.get("aidBalanceAfter").isNull());
  }

  @Test
  void sameKeyAndBody_replaysOriginalAnswer_withoutChargingAgain() {
    String child = enrolledChild(Category.PHYSICAL, "PHYSICAL");
    String key = AidFixtures.key();
    Map<String, Object> body = AidFixtures.session(child, "1000.00", true);
    Api.Resp first = AidFixtures.log(clinic.staff(), key, body);
    Api.Resp again = AidFixtures.log(clinic.staff(), key, body);
    assertEquals(201, again.status());
    assertEquals(first.json(), again.json());
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(1L, AidFixtures.countWhere("SELECT count(*) FROM sessions WHERE person_id = CAST(? AS uuid)", child));
    JsonNode account = TestApp.admin().get("/aid-accounts?personId=" + child).get("items").get(0);
    assertEquals("19000.00", account.path("balance").asText());
  }

  @Test
  void housekeepingPurgesOnlyKeysPastTheirRetention() {
    String adult = Fixtures.person(community).path("id").asText();
    String oldKey = AidFixtures.key();
    String freshKey = AidFixtures.key();
    assertEquals(201, AidFixtures.log(clinic.staff(), oldKey, AidFixtures.session(adult, "1.00", false)).status());
    Api.Resp fresh = AidFixtures.log(clinic.staff(), freshKey, AidFixtures.session(adult, "2.00", false));
    assertEquals(201, fresh.status());
    TestApp.jdbi().useHandle(h -> h.createUpdate("UPDATE idempotency_keys SET created_at = now() - interval '49 hours' WHERE key = :k")
        .bind("k", oldKey).execute());
    SessionService service = TestApp.context().get(SessionService.class);
    assertTrue(service.purgeKeys(SessionsModule.KEY_RETENTION) >= 1);
    assertEquals(0L, AidFixtures.countWhere("SELECT count(*) FROM idempotency_keys WHERE key = ?", oldKey));
    Api.Resp replay = AidFixtures.log(clinic.staff(), freshKey, AidFixtures.session(adult, "2.00", false));
    assertEquals(fresh.json(), replay.json());
    assertEquals("true", replay.header("Idempotent-Replayed"));
  }

  @Test
  void sameKeyDifferentBody_is422_andNothingCharged() {
    String child = enrolledChild(Category.PHYSICAL, "PHYSICAL");
    String key = AidFixtures.key();
    assertEquals(201, AidFixtures.log(clinic.staff(), key, AidFixtures.session(child, "1000.00", true)).status());
    long sessions = Fixtures.count("sessions");
    long ledger = Fixtures.count("aid_ledger");
    Api.Resp r = AidFixtures.log(clinic.staff(), key, AidFixtures.session(child, "999.00", true));
    assertProblem(r, 422, "idempotency-key-reused", "Idempotency-Key");
    assertEquals(sessions, Fixtures.count("sessions"));
    assertEquals(ledger, Fixtures.count("aid_ledger"));
  }

  @Test
  void sameKeyAtAnotherInstitution_isADifferentRequest() {
    String child = enrolledChild(Category.PHYSICAL, "PHYSICAL");
    AidFixtures.Clinic other = AidFixtures.clinic(community, true);
    String key = AidFixtures.key();
    Api.Resp a = AidFixtures.log(clinic.staff(), key, AidFixtures.session(child, "10.00", true));
    Api.Resp b = AidFixtures.log(other.staff(), key, AidFixtures.session(child, "10.00", true));
    assertEquals(201, b.status());
    assertTrue(!a.str("id").equals(b.str("id")));
  }

  @Test
  void missingIdempotencyKey_is400NamingTheHeader() {
    String adult = Fixtures.person(community).path("id").asText();
    long before = Fixtures.count("sessions");
    assertProblem(clinic.staff().post("/sessions", AidFixtures.session(adult, "10.00", false)), 400, "bad-request", "Idempotency-Key");
    assertProblem(clinic.staff().withHeader("Idempotency-Key", "x".repeat(201)).post("/sessions", AidFixtures.session(adult, "10.00", false)),
        400, "bad-request", "Idempotency-Key");
    assertEquals(before, Fixtures.count("sessions"));
  }

  @Test
  void invalidFields_are422NamingEachField_andNothingStored() {
    String adult = Fixtures.person(community).path("id").asText();
    long before = Fixtures.count("sessions");
    Map<String, Object> b = AidFixtures.session(adult, "-1.00", false, AidFixtures.today().plusDays(1));
    b.put("durationMinutes", 481);
    b.put("serviceType", "MASSAGE");
    b.put("therapist", " ");
    Api.Resp r = AidFixtures.log(clinic.staff(), b);
    for (String f : new String[] {"fee", "date", "durationMinutes", "serviceType", "therapist"}) assertProblem(r, 422, "validation", f);
    Map<String, Object> zero = AidFixtures.session(adult, "10.00", false);
    zero.put("durationMinutes", 0);
    assertProblem(AidFixtures.log(clinic.staff(), zero), 422, "validation", "durationMinutes");
    Map<String, Object> noAid = AidFixtures.session(adult, "10.00", false);
    noAid.remove("useChildAid");
    assertProblem(AidFixtures.log(clinic.staff(), noAid), 422, "validation", "useChildAid");
    assertProblem(AidFixtures.log(clinic.staff(), AidFixtures.session(UUID.randomUUID().toString(), "10.00", false)), 422, "validation", "personId");
    assertEquals(before, Fixtures.count("sessions"));
  }

  @Test
  void dateBeforeBirth_is422() {
    JsonNode baby = Fixtures.child(community, Category.HEARING, AidFixtures.today().minusDays(30));
    Api.Resp r = AidFixtures.log(clinic.staff(), AidFixtures.session(baby.path("id").asText(), "10.00", false, AidFixtures.today().minusDays(31)));
    assertProblem(r, 422, "validation", "date");
  }

  @Test
  void zeroFeeAndFullDayAreAccepted() {
    String adult = Fixtures.person(community).path("id").asText();
    Map<String, Object> b = AidFixtures.session(adult, "0.00", false);
    b.put("durationMinutes", 480);
    assertEquals(201, AidFixtures.log(clinic.staff(), b).status());
  }

  @Test
  void childAid_atNonDesignatedInstitution_is409_andNoAccount_is409() {
    String child = enrolledChild(Category.PHYSICAL, "PHYSICAL");
    AidFixtures.Clinic plain = AidFixtures.clinic(community, false);
    long ledger = Fixtures.count("aid_ledger");
    assertProblem(AidFixtures.log(plain.staff(), AidFixtures.session(child, "10.00", true)), 409, "institution-not-child-aid-designated", null);
    String unenrolled = AidFixtures.child(community, Category.PHYSICAL, AidFixtures.thisYear(), 4).path("id").asText();
    assertProblem(AidFixtures.log(clinic.staff(), AidFixtures.session(unenrolled, "10.00", true)), 409, "no-aid-account", null);
    assertEquals(ledger, Fixtures.count("aid_ledger"));
    assertEquals(201, AidFixtures.log(plain.staff(), AidFixtures.session(child, "10.00", false)).status(), "self-paid sessions need no designation");
  }

  @Test
  void institutionWithoutRehab_cannotLogSessions() {
    String deviceShop = Fixtures.institution(community, false, "DEVICE").path("id").asText();
    Api staff = Fixtures.institutionUser(deviceShop);
    String adult = Fixtures.person(community).path("id").asText();
    assertProblem(AidFixtures.log(staff, AidFixtures.session(adult, "10.00", false)), 409, "institution-not-rehab", null);
  }

  @Test
  void institutionStaffLogSessions_anAdminOnlyForANamedInstitution_aDoctorOnlyForContractedPersons() {
    String adult = Fixtures.person(community).path("id").asText();
    assertProblem(TestApp.admin().withHeader("Idempotency-Key", AidFixtures.key()).post("/sessions", AidFixtures.session(adult, "1.00", false)),
        422, "validation", "institutionId");
    String doctor = Fixtures.doctor(Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText()).path("id").asText();
    // issue 19: a doctor logs sessions, but only for persons contracted to them (DoctorSessionTest); this adult is not
    assertEquals(404, Fixtures.doctorUser(doctor).withHeader("Idempotency-Key", AidFixtures.key()).post("/sessions", AidFixtures.session(adult, "1.00", false)).status());
    assertEquals(401, TestApp.anonymous().withHeader("Idempotency-Key", AidFixtures.key()).post("/sessions", AidFixtures.session(adult, "1.00", false)).status());
  }

  @Test
  void unknownPlan_is422_planRevisionWithoutPlan_is422() {
    String adult = Fixtures.person(community).path("id").asText();
    Map<String, Object> b = AidFixtures.session(adult, "10.00", false);
    b.put("planId", UUID.randomUUID().toString());
    assertProblem(AidFixtures.log(clinic.staff(), b), 422, "validation", "planId");
    Map<String, Object> c = AidFixtures.session(adult, "10.00", false);
    c.put("planRevision", 2);
    assertProblem(AidFixtures.log(clinic.staff(), c), 422, "validation", "planId");
  }

  @Test
  void anotherPersonsPlan_orAMissingRevision_is422_andTheRightOnesAreStored() {
    String adult = Fixtures.person(community).path("id").asText();
    String other = Fixtures.person(community).path("id").asText();
    String planId = TestApp.admin().post("/persons/" + adult + "/plans",
        cn.donghe.rehab.contracts.ContractFixtures.planBody(clinic.id())).str("id");
    long sessions = Fixtures.count("sessions");
    Map<String, Object> foreign = AidFixtures.session(other, "10.00", false);
    foreign.put("planId", planId);
    assertProblem(AidFixtures.log(clinic.staff(), foreign), 422, "validation", "planId");
    Map<String, Object> missing = AidFixtures.session(adult, "10.00", false);
    missing.put("planId", planId);
    missing.put("planRevision", 9);
    assertProblem(AidFixtures.log(clinic.staff(), missing), 422, "validation", "planRevision");
    assertEquals(sessions, Fixtures.count("sessions"));
    Map<String, Object> right = AidFixtures.session(adult, "10.00", false);
    right.put("planId", planId);
    right.put("planRevision", 1);
    Api.Resp ok = AidFixtures.log(clinic.staff(), right);
    assertEquals(201, ok.status(), ok.toString());
    assertEquals(planId, ok.str("planId"));
  }

  @Test
  void void_reversesTheCharge_isIdempotent_andAudited() {
    String child = enrolledChild(Category.INTELLECTUAL, "INTELLECTUAL");
    Api.Resp s = AidFixtures.log(clinic.staff(), AidFixtures.session(child, "700.00", true));
    String id = s.str("id");
    Api.Resp v = clinic.staff().post("/sessions/" + id + "/void", Map.of("reason", "登记错误"));
    assertEquals(200, v.status(), v.toString());
    assertEquals("VOIDED", v.str("status"));
    assertEquals("登记错误", v.str("voidReason"));
    Api.Resp again = clinic.staff().post("/sessions/" + id + "/void", Map.of("reason", "再次作废"));
    assertEquals(200, again.status());
    assertEquals(v.json(), again.json());
    JsonNode account = TestApp.admin().get("/aid-accounts?personId=" + child).get("items").get(0);
    assertEquals("20000.00", account.path("balance").asText());
    assertEquals("0.00", account.path("spent").asText());
    JsonNode entries = account.path("entries");
    assertEquals(3, entries.size());
    assertEquals("REVERSAL", entries.get(2).path("kind").asText());
    assertEquals("700.00", entries.get(2).path("amount").asText());
    assertEquals(id, entries.get(2).path("sessionId").asText());
    assertEquals(1L, AidFixtures.countWhere("SELECT count(*) FROM audit_events WHERE action = 'VOID' AND entity_id = ?", id));
    assertEquals("VOIDED", clinic.staff().get("/sessions/" + id).str("status"));
  }

  @Test
  void void_needsReason_andOnlyTheLoggingInstitutionOrAdmin() {
    String adult = Fixtures.person(community).path("id").asText();
    String id = AidFixtures.log(clinic.staff(), AidFixtures.session(adult, "10.00", false)).str("id");
    assertProblem(clinic.staff().post("/sessions/" + id + "/void", Map.of()), 422, "validation", "reason");
    AidFixtures.Clinic other = AidFixtures.clinic(community, true);
    assertEquals(404, other.staff().post("/sessions/" + id + "/void", Map.of("reason", "x")).status());
    String clinicDoctor = Fixtures.doctor(Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText()).path("id").asText();
    assertEquals(403, Fixtures.doctorUser(clinicDoctor).post("/sessions/" + id + "/void", Map.of("reason", "x")).status());
    assertEquals("ACTIVE", clinic.staff().get("/sessions/" + id).str("status"));
    Api.Resp byAdmin = TestApp.admin().post("/sessions/" + id + "/void", Map.of("reason", "管理员作废"));
    assertEquals(200, byAdmin.status());
    assertEquals("VOIDED", byAdmin.str("status"));
  }

  @Test
  void ledgerDatabaseGuards_refuseUpdateDelete_secondCharge_andNegativeBalance() {
    String child = enrolledChild(Category.HEARING, "HEARING");
    String sid = AidFixtures.log(clinic.staff(), AidFixtures.session(child, "100.00", true)).str("id");
    String accountId = TestApp.admin().get("/aid-accounts?personId=" + child).get("items").get(0).path("id").asText();
    assertSqlFails("UPDATE aid_ledger SET amount = 0 WHERE session_id = '" + sid + "'");
    assertSqlFails("DELETE FROM aid_ledger WHERE session_id = '" + sid + "'");
    assertSqlFails("INSERT INTO aid_ledger (account_id, at, kind, amount, balance_after, session_id) VALUES ('"
        + accountId + "', now(), 'CHARGE', -1.00, 0, '" + sid + "')");
    assertSqlFails("UPDATE aid_accounts SET balance = -0.01 WHERE id = '" + accountId + "'");
    assertEquals(new BigDecimal("23900.00"), AidFixtures.sumWhere("SELECT balance FROM aid_accounts WHERE id = CAST(? AS uuid)", accountId));
  }

  private static void assertSqlFails(String sql) {
    boolean failed = false;
    try {
      TestApp.jdbi().useHandle(h -> h.execute(sql));
    } catch (RuntimeException e) {
      failed = true;
    }
    assertTrue(failed, "database should refuse: " + sql);
  }

  @Test
  void replayAfterVoid_stillAnswersTheOriginalCreation() {
    String adult = Fixtures.person(community).path("id").asText();
    String key = AidFixtures.key();
    Map<String, Object> body = AidFixtures.session(adult, "10.00", false);
    Api.Resp first = AidFixtures.log(clinic.staff(), key, body);
    clinic.staff().post("/sessions/" + first.str("id") + "/void", Map.of("reason", "x"));
    Api.Resp replay = AidFixtures.log(clinic.staff(), key, body);
    assertEquals(first.json(), replay.json());
    assertNull(replay.json().path("voidedAt").textValue());
    assertEquals(money(first.json(), "fee"), new BigDecimal("10.00"));
  }
}
