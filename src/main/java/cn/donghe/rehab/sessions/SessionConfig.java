package cn.donghe.rehab.sessions;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * Money and date limits of POST /sessions (config.yml {@code sessions:}).
 * {@code lateEntryDays} (LATE_ENTRY_DAYS, default 31): how many days back an INSTITUTION may date a session; older
 * sessions only an ADMIN records, with a {@code lateEntryReason}.
 * {@code maxFee} (MAX_SESSION_FEE, default 5000.00): the highest fee one session may carry, a sanity cap until the
 * fee schedule (issue 18) sets a maximum per service type.
 */
public class SessionConfig {
  @Min(0) @Max(3660) private int lateEntryDays = 31;
  @NotNull @DecimalMin("0.00") @DecimalMax("100000.00") private BigDecimal maxFee = new BigDecimal("5000.00");

  @JsonProperty public int getLateEntryDays() { return lateEntryDays; }
  @JsonProperty public void setLateEntryDays(int d) { this.lateEntryDays = d; }
  @JsonProperty public BigDecimal getMaxFee() { return maxFee; }
  @JsonProperty public void setMaxFee(BigDecimal f) { this.maxFee = f; }
}
