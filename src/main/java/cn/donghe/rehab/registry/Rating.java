package cn.donghe.rehab.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One disability rating (残疾评定) of a person's history. {@code current} marks the rating in force today;
 * {@code certificateNo} is masked (first 6 characters, 12 stars, the category and grade digits) for every reader.
 */
public record Rating(UUID id, UUID personId, String category, Integer grade,
                     @Schema(nullable = true, example = "150202************41") String certificateNo,
                     LocalDate effectiveDate, String reason, boolean current, Instant createdAt) {

  /** Body of POST /persons/{id}/ratings. */
  public record Input(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String category, Integer grade, String certificateNo,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LocalDate effectiveDate,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String reason) {}

  /** GET /persons/{id}/ratings: newest first. */
  public record History(List<Rating> items) {}
}
