package cn.donghe.rehab.referrals;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.common.ServiceType;
import java.time.LocalDate;
import java.util.Set;

/** The rules of a referral that need no database. */
final class ReferralRules {
  /** A referral still PENDING this many days after it was made is overdue. */
  static final int OVERDUE_DAYS = 7;
  static final Set<String> STATUSES = Set.of(Referral.PENDING, Referral.ACCEPTED, Referral.DECLINED, Referral.CANCELLED,
      Referral.COMPLETED);

  private ReferralRules() {}

  static void validate(ReferralInputs.Create in) {
    Checks c = new Checks();
    c.required(in.personId(), "personId");
    c.required(in.toInstitutionId(), "toInstitutionId");
    c.required(in.serviceType(), "serviceType");
    c.require(in.serviceType() == null || ServiceType.isValid(in.serviceType()), "serviceType", "未知服务类型 / unknown service type");
    c.required(in.reason(), "reason");
    Text.check(c, in.reason(), 1000, "reason");
    c.throwIfAny();
  }

  /**
   * The institution must provide the service: REHAB for every service type (its sessions complete the referral),
   * and DEVICE as well for DEVICE_SERVICE. 422 on toInstitutionId otherwise (also for an unknown institution).
   */
  static void requireOffers(Institution to, String serviceType) {
    boolean ok = to != null && to.offers("REHAB") && (!"DEVICE_SERVICE".equals(serviceType) || to.offers("DEVICE"));
    if (!ok) {
      throw ApiException.invalid("toInstitutionId", "该机构不提供此项服务 / the institution does not offer this service");
    }
  }

  /** Moves only from PENDING; anything else is 409 referral-state. */
  static void requirePending(Referral r, String zh, String en) {
    if (!Referral.PENDING.equals(r.status())) {
      throw ApiException.conflict("referral-state", "转介当前状态为 " + r.status() + "，不能" + zh + " / the referral is "
          + r.status() + " and cannot be " + en).with("referralStatus", r.status());
    }
  }

  static boolean overdue(String status, LocalDate referredOn, LocalDate today) {
    return Referral.PENDING.equals(status) && referredOn.isBefore(today.minusDays(OVERDUE_DAYS));
  }
}
