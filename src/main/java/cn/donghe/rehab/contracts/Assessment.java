package cn.donghe.rehab.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
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
  public record Input(LocalDate assessedOn, List<String> rehabNeeds, List<String> deviceNeeds) {}
}
