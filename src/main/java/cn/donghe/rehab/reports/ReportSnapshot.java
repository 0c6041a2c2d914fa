package cn.donghe.rehab.reports;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A published report, frozen: the parameters, the whole report as computed then (figures, targets, definition
 * versions) and, per indicator, the SHA-256 of the numerator and denominator person sets. {@code final}: all twelve
 * months of the year were CLOSED when it was taken (DESIGN section 10), so its figures can no longer change.
 */
public record ReportSnapshot(UUID id, int year, String regionCode, LocalDate asOf, String groupBy, Instant createdAt, UUID createdBy,
                             IndicatorReport report, Map<String, PersonSetHashes> hashes,
                             @JsonProperty("final") @Schema(name = "final", requiredMode = REQUIRED,
                                 description = "该年 12 个月均已关闭 / all twelve months of the year were closed when it was taken")
                             boolean isFinal,
                             @Schema(description = "计算快照所用的指标定义版本（1 或 2）/ the definition version the snapshot was computed with (1 or 2)",
                                 allowableValues = {"1", "2"}, requiredMode = REQUIRED)
                             int definitionVersion) {

  /**
   * POST /reports/snapshots body; {@code groupBy}, {@code asOf}, {@code month} (of PLAN_ADHERENCE) and
   * {@code definitionVersion} (1 or 2, default 2) are optional as in the live report.
   */
  public record Input(@Schema(requiredMode = REQUIRED) Integer year, String regionCode, String groupBy, String asOf,
                      @Schema(allowableValues = {"1", "2"}) Integer definitionVersion, String month) {
    public Input(Integer year, String regionCode, String groupBy, String asOf) {
      this(year, regionCode, groupBy, asOf, null, null);
    }
  }

  /** The snapshot's hashes re-computed on today's data: equal for every indicator whose person sets did not change. */
  public record Verification(UUID snapshotId, boolean matches, Map<String, Check> indicators) {
    public record Check(boolean matches, PersonSetHashes snapshot, PersonSetHashes current) {}
  }
}
