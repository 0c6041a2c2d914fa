package cn.donghe.rehab.plans;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * The content of one plan revision, and the body of {@code POST /persons/{id}/plans} and
 * {@code PUT /plans/{planId}} (a full replacement: every revision is complete on its own).
 */
public record PlanContent(@Schema(requiredMode = REQUIRED) List<String> goals,
                          @Schema(requiredMode = REQUIRED) List<Intervention> interventions,
                          @Schema(requiredMode = REQUIRED) LocalDate startDate,
                          @Schema(requiredMode = REQUIRED) LocalDate reviewDate) {}
