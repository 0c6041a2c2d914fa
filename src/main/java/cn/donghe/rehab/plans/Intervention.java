package cn.donghe.rehab.plans;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** One intervention of a plan: what service, where, by which institution, how often. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intervention(@Schema(requiredMode = REQUIRED) String serviceType, UUID institutionId,
                           @Schema(requiredMode = REQUIRED) String setting,
                           @Schema(requiredMode = REQUIRED) Integer sessionsPerMonth, String notes) {}
