package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.contracts.ContractFixtures;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The doctor's person page shows the plan's month as PLAN_ADHERENCE counts it: planned vs delivered per service type. */
class DoctorPlanAdherencePageTest {

  @Test
  void personPage_showsThisMonthsPlannedVsDelivered() {
    ContractFixtures.World w = ContractFixtures.world();
    String person = w.person();
    ContractFixtures.activeContract(person, w.doctorId());
    // planBody: REHAB_TRAINING 8 a month at the rehab centre, HEALTH_EDUCATION 1 at home
    Api.Resp plan = w.doctor().post("/persons/" + person + "/plans", ContractFixtures.planBody(w.rehabId()));
    assertEquals(201, plan.status(), plan.toString());
    Api staff = Fixtures.institutionUser(w.rehabId());
    Api.Resp s = staff.withHeader("Idempotency-Key", "adh-" + UUID.randomUUID()).post("/sessions", Map.of("personId", person,
        "serviceType", "REHAB_TRAINING", "date", ContractFixtures.today().toString(), "durationMinutes", 45, "therapist", "王",
        "fee", "80.00", "useChildAid", false));
    assertEquals(201, s.status(), s.toString());

    AppUser doctor = WebFixtures.user("DOCTOR", null, UUID.fromString(w.doctorId()), List.of());
    WebClient.Page p = new WebClient().login(doctor.username(), Fixtures.PASSWORD).get("/app/doctor/persons/" + person);
    assertEquals(200, p.status(), p.toString());
    String month = YearMonth.from(ContractFixtures.today()).toString();
    assertTrue(p.body().contains("本月（" + month + "）至今"), p.body());
    assertTrue(p.body().contains("计入 1 次，计划 9 次"), p.body());
    assertTrue(p.body().contains("康复训练：已提供 1 次，计划 8 次"), p.body());
  }
}
