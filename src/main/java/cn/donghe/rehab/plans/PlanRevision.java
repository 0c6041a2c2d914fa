package cn.donghe.rehab.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One stored revision of a plan: who wrote it, when, and its full content. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlanRevision(int revision, UUID authorId, String authorName, String authorRole, Instant createdAt, PlanContent content,
                           @Schema(description = "该版本由复评产生时：复评日期与记录 / when the revision was made by a review: its day and notes")
                           Review review) {

  /** The review that made a revision (POST /plans/{id}/review). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Review(LocalDate on, String notes) {}

  /** What changed from {@code previousRevision} to {@code revision}, field by field. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Diff(int revision, int previousRevision, UUID authorId, String authorName, String authorRole, Instant createdAt,
                     List<Change> changes) {}

  /** One changed field: {@code path} like {@code goals[1]} or {@code interventions[0].sessionsPerMonth}; null = absent. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Change(String path, JsonNode before, JsonNode after) {}
}
