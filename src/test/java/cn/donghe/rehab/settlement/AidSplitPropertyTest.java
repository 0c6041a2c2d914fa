package cn.donghe.rehab.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.childaid.AidSplit;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Insurance first, aid for the rest up to the schedule's cap and the balance, the family the remainder (DESIGN sections
 * 6 and 11): over 100,000 random cents-exact cases the parts add up to the fee exactly, none is negative, and aid is
 * exactly min(fee - insurancePaid, maxFee, balance).
 */
class AidSplitPropertyTest {
  private static BigDecimal cents(Random r, int maxCents) { return BigDecimal.valueOf(r.nextInt(maxCents + 1), 2); }

  @Test
  void split_forRandomAmounts_addsUpExactly_andAidIsTheSmallestOfTheThreeLimits() {
    Random r = new Random(18);
    for (int i = 0; i < 100_000; i++) {
      BigDecimal fee = cents(r, 1_000_000);
      BigDecimal insurance = r.nextInt(4) == 0 ? BigDecimal.ZERO.setScale(2) : fee.multiply(BigDecimal.valueOf(r.nextInt(101), 2))
          .setScale(2, java.math.RoundingMode.DOWN);
      BigDecimal maxFee = cents(r, 600_000);
      BigDecimal balance = cents(r, 2_400_000);
      AidSplit s = AidSplit.of(fee, insurance, maxFee, balance);
      String c = fee + "/" + insurance + "/" + maxFee + "/" + balance;
      assertEquals(0, s.insurancePaid().add(s.aidCharged()).add(s.selfPay()).compareTo(fee), c);
      assertEquals(0, s.aidCharged().compareTo(fee.subtract(insurance).min(maxFee).min(balance)), c);
      assertTrue(s.aidCharged().signum() >= 0 && s.selfPay().signum() >= 0, c);
      assertEquals(2, s.aidCharged().scale(), c);
      assertEquals(2, s.selfPay().scale(), c);
    }
  }

  @Test
  void split_examples_fromTheIssue() {
    AidSplit a = AidSplit.of(new BigDecimal("800.00"), new BigDecimal("200.00"), new BigDecimal("500.00"), new BigDecimal("20000.00"));
    assertEquals(new BigDecimal("500.00"), a.aidCharged());
    assertEquals(new BigDecimal("100.00"), a.selfPay());
    AidSplit b = AidSplit.of(new BigDecimal("0.03"), new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("0.00"));
    assertEquals(new BigDecimal("0.00"), b.aidCharged());
    assertEquals(new BigDecimal("0.02"), b.selfPay());
    AidSplit all = AidSplit.of(new BigDecimal("300.00"), new BigDecimal("300.00"), new BigDecimal("500.00"), new BigDecimal("100.00"));
    assertEquals(new BigDecimal("0.00"), all.aidCharged());
    assertEquals(new BigDecimal("0.00"), all.selfPay());
  }

  @Test
  void claim_withInsuranceAboveTheFee_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> AidSplit.claim(new BigDecimal("10.00"), new BigDecimal("10.01"), new BigDecimal("5.00")));
  }
}
