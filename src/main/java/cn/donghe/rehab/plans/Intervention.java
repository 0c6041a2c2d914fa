package cn.donghe.rehab.plans;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * One intervention of a plan: what service, where, by which institution, how often; referralId optionally names the
 * referral it came from (a referral of the same person, to the same institution for the same service type).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intervention(@Schema(requiredMode = REQUIRED) String serviceType, UUID institutionId,
                           @Schema(requiredMode = REQUIRED) String setting,
                           @Schema(requiredMode = REQUIRED) Integer sessionsPerMonth, String notes,
                           @Schema(description = "the referral this intervention came from (optional)") UUID referralId) {
  /** An intervention that names no referral. */
  public Intervention(String serviceType, UUID institutionId, String setting, Integer sessionsPerMonth, String notes) {
    this(serviceType, institutionId, setting, sessionsPerMonth, notes, null);
  }
}
