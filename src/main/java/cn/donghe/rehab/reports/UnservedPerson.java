package cn.donghe.rehab.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * A row of a worklist: a person in an indicator's denominator but not its numerator. {@code idNumber} is masked;
 * the community is the one the person is counted in (of the assessment, or of the record for contracts, aid and
 * plans); needs are those of the year's assessment (empty without one); the doctor is the one contracted today, if any.
 * {@code plan}: for PLAN_ADHERENCE only, the plan's planned and delivered sessions of the month.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UnservedPerson(UUID personId, String name, String idNumber, String category, Integer grade, String status,
                             String communityCode, String communityName, List<String> rehabNeeds, List<String> deviceNeeds,
                             UUID doctorId, String doctorName,
                             @JsonInclude(JsonInclude.Include.NON_NULL)
                             @Schema(description = "仅 PLAN_ADHERENCE：该月计划与已提供次数 / PLAN_ADHERENCE only: the month's planned and delivered sessions")
                             PlanGap plan) {

  public UnservedPerson(UUID personId, String name, String idNumber, String category, Integer grade, String status, String communityCode,
                        String communityName, List<String> rehabNeeds, List<String> deviceNeeds, UUID doctorId, String doctorName) {
    this(personId, name, idNumber, category, grade, status, communityCode, communityName, rehabNeeds, deviceNeeds, doctorId, doctorName, null);
  }

  /** A plan's month: sessions planned (sum of sessionsPerMonth) and delivered (non-voided, capped per type), by service type. */
  public record PlanGap(UUID planId, String month, int planned, int delivered, List<TypeGap> interventions) {}

  /** Of one service type: planned per month, and non-voided sessions of the type delivered in the month (not capped). */
  public record TypeGap(String serviceType, int planned, int delivered) {}

  public UnservedPerson withPlan(PlanGap gap) {
    return new UnservedPerson(personId, name, idNumber, category, grade, status, communityCode, communityName, rehabNeeds, deviceNeeds,
        doctorId, doctorName, gap);
  }
}
