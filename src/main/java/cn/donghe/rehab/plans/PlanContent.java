package cn.donghe.rehab.plans;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * The content of one plan revision, and the body of {@code POST /persons/{id}/plans} and
 * {@code PUT /plans/{planId}} (a full replacement: every revision is complete on its own). Goals are strings
 * (PROPOSED) or {@code {"text","status"}} objects ({@link Goal}).
 */
public record PlanContent(@com.fasterxml.jackson.annotation.JsonProperty(required = true) @ArraySchema(schema = @Schema(oneOf = {String.class, Goal.Item.class}),
                              arraySchema = @Schema(requiredMode = REQUIRED, description = "目标：文字（拟定）或 {text,status} / goals: a text "
                                  + "(PROPOSED) or {text,status}")) List<Goal> goals,
                          @Schema(requiredMode = REQUIRED) List<Intervention> interventions,
                          @Schema(requiredMode = REQUIRED) LocalDate startDate,
                          @Schema(requiredMode = REQUIRED) LocalDate reviewDate) {

  /** Content with plain-string goals (PROPOSED). */
  public static PlanContent of(List<String> goals, List<Intervention> interventions, LocalDate startDate, LocalDate reviewDate) {
    return new PlanContent(goals == null ? null : goals.stream().map(g -> g == null ? null : Goal.plain(g)).toList(), interventions,
        startDate, reviewDate);
  }
}
