package cn.donghe.rehab.hardening;

import static cn.donghe.rehab.hardening.MatrixWorld.map;
import static cn.donghe.rehab.hardening.MatrixWorld.today;
import static cn.donghe.rehab.hardening.MatrixWorld.year;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, items 1 and 2 and the town admin's existence leak: worlds that differ from the HOME world of the
 * authorization matrix in ONE thing at a time, so that a scope rule that is too wide shows up as a 200 where the
 * design says 404 (DESIGN section 2, "INSTITUTION reach" and "An aid account is readable by an institution only if").
 *
 * <ul>
 *   <li>Two more institutions in the HOME town: a REHAB-only one not designated for child aid ("neighbour"), a
 *       designated REHAB one ("rival") and a DEVICE-only shop. None of them ever served the HOME child.</li>
 *   <li>The HOME town admin and the users it creates.</li>
 *   <li>Ids taken from request bodies that point into the AWAY world.</li>
 * </ul>
 * Every out-of-scope answer is compared with the answer for an id that exists nowhere.
 */
// after the feature tests, like the matrix: MatrixWorld fills the device catalogue
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 11)
class ScopeWorldsTest {
  private static MatrixWorld home;
  private static MatrixWorld away;
  private static String neighbour;
  private static String rival;
  private static String shop;
  private static AppUser neighbourUser;
  private static Api neighbourApi;
  private static Api rivalApi;
  private static Api shopApi;

  @BeforeAll
  static void worlds() {
    home = MatrixWorld.build();
    away = MatrixWorld.build();
    neighbour = Fixtures.institution(home.community, false, "REHAB").path("id").asText();
    rival = Fixtures.institution(home.community, true, "REHAB").path("id").asText();
    shop = Fixtures.institution(home.community, false, "DEVICE").path("id").asText();
    neighbourUser = Fixtures.createUserDirect(Fixtures.username("sw-nb"), "INSTITUTION", UUID.fromString(neighbour), null, List.of(), null);
    neighbourApi = Fixtures.login(neighbourUser);
    rivalApi = Fixtures.institutionUser(rival);
    shopApi = Fixtures.institutionUser(shop);
  }

  // ---- item 1: designating is a district act ----

  @Test
  void townAdmin_mayNotDesignateInstitutionsOrDoctors_norCreateTheirLogins() {
    Api town = home.townAdmin;
    long institutions = Fixtures.count("institutions");
    long doctors = Fixtures.count("doctors");
    long users = Fixtures.count("users");
    status(403, town.post("/institutions", map("name", "镇里自设机构", "regionCode", home.community, "services", List.of("REHAB"),
        "childAidDesignated", true)));
    status(403, town.post("/institutions", map("name", "镇里自设机构", "regionCode", home.community, "services", List.of("REHAB"))));
    status(403, town.post("/doctors", map("name", "镇里医生", "institutionId", home.clinic, "licenseNo", "SW-" + UUID.randomUUID())));
    status(403, town.post("/users", userBody("INSTITUTION", "institutionId", home.centre)));
    status(403, town.post("/users", userBody("DOCTOR", "doctorId", home.doctor)));
    assertEquals(institutions, Fixtures.count("institutions"));
    assertEquals(doctors, Fixtures.count("doctors"));
    assertEquals(users, Fixtures.count("users"));
  }

  @Test
  void theAdminsATownAdminCreates_areTownAdminsToo_andTheGuardiansSeeOnlyTheirChild() {
    Api town = home.townAdmin;
    String subUser = Fixtures.username("sw-sub");
    Api.Resp sub = town.post("/users", map("username", subUser, "password", Fixtures.PASSWORD, "role", "ADMIN", "displayName", "社区管理员",
        "regionCode", home.community));
    status(201, sub);
    Api subApi = login(subUser);
    status(403, subApi.post("/institutions", map("name", "社区自设机构", "regionCode", home.community, "services", List.of("REHAB"))));
    status(403, subApi.post("/users", userBody("INSTITUTION", "institutionId", home.centre)));
    status(404, subApi.get("/persons/" + away.child));
    status(200, subApi.get("/persons/" + home.child));

    String guardianUser = Fixtures.username("sw-guard");
    status(201, town.post("/users", map("username", guardianUser, "password", Fixtures.PASSWORD, "role", "GUARDIAN", "displayName", "家长",
        "childPersonIds", List.of(home.child))));
    Api guardian = login(guardianUser);
    status(200, guardian.get("/aid-accounts/" + home.account));
    sameAsUnknown(guardian.get("/aid-accounts/" + away.account), guardian.get("/aid-accounts/" + UUID.randomUUID()));
    sameAsUnknown(guardian.get("/persons/" + away.child), guardian.get("/persons/" + UUID.randomUUID()));
  }

