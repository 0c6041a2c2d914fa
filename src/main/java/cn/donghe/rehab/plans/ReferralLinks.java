package cn.donghe.rehab.plans;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * How plans check the referral an intervention names without depending on the referrals feature (which depends on
 * plans): the referrals module gives PlanService an implementation while wiring. Without one every referralId is 422.
 */
@FunctionalInterface
public interface ReferralLinks {
  /** What a plan needs to know of a referral. */
  record Target(UUID personId, UUID toInstitutionId, String serviceType) {}

  /** The referral with this id, in the caller's transaction; empty when there is none. */
  Optional<Target> find(Handle h, UUID referralId);
}
