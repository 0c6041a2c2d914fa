package cn.donghe.rehab.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A family-doctor contract (家庭医生签约). {@code endDate} is the last day of the term (inclusive);
 * a termination on day D ends it before D. {@code status} is derived from the dates and today:
 * PENDING (not yet started), ACTIVE, EXPIRED (term over), TERMINATED.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Contract(UUID id, UUID personId, String personName, UUID doctorId, String doctorName, LocalDate startDate,
                       LocalDate endDate, String servicePackage, LocalDate terminatedOn, String terminationReason,
                       String status, Instant createdAt) {

  public static String statusOn(LocalDate today, LocalDate start, LocalDate end, LocalDate terminatedOn) {
    if (terminatedOn != null && !terminatedOn.isAfter(today)) return "TERMINATED";
    if (today.isBefore(start)) return "PENDING";
    if (today.isAfter(end)) return "EXPIRED";
    return "ACTIVE";
  }
}
