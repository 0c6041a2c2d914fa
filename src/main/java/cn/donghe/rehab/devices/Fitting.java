package cn.donghe.rehab.devices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A fitting (适配): REQUESTED -> ASSESSED | REJECTED; ASSESSED -> FITTED -> FOLLOWED_UP;
 * REQUESTED | ASSESSED -> CANCELLED.
 */
public record Fitting(UUID id, UUID personId, String deviceTypeCode, UUID institutionId, String status, LocalDate requestedOn,
                      LocalDate assessedOn, Boolean suitable, String assessmentNotes, LocalDate deliveredOn, String serialNo,
                      UUID itemId, BigDecimal subsidy, LocalDate subsidyUntil, SubsidyOverride subsidyOverride,
                      LocalDate followUpOn, String followUpOutcome, String followUpNotes, LocalDate cancelledOn,
                      String cancelReason, Instant createdAt, Instant updatedAt) {
  public static final String REQUESTED = "REQUESTED";
  public static final String ASSESSED = "ASSESSED";
  public static final String REJECTED = "REJECTED";
  public static final String FITTED = "FITTED";
  public static final String FOLLOWED_UP = "FOLLOWED_UP";
  public static final String CANCELLED = "CANCELLED";

  /** An ADMIN's decision to subsidise despite the service-life rule, with its reason. */
  public record SubsidyOverride(String reason, UUID by) {}

  public boolean delivered() { return deliveredOn != null; }
}
