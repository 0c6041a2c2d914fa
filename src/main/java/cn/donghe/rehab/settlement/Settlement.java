package cn.donghe.rehab.settlement;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A monthly child-aid statement of one designated institution (DESIGN section 11): one line per aid charge of the
 * month. DRAFT while the federation reviews it; APPROVED is final. Lists show statements without their lines.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settlement(UUID id, UUID institutionId, String institutionName, String period,
                         @Schema(allowableValues = {"DRAFT", "APPROVED"}) String status, Instant createdAt, Instant approvedAt,
                         List<Line> lines, Totals totals) {
  public static final String DRAFT = "DRAFT";
  public static final String APPROVED = "APPROVED";

  public boolean approved() { return APPROVED.equals(status); }

  /** One aid charge: the session's money as it was logged, and the federation's verdict on it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Line(UUID sessionId, UUID personId, LocalDate date, String serviceType, BigDecimal fee, BigDecimal insurancePaid,
                     BigDecimal aidCharged, @Schema(allowableValues = {"PENDING", "ACCEPTED", "REJECTED"}) String status, String reason) {
    public boolean rejected() { return "REJECTED".equals(status); }
  }

  /** aidClaimed = every line's aid; aidRejected = the rejected lines'; aidPayable = aidClaimed - aidRejected. */
  public record Totals(BigDecimal aidClaimed, BigDecimal aidRejected, BigDecimal aidPayable) {
    static Totals of(List<Line> lines) {
      BigDecimal claimed = BigDecimal.ZERO.setScale(2);
      BigDecimal rejected = BigDecimal.ZERO.setScale(2);
      for (Line l : lines) {
        claimed = claimed.add(l.aidCharged());
        if (l.rejected()) rejected = rejected.add(l.aidCharged());
      }
      return new Totals(claimed, rejected, claimed.subtract(rejected));
    }
  }

  /** The body of POST /settlements. */
  public record CreateInput(@Schema(requiredMode = REQUIRED) UUID institutionId,
                            @Schema(requiredMode = REQUIRED, description = "a CLOSED month, YYYY-MM") String period) {}

  /** The body of POST /settlements/{id}/lines/{sessionId}/reject. */
  public record RejectInput(@Schema(requiredMode = REQUIRED) String reason) {}

  Settlement withLines(List<Line> l) {
    return new Settlement(id, institutionId, institutionName, period, status, createdAt, approvedAt, l, Totals.of(l));
  }
}
