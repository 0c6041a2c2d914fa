package cn.donghe.rehab.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of DESIGN section 8, exact: the rate is rounded half-up to two decimals from integers, while
 * {@code met} and {@code shortfall} compare the unrounded fraction with the target
 * ({@code numerator x 100 >= target x denominator}). An empty denominator has no rate ({@code null}); the
 * comparison then reads {@code 0 >= 0}, so it is met with no shortfall: nobody is left to serve.
 */
public final class Rates {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private Rates() {}

  /** numerator / denominator in percent, two decimals, half-up; null when the denominator is 0. */
  public static String rate(long numerator, long denominator) {
    if (denominator == 0) return null;
    return BigDecimal.valueOf(numerator).multiply(HUNDRED).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP).toPlainString();
  }

  /** Money ratio in percent (spent / budget), two decimals, half-up; null when the budget is 0. */
  public static String rate(BigDecimal numerator, BigDecimal denominator) {
    if (denominator.signum() == 0) return null;
    return numerator.multiply(HUNDRED).divide(denominator, 2, RoundingMode.HALF_UP).toPlainString();
  }

  public static boolean met(long numerator, long denominator, BigDecimal target) {
    return BigDecimal.valueOf(numerator).multiply(HUNDRED).compareTo(target.multiply(BigDecimal.valueOf(denominator))) >= 0;
  }

  /** The fewest more persons to serve so that the target is met (0 when it is). */
  public static long shortfall(long numerator, long denominator, BigDecimal target) {
    if (met(numerator, denominator, target)) return 0;
    long needed = target.multiply(BigDecimal.valueOf(denominator)).divide(HUNDRED, 0, RoundingMode.CEILING).longValueExact();
    return Math.min(needed, denominator) - numerator;
  }
}
