package cn.donghe.rehab.childaid;

import cn.donghe.rehab.common.Money;
import java.math.BigDecimal;

/**
 * How a session's fee is split (DESIGN sections 6 and 11): basic medical insurance pays first; child aid pays
 * {@code min(fee - insurancePaid, maxFee, balance)}; the family pays the rest. Exact decimals, never negative, and the
 * three parts always add up to the fee. The balance part is applied by the database under the account's row lock
 * ({@link #claim} is what is asked of it); {@link #of} is the whole rule in one place, for tests and previews.
 */
public record AidSplit(BigDecimal insurancePaid, BigDecimal aidCharged, BigDecimal selfPay) {
  public AidSplit {
    if (insurancePaid.signum() < 0 || aidCharged.signum() < 0 || selfPay.signum() < 0) {
      throw new IllegalArgumentException("negative part in " + insurancePaid + "/" + aidCharged + "/" + selfPay);
    }
  }

  /** What aid is asked to pay before the balance is looked at: {@code min(fee - insurancePaid, maxFee)}, never below 0. */
  public static BigDecimal claim(BigDecimal fee, BigDecimal insurancePaid, BigDecimal maxFee) {
    BigDecimal rest = fee.subtract(insurancePaid);
    if (rest.signum() < 0) throw new IllegalArgumentException("insurancePaid above fee");
    return Money.scale(rest.min(maxFee).max(BigDecimal.ZERO));
  }

  /** The full split, given the account balance at the time of the charge. */
  public static AidSplit of(BigDecimal fee, BigDecimal insurancePaid, BigDecimal maxFee, BigDecimal balance) {
    BigDecimal aid = claim(fee, insurancePaid, maxFee).min(balance.max(BigDecimal.ZERO));
    return new AidSplit(Money.scale(insurancePaid), Money.scale(aid), Money.scale(fee.subtract(insurancePaid).subtract(aid)));
  }

  /** The family's part once insurance and aid have paid. */
  public static BigDecimal selfPay(BigDecimal fee, BigDecimal insurancePaid, BigDecimal aidCharged) {
    return Money.scale(fee.subtract(insurancePaid).subtract(aidCharged));
  }
}
