package cn.donghe.rehab.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** One intervention of a plan: what service, where, by which institution, how often. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Intervention(String serviceType, UUID institutionId, String setting, Integer sessionsPerMonth, String notes) {}
