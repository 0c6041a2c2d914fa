package cn.donghe.rehab.periods;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** One month YYYY-MM and whether it is OPEN or CLOSED (DESIGN section 10); a CLOSED month says when, by whom and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Period(@Schema(requiredMode = REQUIRED, example = "2026-03") String period,
                     @Schema(requiredMode = REQUIRED, allowableValues = {"OPEN", "CLOSED"}) String status,
                     Instant closedAt, UUID closedBy, String note) {
  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";

  static Period open(String period) { return new Period(period, OPEN, null, null, null); }

  public boolean closed() { return CLOSED.equals(status); }

  /** POST /periods/{period}/close body; the note is optional. */
  public record CloseInput(String note) {}

  /** POST /periods/{period}/reopen body; the reason is required (audited). */
  public record ReopenInput(@Schema(requiredMode = REQUIRED) String reason) {}
}
