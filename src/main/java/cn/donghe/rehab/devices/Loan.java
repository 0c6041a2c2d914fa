package cn.donghe.rehab.devices;

import java.time.LocalDate;
import java.util.UUID;

/** A loan of a pool item: OPEN until returned, then RETURNED. */
public record Loan(UUID id, UUID itemId, UUID personId, LocalDate startDate, LocalDate dueDate, LocalDate returnedOn, String status,
                   String returnCondition, UUID institutionId, String deviceTypeCode, String serialNo, int extensions) {
  public static final String OPEN = "OPEN";
  public static final String RETURNED = "RETURNED";
}
