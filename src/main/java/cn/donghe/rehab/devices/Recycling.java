package cn.donghe.rehab.devices;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A recycling intake (回收): RECEIVED, then REFURBISHED (a new pool item) or SCRAPPED. */
public record Recycling(UUID id, UUID fittingId, UUID sourceItemId, String deviceTypeCode, String serialNo, String condition,
                        UUID institutionId, String status, LocalDate receivedOn, LocalDate inspectedOn, UUID resultItemId,
                        Instant createdAt, Instant updatedAt) {
  public static final String RECEIVED = "RECEIVED";
  public static final String REFURBISHED = "REFURBISHED";
  public static final String SCRAPPED = "SCRAPPED";
}
