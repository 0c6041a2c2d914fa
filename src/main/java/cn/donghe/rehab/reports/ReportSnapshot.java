package cn.donghe.rehab.reports;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A published report, frozen: the parameters, the whole report as computed then (figures, targets, definition
 * versions) and, per indicator, the SHA-256 of the numerator and denominator person sets.
 */
public record ReportSnapshot(UUID id, int year, String regionCode, LocalDate asOf, String groupBy, Instant createdAt, UUID createdBy,
                             IndicatorReport report, Map<String, PersonSetHashes> hashes) {

  /** POST /reports/snapshots body; {@code groupBy} and {@code asOf} are optional as in the live report. */
  public record Input(@Schema(requiredMode = REQUIRED) Integer year, String regionCode, String groupBy, String asOf) {}

  /** The snapshot's hashes re-computed on today's data: equal for every indicator whose person sets did not change. */
  public record Verification(UUID snapshotId, boolean matches, Map<String, Check> indicators) {
    public record Check(boolean matches, PersonSetHashes snapshot, PersonSetHashes current) {}
  }
}