  // ---- item 1: INSTITUTION reach ----

  @Test
  void neighbourInTheSameTown_readsNothingOfAChildItNeverServed() {
    String ghost = UUID.randomUUID().toString();
    sameAsUnknown(neighbourApi.get("/persons/" + home.child), neighbourApi.get("/persons/" + ghost));
    sameAsUnknown(neighbourApi.get("/aid-accounts/" + home.account), neighbourApi.get("/aid-accounts/" + ghost));
    sameAsUnknown(neighbourApi.get("/aid-accounts/" + home.account + "?format=csv"), neighbourApi.get("/aid-accounts/" + ghost + "?format=csv"));
    sameAsUnknown(neighbourApi.get("/aid-accounts?personId=" + home.child), neighbourApi.get("/aid-accounts?personId=" + ghost));
    sameAsUnknown(neighbourApi.get("/persons/" + home.child + "/plan"), neighbourApi.get("/persons/" + ghost + "/plan"));
    sameAsUnknown(neighbourApi.get("/sessions/" + home.session), neighbourApi.get("/sessions/" + ghost));
    // the designated rival and the device shop of the same town: same answers
    sameAsUnknown(rivalApi.get("/persons/" + home.child), rivalApi.get("/persons/" + ghost));
    sameAsUnknown(rivalApi.get("/aid-accounts/" + home.account), rivalApi.get("/aid-accounts/" + ghost));
    sameAsUnknown(shopApi.get("/persons/" + home.child), shopApi.get("/persons/" + ghost));
    sameAsUnknown(shopApi.get("/fittings/" + home.fitting), shopApi.get("/fittings/" + ghost));
    sameAsUnknown(shopApi.get("/loans/" + home.loan), shopApi.get("/loans/" + ghost));
    sameAsUnknown(shopApi.get("/fittings?personId=" + home.child), shopApi.get("/fittings?personId=" + ghost));
    // the HOME centre that serves the child reads it
    status(200, home.staff.get("/persons/" + home.child));
    status(200, home.staff.get("/aid-accounts/" + home.account));
  }

  @Test
  void lookUpByFullNumber_givesReachFor24Hours_butNotTheAidAccount() {
    Person p = childWithAccount();
    status(404, neighbourApi.get("/persons/" + p.id));
    Api.Resp found = neighbourApi.post("/persons/lookup", map("idNumber", p.idNumber));
    status(200, found);
    assertEquals(p.id, found.str("id"));
    assertFalse(found.text().contains(p.idNumber), "a look-up answer never carries the full number to an institution");
    status(200, neighbourApi.get("/persons/" + p.id));
    status(404, neighbourApi.get("/aid-accounts/" + p.account));
    Api.Resp list = neighbourApi.get("/aid-accounts?personId=" + p.id);
    status(200, list);
    assertEquals(0, list.get("items").size(), "a look-up does not open the child's aid accounts: " + list);
    assertEquals(1L, grants(neighbour, p.id), "the look-up wrote one reach grant");
    MutableClock clock = TestApp.context().clock();
    try {
      clock.set(Instant.now().plus(Duration.ofHours(25)));
      Api later = Fixtures.login(neighbourUser);
      sameAsUnknown(later.get("/persons/" + p.id), later.get("/persons/" + UUID.randomUUID()));
    } finally {
      clock.reset();
    }
  }

