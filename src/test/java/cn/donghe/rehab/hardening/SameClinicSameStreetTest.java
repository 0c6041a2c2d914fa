package cn.donghe.rehab.hardening;

import static cn.donghe.rehab.hardening.MatrixWorld.map;
import static cn.donghe.rehab.hardening.MatrixWorld.today;
import static cn.donghe.rehab.hardening.MatrixWorld.year;
import static cn.donghe.rehab.hardening.ScopeWorldsTest.sameAsUnknown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, "worlds that differ in one thing at a time", the two pairs {@link ScopeWorldsTest} does not build: two
 * doctors of one clinic (only the contracted one reaches the person) and two guardians of one community (each
 * reaches only their own child). Every refusal answers exactly like an id that exists nowhere and stores nothing.
 */
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 11)
class SameClinicSameStreetTest {
  private static final List<String> TABLES = List.of("assessments", "plans", "plan_revisions", "referrals", "sessions", "contracts",
      "aid_ledger", "audit_events");
  private static MatrixWorld home;
  private static Api colleague;
  private static Api otherParent;
  private static String otherChild;

  @BeforeAll
  static void world() {
    home = MatrixWorld.build();
    colleague = Fixtures.doctorUser(Fixtures.doctor(home.clinic).path("id").asText());
    otherChild = Fixtures.child(home.community, Category.HEARING, LocalDate.of(year() - 5, 2, 2)).path("id").asText();
    otherParent = Fixtures.guardianUser(otherChild);
  }

  @Test
  void aSecondDoctorOfTheSameClinic_readsNothingOfTheFirstDoctorsPerson() {
    same(colleague, id -> "/persons/" + id, home.child);
    same(colleague, id -> "/persons/" + id + "/assessments", home.child);
    same(colleague, id -> "/persons/" + id + "/plan", home.child);
    same(colleague, id -> "/persons/" + id + "/plans", home.child);
    same(colleague, id -> "/plans/" + id, home.plan);
    same(colleague, id -> "/plans/" + id + "/revisions", home.plan);
    same(colleague, id -> "/contracts/" + id, home.contract);
    same(colleague, id -> "/sessions/" + id, home.session);
    same(colleague, id -> "/aid-accounts/" + id, home.account);
    same(colleague, id -> "/fittings/" + id, home.fitting);
    assertFalse(colleague.get("/persons?limit=500").text().contains(home.child), "the colleague's person list");
    assertFalse(colleague.get("/contracts?personId=" + home.child + "&limit=500").text().contains(home.contract), "the colleague's contracts");
    assertEquals(200, home.doctorApi.get("/persons/" + home.child).status(), "the contracted doctor reads the person");
  }

  @Test
  void aSecondDoctorOfTheSameClinic_writesNothingForTheFirstDoctorsPerson() {
    Map<String, Long> before = counts();
    String ghost = UUID.randomUUID().toString();
    sameAsUnknown(colleague.put("/persons/" + home.child + "/assessments/" + year(), MatrixWorld.assessmentBody()),
        colleague.put("/persons/" + ghost + "/assessments/" + year(), MatrixWorld.assessmentBody()));
    sameAsUnknown(colleague.post("/persons/" + home.child + "/plans", MatrixWorld.planBody(home.centre)),
        colleague.post("/persons/" + ghost + "/plans", MatrixWorld.planBody(home.centre)));
    sameAsUnknown(colleague.withHeader("If-Match", "\"1\"").put("/plans/" + home.plan, MatrixWorld.planBody(home.centre)),
        colleague.withHeader("If-Match", "\"1\"").put("/plans/" + ghost, MatrixWorld.planBody(home.centre)));
    sameAsUnknown(colleague.post("/plans/" + home.plan + "/close", map("reason", "同事关闭")), colleague.post("/plans/" + ghost + "/close", map("reason", "同事关闭")));
    sameAsUnknown(colleague.post("/contracts/" + home.contract + "/terminate", map("date", today().toString(), "reason", "同事解约")),
        colleague.post("/contracts/" + ghost + "/terminate", map("date", today().toString(), "reason", "同事解约")));
    sameAsUnknown(colleague.post("/referrals", home.referralBody(home.child)), colleague.post("/referrals", home.referralBody(ghost)));
    sameAsUnknown(colleague.withHeader("Idempotency-Key", "sc-" + UUID.randomUUID()).post("/sessions", MatrixWorld.plainSessionBody(home.child)),
        colleague.withHeader("Idempotency-Key", "sc-" + UUID.randomUUID()).post("/sessions", MatrixWorld.plainSessionBody(ghost)));
    assertEquals(before, counts(), "refused writes stored nothing");
  }

  @Test
  void twoGuardiansOfOneCommunity_eachReachesOnlyTheirOwnChild() {
    same(otherParent, id -> "/persons/" + id, home.child);
    same(otherParent, id -> "/persons/" + id + "/plan", home.child);
    same(otherParent, id -> "/plans/" + id, home.plan);
    same(otherParent, id -> "/aid-accounts/" + id, home.account);
    same(otherParent, id -> "/aid-accounts/" + id + "?format=csv", home.account);
    same(otherParent, id -> "/sessions/" + id, home.session);
    same(otherParent, id -> "/sessions?personId=" + id, home.child);
    same(otherParent, id -> "/aid-accounts?personId=" + id, home.child);
    same(otherParent, id -> "/loans/" + id, home.loan);
    same(otherParent, id -> "/fittings/" + id, home.fitting);
    String mine = otherParent.get("/persons?limit=500").text();
    assertTrue(mine.contains(otherChild), "their own child is listed");
    assertFalse(mine.contains(home.child), "the neighbour's child is not");
    assertEquals(200, home.guardian.get("/aid-accounts/" + home.account).status(), "the HOME guardian reads their child's account");
    same(home.guardian, id -> "/persons/" + id, otherChild);
  }

  /** The caller's answer for the real id equals its answer for an id that exists nowhere (a refusal). */
  private static void same(Api caller, Function<String, String> path, String real) {
    sameAsUnknown(caller.get(path.apply(real)), caller.get(path.apply(UUID.randomUUID().toString())));
  }

  private static Map<String, Long> counts() {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    for (String t : TABLES) m.put(t, Fixtures.count(t));
    return m;
  }
}
