package cn.donghe.rehab.childaid;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A year's child-aid fee schedule (DESIGN section 11): {@code items} are those of the latest version ({@code version},
 * {@code effectiveFrom}); {@code versions} lists every version, oldest first. Aid pays at most {@code maxFee} for one
 * session of the service type; a type missing from the version in force on the session's date cannot use child aid.
 */
public record FeeSchedule(int year, int version, LocalDate effectiveFrom, List<Item> items, List<Version> versions) {

  public record Item(@Schema(requiredMode = REQUIRED) String serviceType, @Schema(requiredMode = REQUIRED) BigDecimal maxFee) {}

  public record Version(int version, LocalDate effectiveFrom, Instant createdAt, List<Item> items) {}

  /**
   * The body of PUT /fee-schedules/{year}. {@code effectiveFrom}: the first session date the new version applies to;
   * default 1 January for a year's first version, otherwise today.
   */
  public record Input(@Schema(requiredMode = REQUIRED) List<Item> items,
                      @Schema(description = "first session date this version applies to (default: 1 January for the first version, else today)")
                      LocalDate effectiveFrom) {}
}