  @Test
  void servingGivesReach_aVoidedSessionOrACancelledFittingDoesNot() {
    String p = home.freshPerson();
    status(404, neighbourApi.get("/persons/" + p));
    Api.Resp s = neighbourApi.withHeader("Idempotency-Key", "sw-" + UUID.randomUUID()).post("/sessions", session(p, "0.00", false));
    status(201, s);
    status(200, neighbourApi.get("/persons/" + p));
    status(200, neighbourApi.post("/sessions/" + s.str("id") + "/void", map("reason", "录错人")));
    status(404, neighbourApi.get("/persons/" + p));

    String q = home.freshPerson();
    status(404, shopApi.get("/persons/" + q));
    Api.Resp f = shopApi.post("/fittings", map("personId", q, "deviceTypeCode", MatrixWorld.sharedType()));
    status(201, f);
    status(200, shopApi.get("/persons/" + q));
    status(200, shopApi.post("/fittings/" + f.str("id") + "/cancel", map("reason", "录错人")));
    status(404, shopApi.get("/persons/" + q));

    String r = home.freshPerson();
    String item = MatrixWorld.json(shopApi.post("/device-items", MatrixWorld.itemBody(MatrixWorld.sharedType(), shop))).path("id").asText();
    status(201, shopApi.post("/loans", MatrixWorld.loanBody(item, r)));
    status(200, shopApi.get("/persons/" + r));
    // a session of another institution gives the neighbour nothing
    status(404, neighbourApi.get("/persons/" + r));
  }

  @Test
  void namedInTheActivePlan_givesReachAndTheAidAccount_closingThePlanTakesThemAway() {
    Person p = childWithAccount();
    status(201, TestApp.admin().post("/contracts", MatrixWorld.contractBody(p.id, home.doctor)));
    status(404, neighbourApi.get("/persons/" + p.id));
    Api.Resp plan = home.doctorApi.post("/persons/" + p.id + "/plans", MatrixWorld.planBody(neighbour));
    status(201, plan);
    status(200, neighbourApi.get("/persons/" + p.id));
    status(200, neighbourApi.get("/aid-accounts/" + p.account));
    status(200, home.doctorApi.post("/plans/" + plan.str("id") + "/close", map("reason", "转出")));
    status(404, neighbourApi.get("/persons/" + p.id));
    status(404, neighbourApi.get("/aid-accounts/" + p.account));
  }

  // ---- item 2: aid-account reads ----

  @Test
  void aidAccount_opensOnlyForANonVoidedSessionInTheAccountsYear() {
    Person p = childWithAccount();
    String lastYear = MatrixWorld.json(TestApp.admin().post("/aid-accounts", map("personId", p.id, "year", year() - 1, "category", "HEARING",
        "guardianConsent", map("name", "家长", "relation", "母亲", "signedOn", today().minusDays(1).toString())))).path("id").asText();
    String ghost = UUID.randomUUID().toString();
    // designated, never served the child: before issue 15 this was 200
    sameAsUnknown(rivalApi.get("/aid-accounts/" + p.account), rivalApi.get("/aid-accounts/" + ghost));
    // a fee-0 charge voided at once opens nothing
    Api.Resp voided = rivalApi.withHeader("Idempotency-Key", "sw-" + UUID.randomUUID()).post("/sessions", session(p.id, "0.00", true));
    status(201, voided);
    status(200, rivalApi.post("/sessions/" + voided.str("id") + "/void", map("reason", "试一下")));
    sameAsUnknown(rivalApi.get("/aid-accounts/" + p.account), rivalApi.get("/aid-accounts/" + ghost));
    sameAsUnknown(rivalApi.get("/aid-accounts/" + p.account + "?format=csv"), rivalApi.get("/aid-accounts/" + ghost + "?format=csv"));
    // a real session this year (not charged) opens this year's account, and only it
    status(201, rivalApi.withHeader("Idempotency-Key", "sw-" + UUID.randomUUID()).post("/sessions", session(p.id, "80.00", false)));
    Api.Resp account = rivalApi.get("/aid-accounts/" + p.account);
    status(200, account);
    assertTrue(account.get("guardianConsent").isObject(), account.toString());
    status(200, rivalApi.get("/aid-accounts/" + p.account + "?format=csv"));
    sameAsUnknown(rivalApi.get("/aid-accounts/" + lastYear), rivalApi.get("/aid-accounts/" + ghost));
    Api.Resp list = rivalApi.get("/aid-accounts?personId=" + p.id);
    status(200, list);
    assertEquals(List.of(p.account), ids(list.get("items")), "only the account of the year served: " + list);
  }

  // ---- writes carrying a personId ----

