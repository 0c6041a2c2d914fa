package cn.donghe.rehab.contracts;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;

/** Request bodies of the contract endpoints. */
public final class ContractInputs {
  private ContractInputs() {}

  /** {@code POST /contracts}; endDate defaults to one year (start + 1 year - 1 day). */
  public record NewContract(@Schema(requiredMode = REQUIRED) UUID personId, UUID doctorId,
                            @Schema(requiredMode = REQUIRED) LocalDate startDate, LocalDate endDate,
                            @Schema(requiredMode = REQUIRED) String servicePackage) {}

  /** {@code POST /contracts/{id}/terminate}: the contract is no longer in force from {@code date} on. */
  public record Termination(@Schema(requiredMode = REQUIRED) LocalDate date, @Schema(requiredMode = REQUIRED) String reason) {}

  /** Filters of {@code GET /contracts}. */
  public record ContractQuery(UUID doctorId, UUID personId, LocalDate activeOn, Integer expiringWithinDays) {}
}
