package cn.donghe.rehab.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A rehab plan (一人一案) as its current revision shows it; {@code revision} is also the ETag. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Plan(UUID id, UUID personId, String status, int revision, @ArraySchema(schema = @Schema(oneOf = {String.class, Goal.Item.class})) List<Goal> goals, List<Intervention> interventions,
                   LocalDate startDate, LocalDate reviewDate, Instant createdAt, Instant updatedAt, Instant closedAt,
                   String closeReason) {

  public String etag() { return "\"" + revision + "\""; }
}