  @Test
  void writesCarryingAPersonId_anyActivePerson_butAnInactiveOneOutOfReachIsUnknown() {
    String dead = home.freshPerson();
    status(200, TestApp.admin().patch("/persons/" + dead, map("status", "DECEASED", "statusDate", today().minusDays(3).toString())));
    String ghost = UUID.randomUUID().toString();
    sameAsUnknown(neighbourApi.withHeader("Idempotency-Key", "sw-" + UUID.randomUUID()).post("/sessions", session(dead, "0.00", false)),
        neighbourApi.withHeader("Idempotency-Key", "sw-" + UUID.randomUUID()).post("/sessions", session(ghost, "0.00", false)));
    sameAsUnknown(shopApi.post("/fittings", map("personId", dead, "deviceTypeCode", MatrixWorld.sharedType())),
        shopApi.post("/fittings", map("personId", ghost, "deviceTypeCode", MatrixWorld.sharedType())));
    String item = MatrixWorld.json(shopApi.post("/device-items", MatrixWorld.itemBody(MatrixWorld.sharedType(), shop))).path("id").asText();
    sameAsUnknown(shopApi.post("/loans", MatrixWorld.loanBody(item, dead)), shopApi.post("/loans", MatrixWorld.loanBody(item, ghost)));
    // an ACTIVE person of another town: allowed (the id comes from a look-up, a plan or a referral)
    status(201, shopApi.post("/loans", MatrixWorld.loanBody(item, away.freshPerson())));
    status(201, shopApi.post("/fittings", map("personId", away.freshPerson(), "deviceTypeCode", MatrixWorld.sharedType())));
  }

  @Test
  void idsInRequestBodiesFromAnotherWorld_answerLikeUnknownIds() {
    Api staff = home.staff;
    String ghost = UUID.randomUUID().toString();
    Map<String, Object> withAwayPlan = MatrixWorld.sessionBody(home.child);
    withAwayPlan.put("planId", away.plan);
    Map<String, Object> withGhostPlan = MatrixWorld.sessionBody(home.child);
    withGhostPlan.put("planId", ghost);
    sameAsUnknown(staff.withHeader("Idempotency-Key", "sw-" + UUID.randomUUID()).post("/sessions", withAwayPlan),
        staff.withHeader("Idempotency-Key", "sw-" + UUID.randomUUID()).post("/sessions", withGhostPlan));
    sameAsUnknown(staff.post("/loans", MatrixWorld.loanBody(away.item, home.child)), staff.post("/loans", MatrixWorld.loanBody(ghost, home.child)));
    sameAsUnknown(staff.post("/repairs", map("fittingId", away.fitting, "problem", "坏了")), staff.post("/repairs", map("fittingId", ghost, "problem", "坏了")));
    sameAsUnknown(staff.post("/repairs", map("itemId", away.item, "problem", "坏了")), staff.post("/repairs", map("itemId", ghost, "problem", "坏了")));
    Map<String, Object> recycleAway = MatrixWorld.recyclingBody(home.type, home.centre);
    recycleAway.put("fittingId", away.fitting);
    Map<String, Object> recycleGhost = MatrixWorld.recyclingBody(home.type, home.centre);
    recycleGhost.put("fittingId", ghost);
    sameAsUnknown(staff.post("/recycling", recycleAway), staff.post("/recycling", recycleGhost));
    sameAsUnknown(staff.post("/device-items", MatrixWorld.itemBody(home.type, away.centre)),
        staff.post("/device-items", MatrixWorld.itemBody(home.type, ghost)));
  }

  // ---- medium: a town admin learns nothing about persons of other towns ----

