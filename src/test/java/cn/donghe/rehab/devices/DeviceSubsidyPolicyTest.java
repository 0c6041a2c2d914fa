package cn.donghe.rehab.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The policy alone, without a database. */
class DeviceSubsidyPolicyTest {
  private static final DeviceSubsidyPolicy POLICY = new DeviceSubsidyPolicy();
  private static final BigDecimal SUBSIDY = new BigDecimal("800.00");
  private static final LocalDate FIRST = LocalDate.of(2024, 5, 10);
  private static final List<DeviceSubsidyPolicy.PriorSubsidy> PRIOR =
      List.of(new DeviceSubsidyPolicy.PriorSubsidy(UUID.randomUUID(), FIRST, DeviceSubsidyPolicy.until(FIRST, 36)));

  private static DeviceSubsidyPolicy.Decision decide(LocalDate on, BigDecimal subsidy, String reason, boolean admin) {
    return POLICY.decide(new DeviceSubsidyPolicy.Request(on, 36, subsidy, PRIOR, reason, admin));
  }

  @Test
  void withinServiceLifeOfTheEarlierDelivery_isRejected() {
    var d = assertInstanceOf(DeviceSubsidyPolicy.Rejected.class, decide(FIRST.plusMonths(36).minusDays(1), SUBSIDY, null, false));
    assertEquals("subsidy-within-service-life", d.code());
  }

  @Test
  void onTheDayTheServiceLifeEnds_isAllowed() {
    var d = assertInstanceOf(DeviceSubsidyPolicy.Allowed.class, decide(FIRST.plusMonths(36), SUBSIDY, null, false));
    assertFalse(d.overridden());
  }

  @Test
  void anEarlierBackdatedDeliveryWhoseLifeReachesThePrior_isRejected() {
    assertInstanceOf(DeviceSubsidyPolicy.Rejected.class, decide(FIRST.minusMonths(35), SUBSIDY, null, false));
    assertInstanceOf(DeviceSubsidyPolicy.Allowed.class, decide(FIRST.minusMonths(36), SUBSIDY, null, false));
  }

  @Test
  void zeroSubsidy_isNeverAConflict() {
    assertInstanceOf(DeviceSubsidyPolicy.Allowed.class, decide(FIRST.plusDays(1), BigDecimal.ZERO.setScale(2), null, false));
  }

  @Test
  void adminOverride_allows_andSaysSo_butNonAdminOverrideIsRefused() {
    var ok = assertInstanceOf(DeviceSubsidyPolicy.Allowed.class, decide(FIRST.plusDays(1), SUBSIDY, "损毁", true));
    assertTrue(ok.overridden());
    assertEquals(PRIOR.get(0), ok.overriding());
    var no = assertInstanceOf(DeviceSubsidyPolicy.Rejected.class, decide(FIRST.plusDays(1), SUBSIDY, "损毁", false));
    assertEquals("override-not-permitted", no.code());
  }
}
