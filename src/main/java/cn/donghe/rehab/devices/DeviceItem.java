package cn.donghe.rehab.devices;

import java.time.Instant;
import java.util.UUID;

/** A pool item (租赁/周转辅具). Its location is its institution. */
public record DeviceItem(UUID id, String deviceTypeCode, String serialNo, String condition, String status, UUID institutionId,
                         String institutionName, boolean refurbished, int reuseCount, String retiredReason,
                         Instant createdAt, Instant updatedAt) {
  public static final String AVAILABLE = "AVAILABLE";
  public static final String ON_LOAN = "ON_LOAN";
  public static final String IN_REPAIR = "IN_REPAIR";
  public static final String RETIRED = "RETIRED";
}
