package cn.donghe.rehab.contracts;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A yearly needs assessment: who needs rehab services and which devices in that year (the
 * denominators of the indicators). {@code regionCode} is the person's region when assessed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Assessment(UUID personId, int year, LocalDate assessedOn, List<String> rehabNeeds, List<String> deviceNeeds,
                         String regionCode, UUID assessedBy, Instant createdAt, Instant updatedAt) {

  /** {@code PUT /persons/{id}/assessments/{year}} body. */
  public record Input(@Schema(requiredMode = REQUIRED) LocalDate assessedOn,
                      @Schema(requiredMode = REQUIRED) List<String> rehabNeeds, List<String> deviceNeeds) {}
}
