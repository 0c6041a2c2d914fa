package cn.donghe.rehab.devices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A repair of a pool item or of a fitted device: OPEN -> IN_PROGRESS -> DONE | UNREPAIRABLE
 * (OPEN may also end directly). A pool item is IN_REPAIR meanwhile, then AVAILABLE or RETIRED.
 */
public record Repair(UUID id, UUID itemId, UUID fittingId, UUID loanId, UUID institutionId, String problem, String status,
                     BigDecimal cost, String notes, LocalDate openedOn, LocalDate startedOn, LocalDate closedOn,
                     Instant createdAt, Instant updatedAt) {
  public static final String OPEN = "OPEN";
  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String DONE = "DONE";
  public static final String UNREPAIRABLE = "UNREPAIRABLE";
}
