package cn.donghe.rehab.contracts;

import java.time.LocalDate;
import java.util.UUID;

/** Request bodies of the contract endpoints. */
public final class ContractInputs {
  private ContractInputs() {}

  /** {@code POST /contracts}; endDate defaults to one year (start + 1 year - 1 day). */
  public record NewContract(UUID personId, UUID doctorId, LocalDate startDate, LocalDate endDate, String servicePackage) {}

  /** {@code POST /contracts/{id}/terminate}: the contract is no longer in force from {@code date} on. */
  public record Termination(LocalDate date, String reason) {}

  /** Filters of {@code GET /contracts}. */
  public record ContractQuery(UUID doctorId, UUID personId, LocalDate activeOn, Integer expiringWithinDays) {}
}
