package cn.donghe.rehab.referrals;

import java.util.List;

/**
 * The federation's view of referral take-up (issue 19 item 3): per town, referrals made in the year, how many were
 * accepted and completed, and the median days from referral to acceptance (null when none was accepted).
 */
public record TakeUp(int year, String regionCode, List<Town> towns) {
  public record Town(String townCode, long referred, long accepted, long completed, String medianDaysToAcceptance) {}

  record Row(String town, long referred, long accepted, long completed, Double medianDays) {
    Town toTown() {
      return new Town(town, referred, accepted, completed,
          medianDays == null ? null : java.math.BigDecimal.valueOf(medianDays).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString());
    }
  }
}
