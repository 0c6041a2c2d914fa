package cn.donghe.rehab.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A row of the review-overdue worklist: an ACTIVE plan whose reviewDate has passed. {@code idNumber} is masked;
 * {@code daysOverdue} counts days since the review date (today in the service's zone); the doctor is the one
 * contracted today, if any.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OverdueReview(UUID planId, UUID personId, String name, String idNumber, String communityCode, LocalDate reviewDate,
                            int daysOverdue, UUID doctorId, String doctorName) {}
