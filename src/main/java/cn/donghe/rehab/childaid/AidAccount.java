package cn.donghe.rehab.childaid;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A child's aid account for one year with its ledger, oldest entry first. spent = budget - balance. */
public record AidAccount(UUID id, UUID personId, int year, String category, BigDecimal budget, BigDecimal spent,
                         BigDecimal balance, Consent guardianConsent, Instant createdAt, List<Entry> entries) {

  /** Guardian consent to processing a child's information (PIPL art. 31). */
  public record Consent(@Schema(requiredMode = REQUIRED) String name, @Schema(requiredMode = REQUIRED) String relation,
                        @Schema(requiredMode = REQUIRED) LocalDate signedOn) {}

  /** One ledger entry; amount is signed (CHARGE negative; ADJUSTMENT either way; BUDGET, REVERSAL and the legacy TOP_UP positive). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(Instant at,
                      @Schema(allowableValues = {"BUDGET", "CHARGE", "REVERSAL", "ADJUSTMENT", "SETTLEMENT_REFUND", "TOP_UP"},
                          description = "SETTLEMENT_REFUND (+): the charge of a session whose settlement line the federation rejected; "
                              + "ADJUSTMENT (+ or -): every change of the budget after enrolment (standard changed, void after a cut); "
                              + "TOP_UP: only in entries written before 2026-12 (raises), read it as a positive ADJUSTMENT") String kind,
                      BigDecimal amount, BigDecimal balanceAfter, UUID sessionId,
                      String institutionName, LocalDate sessionDate) {}

  public AidAccount withEntries(List<Entry> e) {
    return new AidAccount(id, personId, year, category, budget, spent, balance, guardianConsent, createdAt, e);
  }
}