  @Test
  void townAdmin_numberRegisteredInAnotherTown_answersExactlyLikeOneRegisteredAtHome() {
    Map<String, Object> elsewhere = Fixtures.personBody(away.community, Category.PHYSICAL, 2, LocalDate.of(1979, 4, 4));
    status(201, TestApp.admin().post("/persons", elsewhere));
    Map<String, Object> atHome = Fixtures.personBody(home.community, Category.PHYSICAL, 2, LocalDate.of(1979, 4, 4));
    status(201, TestApp.admin().post("/persons", atHome));
    Map<String, Object> again = new java.util.LinkedHashMap<>(elsewhere);
    again.put("regionCode", home.community);
    Api.Resp other = home.townAdmin.post("/persons", again);
    Api.Resp mine = home.townAdmin.post("/persons", atHome);
    assertEquals(422, other.status(), other.toString());
    assertEquals(problem(mine), problem(other));
    assertFalse(other.text().contains("already registered") || other.text().contains("已登记"),
        "the answer must not say that the number is registered somewhere else: " + other);

    String header = "name,gender,birthDate,idNumber,certificateNo,category,grade,regionCode\n";
    Api.Resp importOther = home.townAdmin.send("POST", "/persons/import?dryRun=true", header + csv(again), "text/csv");
    Api.Resp importMine = home.townAdmin.send("POST", "/persons/import?dryRun=true", header + csv(atHome), "text/csv");
    assertEquals(422, importOther.status(), importOther.toString());
    assertEquals(importMine.json().path("rejected").toString(), importOther.json().path("rejected").toString());
    assertFalse(importOther.text().contains("already registered"), importOther.toString());
    // the district admin still gets the precise reason
    assertTrue(TestApp.admin().post("/persons", again).text().contains("already registered"));
  }

  // ---- helpers ----

  private record Person(String id, String idNumber, String account) {}

  /** A new child (aged 5) of the HOME community with an aid account for this year; served by nobody. */
  private static Person childWithAccount() {
    Map<String, Object> body = Fixtures.personBody(home.community, Category.HEARING, 2, LocalDate.of(year() - 6, 3, 3));
    body.remove("certificateNo");
    body.put("guardian", map("name", "家长", "phone", "13800000000", "relation", "母亲"));
    String id = MatrixWorld.json(TestApp.admin().post("/persons", body)).path("id").asText();
    String account = MatrixWorld.json(TestApp.admin().post("/aid-accounts", map("personId", id, "year", year(), "category", "HEARING",
        "guardianConsent", map("name", "家长", "relation", "母亲", "signedOn", today().minusDays(1).toString())))).path("id").asText();
    return new Person(id, (String) body.get("idNumber"), account);
  }

  private static Map<String, Object> session(String person, String fee, boolean aid) {
    Map<String, Object> m = MatrixWorld.sessionBody(person);
    m.put("fee", fee);
    m.put("useChildAid", aid);
    return m;
  }

  private static Map<String, Object> userBody(String role, String field, String value) {
    return map("username", Fixtures.username("sw-" + role.toLowerCase()), "password", Fixtures.PASSWORD, "role", role,
        "displayName", "新用户", field, value);
  }

  private static Api login(String username) {
    Api.Resp r = TestApp.anonymous().post("/auth/token", map("username", username, "password", Fixtures.PASSWORD));
    status(200, r);
    return new Api(TestApp.baseUrl(), r.str("token"));
  }

  private static long grants(String institution, String person) {
    return TestApp.jdbi().withHandle(h -> h.createQuery(
            "SELECT count(*) FROM institution_reach_grants WHERE institution_id = CAST(:i AS uuid) AND person_id = CAST(:p AS uuid)")
        .bind("i", institution).bind("p", person).mapTo(Long.class).one());
  }

  private static String csv(Map<String, Object> b) {
    return b.get("name") + "," + b.get("gender") + "," + b.get("birthDate") + "," + b.get("idNumber") + "," + b.get("certificateNo") + ","
        + b.get("category") + "," + b.get("grade") + "," + b.get("regionCode") + "\n";
  }

  private static List<String> ids(JsonNode items) {
    List<String> out = new java.util.ArrayList<>();
    items.forEach(i -> out.add(i.path("id").asText()));
    return out;
  }

  private static void status(int want, Api.Resp r) {
    assertEquals(want, r.status(), r.toString());
  }

  /** An out-of-scope answer must be the answer for an id that exists nowhere (status, type, title, detail, errors). */
  static void sameAsUnknown(Api.Resp real, Api.Resp unknown) {
    assertTrue(real.status() >= 400, "expected a refusal like the unknown id's (" + unknown.status() + ") but got " + real);
    assertEquals(problem(unknown), problem(real), "out-of-scope answer differs from the unknown id's");
  }

  private static String problem(Api.Resp r) {
    JsonNode j = r.json();
    return r.status() + " " + j.path("type").asText() + " " + j.path("title").asText() + " " + j.path("detail").asText() + " " + j.path("errors");
  }
}
