package cn.donghe.rehab.plans;

import java.time.LocalDate;
import java.util.List;

/**
 * The content of one plan revision, and the body of {@code POST /persons/{id}/plans} and
 * {@code PUT /plans/{planId}} (a full replacement: every revision is complete on its own).
 */
public record PlanContent(List<String> goals, List<Intervention> interventions, LocalDate startDate, LocalDate reviewDate) {}
