package cn.donghe.rehab.referrals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A referral (转介, DESIGN section 12) as the API shows it. status: PENDING, ACCEPTED, DECLINED, CANCELLED or COMPLETED;
 * overdue: still PENDING more than {@link ReferralRules#OVERDUE_DAYS} days after referredOn. fromDoctorId is null when
 * an ADMIN referred. completedBySessionId: the first matching session of the institution after acceptance.
 */
public record Referral(UUID id, UUID personId, String personName, UUID fromDoctorId, String fromDoctorName, UUID toInstitutionId,
                       String toInstitutionName, String serviceType, String reason, UUID planId, String status,
                       LocalDate referredOn, LocalDate acceptedOn, LocalDate appointmentOn, String declinedReason,
                       LocalDate completedOn, UUID completedBySessionId, boolean overdue, Instant createdAt) {
  public static final String PENDING = "PENDING";
  public static final String ACCEPTED = "ACCEPTED";
  public static final String DECLINED = "DECLINED";
  public static final String CANCELLED = "CANCELLED";
  public static final String COMPLETED = "COMPLETED";
}
