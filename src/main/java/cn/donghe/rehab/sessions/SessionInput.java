package cn.donghe.rehab.sessions;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The body of POST /sessions. {@code institutionId}: required from an ADMIN (the institution the session is recorded
 * for), from an INSTITUTION only its own. {@code lateEntryReason}: ADMIN only; required when the date is more than
 * LATE_ENTRY_DAYS back. {@code insurancePaid}: what basic medical insurance paid (DESIGN section 6). {@code setting}: where it took place, HOME, COMMUNITY or INSTITUTION (the default).
 */
public record SessionInput(@Schema(requiredMode = REQUIRED) UUID personId, @Schema(requiredMode = REQUIRED) String serviceType,
                           @Schema(requiredMode = REQUIRED) LocalDate date,
                           @Schema(requiredMode = REQUIRED) Integer durationMinutes,
                           @Schema(requiredMode = REQUIRED) String therapist, @Schema(requiredMode = REQUIRED) BigDecimal fee,
                           @Schema(requiredMode = REQUIRED) Boolean useChildAid, String notes, UUID planId, Integer planRevision,
                           UUID institutionId, String lateEntryReason,
                           // left out of the Idempotency-Key fingerprint when absent, so keys stored before it existed still replay
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           @Schema(description = "HOME, COMMUNITY or INSTITUTION (default INSTITUTION)") String setting,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           @Schema(description = "paid by basic medical insurance first (0.00..fee, default 0.00); aid pays at most the rest")
                           java.math.BigDecimal insurancePaid) {
  /** The insurance share, 0.00 when absent. */
  public BigDecimal insurance() { return insurancePaid == null ? cn.donghe.rehab.common.Money.ZERO : insurancePaid; }
}
