package cn.donghe.rehab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RatesTest {
  static final BigDecimal NINETY = BigDecimal.valueOf(90);

  @Test
  void rate_isRoundedHalfUp_fromExactIntegers() {
    assertEquals("62.50", Rates.rate(5, 8));
    assertEquals("57.14", Rates.rate(4, 7));
    assertEquals("66.67", Rates.rate(2, 3));
    assertEquals("0.13", Rates.rate(1, 800), "0.125 rounds up");
    assertEquals("90.00", Rates.rate(1808, 2009), "89.99502... rounds to 90.00");
    assertEquals("89.99", Rates.rate(17998, 20000), "89.99 exactly");
    assertEquals("90.00", Rates.rate(17999, 20000), "89.995 rounds half-up");
    assertEquals("100.00", Rates.rate(3, 3));
    assertEquals("0.00", Rates.rate(0, 3));
  }

  @Test
  void emptyDenominator_hasNoRate_isMet_withoutShortfall() {
    assertNull(Rates.rate(0, 0));
    assertTrue(Rates.met(0, 0, NINETY));
    assertEquals(0, Rates.shortfall(0, 0, NINETY));
  }

  @Test
  void met_comparesTheUnroundedFraction() {
    assertTrue(Rates.met(9, 10, NINETY));
    assertFalse(Rates.met(1808, 2009, NINETY));
    assertFalse(Rates.met(17999, 20000, NINETY));
    assertTrue(Rates.met(18000, 20000, NINETY));
    assertTrue(Rates.met(1809, 2009, NINETY));
    assertFalse(Rates.met(99, 100, BigDecimal.valueOf(100)));
    assertTrue(Rates.met(923, 1000, new BigDecimal("92.3")));
    assertFalse(Rates.met(922, 1000, new BigDecimal("92.3")));
  }

  @Test
  void shortfall_isTheFewestMorePersonsToServe() {
    assertEquals(1, Rates.shortfall(1808, 2009, NINETY), "1809 / 2009 = 90.04%");
    assertEquals(3, Rates.shortfall(5, 8, NINETY), "7.2 rounds up to 8");
    assertEquals(0, Rates.shortfall(9, 10, NINETY));
    assertEquals(7, Rates.shortfall(2, 9, BigDecimal.valueOf(100)));
    assertEquals(1, Rates.shortfall(922, 1000, new BigDecimal("92.3")));
    assertEquals(9, Rates.shortfall(0, 10, NINETY));
  }

  @Test
  void moneyRate_isSpentOverBudget() {
    assertEquals("0.47", Rates.rate(new BigDecimal("300.00"), new BigDecimal("64000.00")));
    assertNull(Rates.rate(BigDecimal.ZERO, new BigDecimal("0.00")));
  }
}
