package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.plans.Goal;
import cn.donghe.rehab.plans.Plan;
import cn.donghe.rehab.plans.PlanContent;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Revising a plan on the doctor's page (goal texts only) keeps the outcomes a review recorded. */
class PlanFormOutcomesTest {
  @Test
  void aGoalTheFormKeeps_keepsItsStatus_aNewGoalIsProposed() {
    LocalDate d = LocalDate.of(2026, 3, 1);
    Plan current = new Plan(UUID.randomUUID(), UUID.randomUUID(), "ACTIVE", 2, List.of(Goal.of("独立行走", "ACHIEVED"), Goal.plain("生活自理")),
        List.of(), d, d.plusMonths(3), null, null, null, null);
    PlanContent fromForm = PlanContent.of(List.of("独立行走", "参与社区活动"), List.of(), d, d.plusMonths(6));
    PlanContent kept = DoctorPagesResource.keepOutcomes(fromForm, current);
    assertEquals(List.of(Goal.of("独立行走", "ACHIEVED"), Goal.plain("参与社区活动")), kept.goals());
    assertEquals(d.plusMonths(6), kept.reviewDate());
  }
}
