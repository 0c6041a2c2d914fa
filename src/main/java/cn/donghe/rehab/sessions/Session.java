package cn.donghe.rehab.sessions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A rehab session as the API shows it. The money columns are fixed when it is logged:
 * insurancePaid + aidCharged + selfPay = fee (insurance pays first, DESIGN section 6); aidBalanceAfter is the account balance right after the charge
 * (null without child aid). status is ACTIVE or VOIDED. lateEntryReason: set when an ADMIN recorded it
 * more than LATE_ENTRY_DAYS after its date. setting: HOME, COMMUNITY or INSTITUTION (DESIGN sections 6 and 12).
 */
public record Session(UUID id, UUID personId, UUID institutionId, String institutionName, String serviceType, LocalDate date,
                      int durationMinutes, String therapist, BigDecimal fee, boolean useChildAid, String notes, UUID planId,
                      Integer planRevision, UUID aidAccountId, BigDecimal aidCharged, BigDecimal selfPay,
                      BigDecimal aidBalanceAfter, String status, Instant createdAt, Instant voidedAt, String voidReason,
                      String lateEntryReason, String setting, BigDecimal insurancePaid) {
  public static final String ACTIVE = "ACTIVE";
  public static final String VOIDED = "VOIDED";

  public boolean voided() { return VOIDED.equals(status); }

  /** The session as it was answered when logged (what an Idempotency-Key replay returns). */
  public Session asCreated() {
    return new Session(id, personId, institutionId, institutionName, serviceType, date, durationMinutes, therapist, fee, useChildAid,
        notes, planId, planRevision, aidAccountId, aidCharged, selfPay, aidBalanceAfter, ACTIVE, createdAt, null, null, lateEntryReason, setting, insurancePaid);
  }

  public Session voidedAt(Instant at, String reason) {
    return new Session(id, personId, institutionId, institutionName, serviceType, date, durationMinutes, therapist, fee, useChildAid,
        notes, planId, planRevision, aidAccountId, aidCharged, selfPay, aidBalanceAfter, VOIDED, createdAt, at, reason, lateEntryReason, setting, insurancePaid);
  }
}
