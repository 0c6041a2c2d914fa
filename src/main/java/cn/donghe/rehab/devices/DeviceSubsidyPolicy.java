package cn.donghe.rehab.devices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * 同一类辅具在使用年限内只补贴一次: a person gets at most one subsidised fitting of a device type within its
 * service life, counted from the earlier delivery. Two subsidised deliveries on days a and b clash when
 * {@code [a, a + life)} and {@code [b, b + life)} overlap. An ADMIN may override with a reason.
 */
public final class DeviceSubsidyPolicy {

  /** An earlier (or later) subsidised delivery of the same type to the same person. */
  public record PriorSubsidy(UUID fittingId, LocalDate deliveredOn, LocalDate until) {}

  /** What the caller asks for. {@code overrideReason} null = no override requested. */
  public record Request(LocalDate on, int serviceLifeMonths, BigDecimal subsidy, List<PriorSubsidy> priors,
                        String overrideReason, boolean byAdmin) {}

  public sealed interface Decision permits Allowed, Rejected {}

  /** Allowed; {@code overridden} when only the ADMIN override made it so (to be recorded and audited). */
  public record Allowed(boolean overridden, PriorSubsidy overriding) implements Decision {}

  /** Refused: code {@code subsidy-within-service-life} (409) or {@code override-not-permitted} (403). */
  public record Rejected(String code, String message, PriorSubsidy conflict) implements Decision {}

  public static LocalDate until(LocalDate deliveredOn, int serviceLifeMonths) {
    return deliveredOn.plusMonths(serviceLifeMonths);
  }

  public Decision decide(Request r) {
    if (r.subsidy() == null || r.subsidy().signum() == 0) return new Allowed(false, null);
    Optional<PriorSubsidy> clash = r.priors().stream()
        .filter(p -> p.deliveredOn().isBefore(until(r.on(), r.serviceLifeMonths())) && r.on().isBefore(p.until()))
        .findFirst();
    if (clash.isEmpty()) return new Allowed(false, null);
    PriorSubsidy p = clash.get();
    if (r.overrideReason() == null) {
      return new Rejected("subsidy-within-service-life",
          "该类辅具已于 " + p.deliveredOn() + " 补贴适配，使用年限内（至 " + p.until() + "）不能再次补贴 / a subsidised fitting of this type was delivered on "
              + p.deliveredOn() + "; no second subsidy within its service life (until " + p.until() + ")", p);
    }
    if (!r.byAdmin()) {
      return new Rejected("override-not-permitted", "只有残联管理员可以特批 / only ADMIN staff may override the subsidy policy", p);
    }
    return new Allowed(true, p);
  }
}
