package cn.donghe.rehab.referrals;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;

/** Request bodies of the referral endpoints. */
public final class ReferralInputs {
  private ReferralInputs() {}

  /** POST /referrals. planId: optional, a plan of this person. */
  public record Create(@Schema(requiredMode = REQUIRED) UUID personId, @Schema(requiredMode = REQUIRED) UUID toInstitutionId,
                       @Schema(requiredMode = REQUIRED) String serviceType, @Schema(requiredMode = REQUIRED) String reason,
                       UUID planId) {}

  /** POST /referrals/{id}/accept. appointmentOn: optional, not before today. */
  public record Accept(LocalDate appointmentOn) {}

  /** POST /referrals/{id}/decline. */
  public record Decline(@Schema(requiredMode = REQUIRED) String reason) {}
}
