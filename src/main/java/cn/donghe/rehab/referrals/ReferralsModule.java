package cn.donghe.rehab.referrals;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.plans.PlanService;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.sessions.SessionService;

/** Wires referrals after sessions: a logged session completes an accepted referral in its own transaction. */
public final class ReferralsModule {
  private ReferralsModule() {}

  public static void register(AppContext ctx) {
    ReferralService referrals = ctx.put(ReferralService.class, new ReferralService(ctx.jdbi(), ctx.audit(), ctx.clock(),
        ctx.get(PersonScope.class), ctx.get(PlanService.class)));
    ctx.get(SessionService.class).onLogged(referrals::completeOnSession);
    ctx.get(PlanService.class).linkReferrals(referrals::target);
    ctx.register(new ReferralResource(referrals));
  }
}
