package cn.donghe.rehab.plans;

import static cn.donghe.rehab.contracts.ContractFixtures.activeContract;
import static cn.donghe.rehab.contracts.ContractFixtures.assertProblem;
import static cn.donghe.rehab.contracts.ContractFixtures.contract;
import static cn.donghe.rehab.contracts.ContractFixtures.planBody;
import static cn.donghe.rehab.contracts.ContractFixtures.today;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.contracts.ContractFixtures;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each role against a plan in its scope and one outside it. */
class PlanScopeTest {
  /** A child with a plan naming the world's rehab institution, contracted with the world's doctor. */
  private record Setup(ContractFixtures.World w, String child, String planId) {}

  private static Setup setup() {
    ContractFixtures.World w = ContractFixtures.world();
    String child = Fixtures.child(w.community(), Category.PHYSICAL, LocalDate.of(2019, 4, 4)).path("id").asText();
    activeContract(child, w.doctorId());
    Api.Resp r = w.doctor().post("/persons/" + child + "/plans", planBody(w.rehabId()));
    assertEquals(201, r.status(), r.toString());
    return new Setup(w, child, r.str("id"));
  }

  private static void assertReads(Api api, Setup s, boolean currentPlan, boolean planById, boolean revisions) {
    assertEquals(currentPlan ? 200 : 404, api.get("/persons/" + s.child() + "/plan").status(), "current plan");
    assertEquals(planById ? 200 : 404, api.get("/plans/" + s.planId()).status(), "plan by id");
    int rev = api.get("/plans/" + s.planId() + "/revisions").status();
    assertEquals(revisions ? 200 : 404, rev, "revisions");
  }

  @Test
  void admin_globalAndRegionalInScope_otherRegion404() {
    Setup s = setup();
    assertReads(TestApp.admin(), s, true, true, true);
    Api regionalIn = Fixtures.regionalAdmin(s.w().town());
    assertReads(regionalIn, s, true, true, true);
    assertEquals(200, regionalIn.withHeader("If-Match", "\"1\"").put("/plans/" + s.planId(), planBody(s.w().rehabId())).status());
    Api regionalOut = Fixtures.regionalAdmin(Fixtures.town());
    assertReads(regionalOut, s, false, false, false);
    assertProblem(regionalOut.withHeader("If-Match", "\"2\"").put("/plans/" + s.planId(), planBody(s.w().rehabId())), 404);
    assertProblem(regionalOut.post("/plans/" + s.planId() + "/close", null), 404);
    assertProblem(regionalOut.post("/persons/" + s.child() + "/plans", planBody(s.w().rehabId())), 404);
  }

  @Test
  void doctor_contractedInScope_otherOrLapsedDoctor404() {
    Setup s = setup();
    assertReads(s.w().doctor(), s, true, true, true);
    String otherDoctorId = Fixtures.doctor(s.w().clinicId()).path("id").asText();
    Api other = Fixtures.doctorUser(otherDoctorId);
    assertReads(other, s, false, false, false);
    assertProblem(other.withHeader("If-Match", "\"1\"").put("/plans/" + s.planId(), planBody(s.w().rehabId())), 404);
    assertProblem(other.post("/plans/" + s.planId() + "/close", null), 404);
    assertProblem(other.get("/persons/" + s.child() + "/plans"), 404);

    // A doctor whose contract expired reads nothing of the person any more.
    String lapsedPerson = s.w().person();
    contract(lapsedPerson, otherDoctorId, today().minusYears(2));
    assertProblem(other.post("/persons/" + lapsedPerson + "/plans", planBody(s.w().rehabId())), 404);
    String planOfLapsed = TestApp.admin().post("/persons/" + lapsedPerson + "/plans", planBody(s.w().rehabId())).str("id");
    assertProblem(other.get("/plans/" + planOfLapsed), 404);
    assertProblem(other.get("/persons/" + lapsedPerson + "/plan"), 404);

    assertEquals(200, s.w().doctor().post("/plans/" + s.planId() + "/close", Map.of("reason", "结束")).status());
  }

  @Test
  void guardian_readsOnlyTheCurrentPlanOfOwnChild() {
    Setup s = setup();
    Api guardian = Fixtures.guardianUser(s.child());
    assertEquals(200, guardian.get("/persons/" + s.child() + "/plan").status());
    assertEquals(200, guardian.get("/plans/" + s.planId()).status());
    assertProblem(guardian.get("/plans/" + s.planId() + "/revisions"), 403);
    assertProblem(guardian.withHeader("If-Match", "\"1\"").put("/plans/" + s.planId(), planBody(s.w().rehabId())), 403);
    assertProblem(guardian.post("/plans/" + s.planId() + "/close", null), 403);
    assertProblem(guardian.post("/persons/" + s.child() + "/plans", planBody(s.w().rehabId())), 403);

    Setup other = setup();
    assertProblem(guardian.get("/persons/" + other.child() + "/plan"), 404);
    assertProblem(guardian.get("/plans/" + other.planId()), 404);

    // Once closed, it is no longer the current plan.
    TestApp.admin().post("/plans/" + s.planId() + "/close", null);
    assertProblem(guardian.get("/plans/" + s.planId()), 404);
    assertProblem(guardian.get("/persons/" + s.child() + "/plan"), 404);
  }

  @Test
  void institution_readsPlansNamingIt_only() {
    Setup s = setup();
    Api named = Fixtures.institutionUser(s.w().rehabId());
    assertReads(named, s, true, true, true);
    assertEquals(200, named.get("/plans/" + s.planId() + "/revisions?diff=true").status());
    assertProblem(named.withHeader("If-Match", "\"1\"").put("/plans/" + s.planId(), planBody(s.w().rehabId())), 403);
    assertProblem(named.post("/plans/" + s.planId() + "/close", null), 403);
    assertProblem(named.post("/persons/" + s.child() + "/plans", planBody(s.w().rehabId())), 403);
    assertProblem(named.get("/persons/" + s.child() + "/plans"), 403);

    String otherInst = Fixtures.institution(s.w().community(), false, "REHAB").path("id").asText();
    Api notNamed = Fixtures.institutionUser(otherInst);
    assertReads(notNamed, s, false, false, false);

    // A revision that moves the intervention to the other institution moves read access with it.
    Api.Resp r = TestApp.admin().withHeader("If-Match", "\"1\"").put("/plans/" + s.planId(), planBody(otherInst));
    assertEquals(200, r.status(), r.toString());
    assertReads(notNamed, s, true, true, true);
    assertReads(named, s, false, false, false);
  }

  @Test
  void anonymous_is401() {
    Setup s = setup();
    assertProblem(TestApp.anonymous().get("/persons/" + s.child() + "/plan"), 401);
    assertProblem(TestApp.anonymous().get("/plans/" + s.planId() + "/revisions"), 401);
  }
}
