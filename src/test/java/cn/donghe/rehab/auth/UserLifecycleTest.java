package cn.donghe.rehab.auth;

import static cn.donghe.rehab.common.ProblemAssert.invalid;
import static cn.donghe.rehab.common.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DESIGN section 2, users: disable/enable, revoke all tokens, change one's password, guardian links. */
class UserLifecycleTest {
  private static long audits(String action, UUID entityId) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_events WHERE action = :a AND entity = 'user' AND entity_id = :id")
        .bind("a", action).bind("id", entityId.toString()).mapTo(Long.class).one());
  }

  private static AppUser staffOf(String community) {
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    return Fixtures.createUserDirect(Fixtures.username("lc-inst"), "INSTITUTION", UUID.fromString(inst), null, List.of(), null);
  }

  private static int loginStatus(AppUser u, String password) {
    return TestApp.anonymous().post("/auth/token", Map.of("username", u.username(), "password", password)).status();
  }

  @Test
  void disablingAUser_stopsTheirTokensAtOnce_andLogin_untilEnabled() {
    AppUser u = staffOf(Fixtures.community());
    Api session = Fixtures.login(u);
    assertEquals(200, session.get("/me").status());

    assertEquals(204, TestApp.admin().post("/users/" + u.id() + "/disable", null).status());
    problem(401, session.get("/me"));
    assertEquals(401, loginStatus(u, Fixtures.PASSWORD));
    assertEquals(1, audits("DISABLE", u.id()));
    // again: nothing to do, no second audit row
    assertEquals(204, TestApp.admin().post("/users/" + u.id() + "/disable", null).status());
    assertEquals(1, audits("DISABLE", u.id()));

    assertEquals(204, TestApp.admin().post("/users/" + u.id() + "/enable", null).status());
    assertEquals(1, audits("ENABLE", u.id()));
    problem(401, session.get("/me")); // tokens from before stay dead
    assertEquals(200, loginStatus(u, Fixtures.PASSWORD));
  }

  @Test
  void aTownAdmin_managesOnlyUsersOfTheirTown_othersAnswerLikeUnknownIds() {
    String town = Fixtures.town();
    Api townAdmin = Fixtures.regionalAdmin(town);
    AppUser mine = staffOf(Fixtures.community(town));
    AppUser elsewhere = staffOf(Fixtures.community());
    assertEquals(204, townAdmin.post("/users/" + mine.id() + "/disable", null).status());
    Api.Resp other = townAdmin.post("/users/" + elsewhere.id() + "/disable", null);
    problem(404, other);
    Api.Resp unknown = townAdmin.post("/users/" + UUID.randomUUID() + "/disable", null);
    assertEquals(unknown.get("detail"), other.get("detail"));
    problem(404, townAdmin.delete("/users/" + elsewhere.id() + "/tokens"));
    problem(404, townAdmin.post("/users/" + elsewhere.id() + "/enable", null));
    assertEquals(200, Fixtures.login(elsewhere).get("/me").status());
    // the district admin who is not in the town is out of reach too
    problem(404, townAdmin.post("/users/" + TestApp.admin().get("/me").str("id") + "/disable", null));
    problem(403, Fixtures.login(staffOf(Fixtures.community(town))).post("/users/" + mine.id() + "/enable", null));
    problem(404, TestApp.admin().post("/users/not-a-uuid/disable", null));
  }

  @Test
  void anAdminCannotDisableThemself() {
    AppUser admin = Fixtures.createUserDirect(Fixtures.username("lc-admin"), "ADMIN", null, null, List.of(), null);
    Api api = Fixtures.login(admin);
    problem(409, api.post("/users/" + admin.id() + "/disable", null));
    assertEquals(200, api.get("/me").status());
  }

  @Test
  void revokingAllTokens_logsEverySessionOut_butTheUserMayLogInAgain() {
    AppUser u = staffOf(Fixtures.community());
    Api one = Fixtures.login(u);
    Api two = Fixtures.login(u);
    assertEquals(204, TestApp.admin().delete("/users/" + u.id() + "/tokens").status());
    problem(401, one.get("/me"));
    problem(401, two.get("/me"));
    assertEquals(1, audits("REVOKE_TOKENS", u.id()));
    assertEquals(200, Fixtures.login(u).get("/me").status());
  }

  @Test
  void changingOnesPassword_needsTheCurrentOne_followsThePolicy_andEndsOtherSessions() {
    AppUser u = staffOf(Fixtures.community());
    Api here = Fixtures.login(u);
    Api elsewhere = Fixtures.login(u);
    invalid(here.post("/me/password", Map.of("current", "wrong-password-1", "new", "Another-Good-Pass-2026")), "current");
    invalid(here.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", "short")), "new");
    invalid(here.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", "password123")), "new");
    invalid(here.post("/me/password", Map.of("current", Fixtures.PASSWORD)), "new");
    invalid(here.post("/me/password", Map.of("new", "Another-Good-Pass-2026")), "current");
    assertEquals(200, elsewhere.get("/me").status());
    assertEquals(0, audits("CHANGE_PASSWORD", u.id()));

    assertEquals(204, here.post("/me/password", Map.of("current", Fixtures.PASSWORD, "new", "Another-Good-Pass-2026")).status());
    assertEquals(200, here.get("/me").status());
    problem(401, elsewhere.get("/me"));
    assertEquals(401, loginStatus(u, Fixtures.PASSWORD));
    assertEquals(200, loginStatus(u, "Another-Good-Pass-2026"));
    assertEquals(1, audits("CHANGE_PASSWORD", u.id()));
    problem(401, TestApp.anonymous().post("/me/password", Map.of("current", "x", "new", "Another-Good-Pass-2026")));
  }

  @Test
  void aGuardiansChildren_areReplaced_andTheUnlinkedChildIsOutOfReachAtOnce() {
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    String a = Fixtures.child(community, Category.PHYSICAL, LocalDate.of(2019, 3, 1)).path("id").asText();
    String b = Fixtures.child(community, Category.HEARING, LocalDate.of(2020, 4, 1)).path("id").asText();
    AppUser g = Fixtures.createUserDirect(Fixtures.username("lc-guard"), "GUARDIAN", null, null, List.of(UUID.fromString(a)), null);
    Api guardian = Fixtures.login(g);
    assertEquals(200, guardian.get("/persons/" + a).status());

    Api.Resp r = TestApp.admin().put("/users/" + g.id() + "/children", Map.of("childPersonIds", List.of(b)));
    assertEquals(200, r.status(), r.toString());
    assertEquals(List.of(b), List.of(r.get("childPersonIds").get(0).asText()));
    problem(404, guardian.get("/persons/" + a));
    assertEquals(200, guardian.get("/persons/" + b).status());
    assertEquals(b, guardian.get("/me").get("childPersonIds").get(0).asText());
    assertEquals(1, audits("UPDATE_CHILDREN", g.id()));

    Api townAdmin = Fixtures.regionalAdmin(town);
    String away = Fixtures.child(Fixtures.community(), Category.PHYSICAL, LocalDate.of(2019, 5, 1)).path("id").asText();
    invalid(townAdmin.put("/users/" + g.id() + "/children", Map.of("childPersonIds", List.of(away))), "childPersonIds");
    invalid(TestApp.admin().put("/users/" + g.id() + "/children", Map.of("childPersonIds", List.of(UUID.randomUUID().toString()))), "childPersonIds");
    invalid(TestApp.admin().put("/users/" + g.id() + "/children", Map.of("childPersonIds", List.of())), "childPersonIds");
    invalid(TestApp.admin().put("/users/" + g.id() + "/children", Map.of()), "childPersonIds");
    AppUser staff = staffOf(community);
    invalid(TestApp.admin().put("/users/" + staff.id() + "/children", Map.of("childPersonIds", List.of(a))), "childPersonIds");
    assertEquals(b, guardian.get("/me").get("childPersonIds").get(0).asText());
    assertEquals(1, audits("UPDATE_CHILDREN", g.id()));
  }
}
